/**
 * The management calls as react-query mutations. Each one refreshes the
 * listings that show the place it changed (and any place inside a deleted or
 * renamed folder), and nothing else.
 */
import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { CallArgs } from '../../../../app/api/contract';
import type { Location } from '../../../../app/api/types';
import { call } from '../../bridge/ferry-client';
import { inspectorShows, listingShows, type Place } from './places';

export type { Place };

/**
 * Refreshes the listings of `places` (awaited: a dialog closes once its pane shows the change) and the inspector
 * of anything inside them. The inspector is refreshed without waiting: a mutation's own callbacks (which close
 * the dialog) run only after this promise settles, and the inspection of a just-deleted or renamed object (a HEAD,
 * its versions, its tags) is no reason to hold the dialog open.
 */
export function refreshPlaces(client: QueryClient, places: Place[]): Promise<void> {
  void client.invalidateQueries({ predicate: (q) => inspectorShows(q.queryKey, places) });
  return client.invalidateQueries({ predicate: (q) => listingShows(q.queryKey, places) });
}

/** Runs one call and refreshes `places(args)` once it has changed something. */
function useManageCall<
  N extends 'bucket.create' | 'bucket.delete' | 'bucket.emptyAndDelete' | 'folder.create' | 'entry.rename' | 'delete.run' | 'delete.start',
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
/** A large delete as a job: the panes refresh when it ends (use-transfer-events), and once now for what went at once. */
export const useDeleteStart = (at: Location) => useManageCall('delete.start', () => [{ location: at }]);
