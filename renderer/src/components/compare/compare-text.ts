/** Words and order for compare classes, shared by the counts, the filter and the rows. */
import type { CompareClass, CompareReason, Location } from '../../../../app/api/types';

export const CLASSES: CompareClass[] = ['only-left', 'only-right', 'different', 'unknown', 'same'];

export function className(cls: CompareClass, left: string, right: string): string {
  switch (cls) {
    case 'only-left':
      return `Only in ${left}`;
    case 'only-right':
      return `Only in ${right}`;
    case 'different':
      return 'Different';
    case 'unknown':
      return 'Unknown';
    case 'same':
      return 'Same';
    default: {
      const never: never = cls;
      return String(never);
    }
  }
}

export const REASONS: Record<CompareReason, string> = {
  missing: 'missing on the other side',
  size: 'sizes differ',
  etag: 'MD5 ETags',
  content: 'content hash',
  mtime: 'modification times differ',
  'right-newer': 'same size, written after the other (deep compare reads it)',
  'size-only': 'same size (nothing else to compare)',
  'multipart-etag': 'multipart ETag: compare deeply to know',
};

export function where(loc: Location, connectionLabel: (id: string) => string): string {
  if (loc.kind === 'local') return loc.path;
  return `${connectionLabel(loc.connectionId)}: ${loc.bucket}/${loc.prefix}`;
}

/** A location a compare can start from: a folder, or a prefix inside a bucket. */
export function comparable(loc: Location | null): loc is Location {
  return loc !== null && (loc.kind === 'local' || loc.bucket !== '');
}
