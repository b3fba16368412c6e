/** react-query hooks over the contract. Query keys carry the whole location so two panes on one place share a cache entry. */
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CallArgs } from '../../../app/api/contract';
import type { ItemRef, Location } from '../../../app/api/types';
import { call } from '../bridge/ferry-client';

export const queryKeys = {
  info: ['app.info'] as const,
  connections: ['connections'] as const,
  listing: (location: Location) => ['listing', location] as const,
  inspect: (item: ItemRef) => ['inspect', item] as const,
  jobs: ['jobs'] as const,
};

export function useAppInfo() {
  return useQuery({ queryKey: queryKeys.info, queryFn: () => call('app.info', {}), staleTime: Infinity });
}

/** The window as it was left and the settings: read once at start (the window keeps its own state after that). */
export function useSavedWorkspace() {
  return useQuery({ queryKey: ['workspace.load'], queryFn: () => call('workspace.load', {}), staleTime: Infinity, retry: false });
}

export function useConnections() {
  return useQuery({ queryKey: queryKeys.connections, queryFn: () => call('connections.list', {}) });
}

/**
 * A location's listing, a page at a time: each page carries the cursor of
 * the next (opaque; only the core reads it). Refetching (Refresh, a finished
 * transfer) reads the pages again from the first, as many as were loaded.
 */
export interface ListingSearch {
  term: string;
  mode: 'prefix' | 'recursive';
  /** A local search also walks what the platform hides (the "Show hidden files" setting). */
  includeHidden?: boolean;
}

export function listingKey(location: Location | null, search: ListingSearch | null): readonly unknown[] {
  return location ? (search ? ['listing', location, search] : queryKeys.listing(location)) : ['listing', 'none'];
}

export function useListing(location: Location | null, search: ListingSearch | null = null) {
  return useInfiniteQuery({
    queryKey: listingKey(location, search),
    // The signal aborts when the pane moves elsewhere (the query loses its last observer): the core stops those pages.
    queryFn: ({ pageParam, signal }) => {
      const cursor = pageParam ? { cursor: pageParam } : {};
      if (search && location) {
        const hidden = location.kind === 'local' ? { includeHidden: search.includeHidden ?? false } : {};
        return call('browse.search', { location, term: search.term, mode: search.mode, ...hidden, ...cursor }, signal);
      }
      return call('browse.list', { location: location as Location, ...cursor }, signal);
    },
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor,
    enabled: location !== null,
    retry: false,
  });
}

export function useInspect(item: ItemRef | null) {
  return useQuery({
    queryKey: item ? queryKeys.inspect(item) : ['inspect', 'none'],
    queryFn: () => call('object.inspect', { item: item as ItemRef }),
    enabled: item !== null,
    retry: false,
  });
}

export function useAddConnection() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (args: CallArgs<'connections.add'>) => call('connections.add', args),
    onSuccess: () => client.invalidateQueries({ queryKey: queryKeys.connections }),
  });
}

export function useStartCopy() {
  return useMutation({
    mutationFn: ({ source, destination }: { source: ItemRef; destination: Location }) =>
      call('transfer.start', { sources: [source], destination }),
  });
}
