/**
 * The places a job changes, so that a window refreshes the panes showing
 * them when the job ends, and no other pane: the destination's listing and
 * everything below each folder that lands there; for a move or a delete also where each source was listed (and
 * everything below a folder that went); for an edit the folders of its
 * keys; for a sync both sides; and for "empty and delete" the connection's
 * bucket list, where the bucket disappears.
 */
import type { JobSource, Location, TouchedPlace, TransferMode } from '../../api/types.js';

function parentOf(path: string): string {
  const cut = path.replace(/[/\\]+$/, '');
  const i = Math.max(cut.lastIndexOf('/'), cut.lastIndexOf('\\'));
  return i <= 0 ? cut.slice(0, i + 1) || '/' : cut.slice(0, i);
}

/** The folder a key is listed in: everything up to its last '/' (a folder key's own trailing '/' aside). */
function prefixOf(key: string): string {
  const cut = key.endsWith('/') ? key.slice(0, -1) : key;
  return cut.slice(0, cut.lastIndexOf('/') + 1);
}

function sourcePlaces(source: JobSource): TouchedPlace[] {
  switch (source.kind) {
    case 'local':
      return [
        { location: { kind: 'local', path: parentOf(source.path) } },
        { location: { kind: 'local', path: source.path }, under: true },
      ];
    case 's3': {
      const at: Location = { kind: 's3', connectionId: source.connectionId, bucket: source.bucket, prefix: prefixOf(source.key) };
      if (!source.key.endsWith('/')) return [{ location: at }];
      return [{ location: at }, { location: { ...at, prefix: source.key }, under: true }];
    }
    case 's3-prefix': {
      const at: Location = { kind: 's3', connectionId: source.connectionId, bucket: source.bucket, prefix: prefixOf(source.prefix) };
      const places: TouchedPlace[] = [{ location: at }, { location: { ...at, prefix: source.prefix }, under: true }];
      // A whole bucket's prefix: the bucket itself may go ("empty and delete").
      if (source.prefix === '') places.push({ location: { kind: 's3', connectionId: source.connectionId, bucket: '', prefix: '' } });
      return places;
    }
    case 'object-task':
      return [...new Set(source.keys.map(prefixOf))].map((prefix) => ({
        location: { kind: 's3', connectionId: source.connectionId, bucket: source.bucket, prefix },
      }));
    case 'sync':
      return [
        { location: source.sync.left, under: true },
        { location: source.sync.right, under: true },
      ];
    default: {
      const unknown: never = source;
      throw new Error(`unknown source ${JSON.stringify(unknown)}`);
    }
  }
}

function lastSegment(path: string): string {
  const cut = path.replace(/[/\\]+$/, '');
  return cut.slice(Math.max(cut.lastIndexOf('/'), cut.lastIndexOf('\\')) + 1);
}

/** Where a copied source lands: the destination's own listing, and below the folder it becomes (if it is one). */
function landing(source: JobSource, destination: Location): TouchedPlace[] {
  const at: TouchedPlace = { location: destination };
  let name: string;
  if (source.kind === 's3') {
    if (!source.key.endsWith('/')) return [at];
    name = source.as ?? lastSegment(source.key);
  } else if (source.kind === 's3-prefix') {
    name = source.as ?? lastSegment(source.prefix);
  } else if (source.kind === 'local') {
    // A file or a folder, not known here: a pane cannot be inside a file, so naming it as a folder costs nothing.
    name = source.as ?? lastSegment(source.path);
  } else {
    return [];
  }
  if (name === '') return [{ location: destination, under: true }];
  const inside: Location =
    destination.kind === 's3'
      ? { ...destination, prefix: `${destination.prefix}${name}/` }
      : { kind: 'local', path: `${destination.path.replace(/[/\\]+$/, '')}/${name}` };
  return [at, { location: inside, under: true }];
}

export function touchedPlaces(mode: TransferMode, sources: JobSource[], destination: Location): TouchedPlace[] {
  const places: TouchedPlace[] = [];
  for (const source of sources) {
    // A delete or an edit writes nowhere else; its destination is only where it was started from.
    if (mode === 'copy' || mode === 'move') places.push(...landing(source, destination));
    // A copy leaves its sources as they were, except a sync, which may write or delete on either side.
    if (mode === 'copy' && source.kind !== 'sync') continue;
    places.push(...sourcePlaces(source));
  }
  const seen = new Set<string>();
  return places.filter((p) => {
    const id = JSON.stringify([p.location, p.under === true]);
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}
