/** Words and order for compare classes, shared by the counts, the filter and the rows. */
import type { CompareClass, CompareReason, ItemRef, Location, PreviewAction } from '../../../../app/api/types';

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

export const ACTIONS: PreviewAction[] = ['upload', 'overwrite', 'delete', 'conflict', 'skip'];

export const ACTION_LABELS: Record<PreviewAction, string> = {
  upload: 'Upload',
  overwrite: 'Overwrite',
  delete: 'Delete',
  conflict: 'Conflict',
  skip: 'Skip',
};

/** Which way a sync goes: one pane onto the other, or both ways (the newer side wins). */
export type Direction = 'a-b' | 'b-a' | 'both';

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

/** The object or file at `key` (relative to the location's root), as a transfer source. */
export function itemAt(loc: Location, key: string): ItemRef {
  if (loc.kind === 's3') return { kind: 's3', connectionId: loc.connectionId, bucket: loc.bucket, key: rootOf(loc.prefix) + key };
  return { kind: 'local', path: `${loc.path.replace(/[\\/]+$/, '')}/${key}` };
}

/** The folder `key` sits in on `loc`: where a copy of it lands. */
export function folderFor(loc: Location, key: string): Location {
  const dir = key.includes('/') ? key.slice(0, key.lastIndexOf('/') + 1) : '';
  if (loc.kind === 's3') return { ...loc, prefix: rootOf(loc.prefix) + dir };
  return { kind: 'local', path: dir ? `${loc.path.replace(/[\\/]+$/, '')}/${dir.slice(0, -1)}` : loc.path };
}

function rootOf(prefix: string): string {
  return prefix === '' || prefix.endsWith('/') ? prefix : `${prefix}/`;
}

/** How far apart two modification times must be for one side to count as newer (the core's MTIME_TOLERANCE_MS). */
export const MTIME_TOLERANCE_TEXT = '2 seconds';
