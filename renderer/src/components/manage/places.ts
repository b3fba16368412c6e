/**
 * Which cached queries a change touches: listings of the places it changed
 * (or inside them), and inspector details of what is listed there. Pure, so
 * the rules are tested without a window.
 */
import type { Location } from '../../../../app/api/types';

/** True when `shown` is `changed` or lies inside it. */
export function within(shown: Location, changed: Location): boolean {
  if (shown.kind === 'local' || changed.kind === 'local') {
    if (shown.kind !== 'local' || changed.kind !== 'local') return false;
    const base = changed.path.endsWith('/') ? changed.path : `${changed.path}/`;
    return shown.path === changed.path || shown.path.startsWith(base);
  }
  if (shown.connectionId !== changed.connectionId) return false;
  if (changed.bucket === '') return shown.bucket === '';
  return shown.bucket === changed.bucket && shown.prefix.startsWith(changed.prefix);
}

/** A place a change touched: the listing of `location` itself, or with `under` everything inside it too. */
export interface Place {
  location: Location;
  under?: boolean;
}

export function same(a: Location, b: Location): boolean {
  if (a.kind === 'local' || b.kind === 'local') return a.kind === b.kind && a.kind === 'local' && b.kind === 'local' && a.path === b.path;
  return a.connectionId === b.connectionId && a.bucket === b.bucket && a.prefix === b.prefix;
}

/** A listing query (a folder's or a search's) of one of `places`: the place itself, or anywhere inside it with `under`. */
export function listingShows(key: readonly unknown[], places: Place[]): boolean {
  const [kind, shown] = key as [unknown, Location | string | undefined];
  if (kind !== 'listing' || typeof shown !== 'object' || shown === null) return false;
  return places.some((p) => (p.under ? within(shown, p.location) : same(shown, p.location)));
}

/** True when the object or file `item` (kind, where, key or path) is listed at `place`: a direct child, or anywhere inside with `under`. */
function holds(place: Place, item: { connectionId: string; bucket: string; key: string } | { path: string }): boolean {
  const at = place.location;
  if ('path' in item) {
    if (at.kind !== 'local') return false;
    const base = at.path.endsWith('/') ? at.path : `${at.path}/`;
    return item.path.startsWith(base) && (place.under || !item.path.slice(base.length).replace(/\/$/, '').includes('/'));
  }
  if (at.kind !== 's3' || at.connectionId !== item.connectionId || at.bucket !== item.bucket || !item.key.startsWith(at.prefix))
    return false;
  return place.under || !item.key.slice(at.prefix.length).replace(/\/$/, '').includes('/');
}

/** The inspector's queries (one object's details, or a selection's summary) that show something inside `places`. */
export function inspectorShows(key: readonly unknown[], places: Place[]): boolean {
  const [kind, first, connectionId, bucket, keys] = key as [unknown, unknown, unknown, unknown, unknown];
  if (
    kind === 'inspection' &&
    first === 'summary' &&
    typeof connectionId === 'string' &&
    typeof bucket === 'string' &&
    Array.isArray(keys)
  ) {
    return keys.some((k) => typeof k === 'string' && places.some((p) => holds(p, { connectionId, bucket, key: k })));
  }
  if ((kind !== 'inspection' && kind !== 'inspect') || typeof first !== 'object' || first === null) return false;
  const item = first as { kind: string; path?: string; connectionId?: string; bucket?: string; key?: string };
  if (item.kind === 'local' && typeof item.path === 'string') return places.some((p) => holds(p, { path: item.path as string }));
  if (item.kind !== 's3' || item.connectionId === undefined || item.bucket === undefined || item.key === undefined) return false;
  const ref = { connectionId: item.connectionId, bucket: item.bucket, key: item.key };
  return places.some((p) => holds(p, ref));
}
