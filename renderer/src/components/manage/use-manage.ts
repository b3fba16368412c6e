/**
 * The management calls as react-query mutations. Each one refreshes the
 * listings that show the place it changed (and any place inside a deleted or
 * renamed folder), and nothing else.
 */
import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { CallArgs } from '../../../../app/api/contract';
import type { Location } from '../../../../app/api/types';
import { call } from '../../bridge/ferry-client';

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

function same(a: Location, b: Location): boolean {
  if (a.kind === 'local' || b.kind === 'local') return a.kind === b.kind && a.kind === 'local' && b.kind === 'local' && a.path === b.path;
  return a.connectionId === b.connectionId && a.bucket === b.bucket && a.prefix === b.prefix;
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
function inspectorShows(key: readonly unknown[], places: Place[]): boolean {
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

/**
 * Refreshes the listings of `places` (awaited: a dialog closes once its pane shows the change) and the inspector
 * of anything inside them. The inspector is refreshed without waiting: a mutation's own callbacks (which close
 * the dialog) run only after this promise settles, and the inspection of a just-deleted or renamed object (a HEAD,
 * its versions, its tags) is no reason to hold the dialog open.
 */
export function refreshPlaces(client: QueryClient, places: Place[]): Promise<void> {
  void client.invalidateQueries({ predicate: (q) => inspectorShows(q.queryKey, places) });
  return client.invalidateQueries({
    predicate: (q) => {
      const [kind, shown] = q.queryKey as [unknown, Location | string | undefined];
      if (kind !== 'listing' || typeof shown !== 'object' || shown === null) return false;
      return places.some((p) => (p.under ? within(shown, p.location) : same(shown, p.location)));
    },
  });
}

/** Runs one call and refreshes `places(args)` once it has changed something. */
function useManageCall<
  N extends 'bucket.create' | 'bucket.delete' | 'bucket.emptyAndDelete' | 'folder.create' | 'entry.rename' | 'delete.run',
>(method: N, places: (args: CallArgs<N>) => Place[]) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (args: CallArgs<N>) => call(method, args),
    onSettled: (_data, _error, args) => refreshPlaces(client, places(args)),
  });
}

const bucketList = (connectionId: string): Place => ({ location: { kind: 's3', connectionId, bucket: '', prefix: '' } });

export const useCreateBucket = () => useManageCall('bucket.create', (a) => [bucketList(a.connectionId)]);
export const useDeleteBucket = () => useManageCall('bucket.delete', (a) => [bucketList(a.connectionId)]);
export const useEmptyAndDeleteBucket = () =>
  useManageCall('bucket.emptyAndDelete', (a) => [
    bucketList(a.connectionId),
    { location: { kind: 's3', connectionId: a.connectionId, bucket: a.bucket, prefix: '' }, under: true },
  ]);
export const useCreateFolder = () => useManageCall('folder.create', (a) => [{ location: a.location }]);
/** `inside` are the renamed or deleted folders: panes open inside them change too. */
export const useRename = (at: Location, inside: Location[]) =>
  useManageCall('entry.rename', () => [{ location: at }, ...inside.map((location) => ({ location, under: true }))]);
export const useDeleteRun = (at: Location, inside: Location[]) =>
  useManageCall('delete.run', () => [{ location: at }, ...inside.map((location) => ({ location, under: true }))]);
