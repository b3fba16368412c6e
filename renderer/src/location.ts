/** Pure helpers for moving around a location: parents, children, breadcrumb trails, and what a row means to a transfer. */
import type { Entry, ItemRef, Location, TransferSource } from '../../app/api/types';

export interface Crumb {
  label: string;
  location: Location;
}

/** Local paths arrive from the core already absolute; the separator follows them. */
function localSeparator(p: string): string {
  return p.includes('\\') && !p.includes('/') ? '\\' : '/';
}

export function childLocation(location: Location, entry: Entry): Location | null {
  if (location.kind === 'local') return entry.kind === 'folder' ? { kind: 'local', path: entry.id } : null;
  if (entry.kind === 'bucket') return { ...location, bucket: entry.id, prefix: '' };
  if (entry.kind === 'folder') return { ...location, prefix: entry.id };
  return null;
}

export function itemFor(location: Location, entry: Entry): ItemRef | null {
  if (location.kind === 'local') return entry.kind === 'file' ? { kind: 'local', path: entry.id } : null;
  if (entry.kind === 'object') return { kind: 's3', connectionId: location.connectionId, bucket: location.bucket, key: entry.id };
  return null;
}

/** A row as the source of a copy: an object or file as itself, a folder or bucket with everything under it. */
export function sourceFor(location: Location, entry: Entry): TransferSource {
  if (location.kind === 'local') return { kind: 'local', path: entry.id };
  switch (entry.kind) {
    case 'bucket':
      return { kind: 's3-prefix', connectionId: location.connectionId, bucket: entry.id, prefix: '' };
    case 'folder':
      return { kind: 's3-prefix', connectionId: location.connectionId, bucket: location.bucket, prefix: entry.id };
    case 'object':
    case 'file':
      return { kind: 's3', connectionId: location.connectionId, bucket: location.bucket, key: entry.id };
    default:
      throw new Error(`unknown entry kind ${String(entry.kind)}`);
  }
}

export function crumbs(location: Location, connectionLabel: string): Crumb[] {
  if (location.kind === 'local') {
    const sep = localSeparator(location.path);
    const parts = location.path.split(sep).filter(Boolean);
    const rootPath = sep === '/' ? '/' : `${parts[0] ?? ''}\\`;
    const trail: Crumb[] = [{ label: sep === '/' ? 'Local /' : `Local ${rootPath}`, location: { kind: 'local', path: rootPath } }];
    let acc = sep === '/' ? '' : (parts[0] ?? '');
    for (const part of sep === '/' ? parts : parts.slice(1)) {
      acc = `${acc}${sep}${part}`;
      trail.push({ label: part, location: { kind: 'local', path: acc } });
    }
    return trail;
  }
  const root: Crumb = { label: connectionLabel, location: { ...location, bucket: '', prefix: '' } };
  if (!location.bucket) return [root];
  const trail: Crumb[] = [root, { label: location.bucket, location: { ...location, prefix: '' } }];
  let acc = '';
  for (const part of location.prefix.split('/').filter((p, i, all) => p !== '' || i < all.length - 1)) {
    acc = `${acc}${part}/`;
    trail.push({ label: part || '(empty)', location: { ...location, prefix: acc } });
  }
  return trail;
}

export function parentLocation(location: Location, connectionLabel: string): Location | null {
  const trail = crumbs(location, connectionLabel);
  return trail.length >= 2 ? (trail[trail.length - 2]?.location ?? null) : null;
}
