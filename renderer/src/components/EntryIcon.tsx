/** Small inline icons: the desktop window and serve mode have no icon font to rely on. */
import type { EntryKind } from '../../../app/api/types';

const paths: Record<EntryKind, string> = {
  folder: 'M1.5 3.5h5l1.5 1.5h6.5v8.5h-13z',
  bucket: 'M2 4h12l-1.5 9.5h-9zM2 4c0-1.5 12-1.5 12 0',
  object: 'M3.5 1.5h6l3 3v10h-9zM9.5 1.5v3h3',
  file: 'M3.5 1.5h6l3 3v10h-9zM9.5 1.5v3h3',
};

export function EntryIcon({ kind }: { kind: EntryKind }) {
  return (
    <svg className={`icon icon-${kind}`} width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path d={paths[kind]} fill="none" stroke="currentColor" strokeWidth="1.2" strokeLinejoin="round" />
    </svg>
  );
}
