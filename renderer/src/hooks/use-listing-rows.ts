/**
 * A pane's rows: every loaded page of its listing as one array, more pages
 * on their own up to a cap, and more again whenever the user nears the end.
 *
 * The first page paints at once; the next ones follow in the background so
 * select-all, Shift-ranges and drags cover a large folder without the user
 * scrolling first. Past BACKGROUND_ROWS only scrolling loads more: a window
 * holding a million rows costs about 200 MB of heap (bench/ui-listing.mjs),
 * which a user who never looks past the first screen should not pay.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo } from 'react';
import type { Listing, Location } from '../../../app/api/types';
import { rowsOf } from '../listing-rows';
import { listingKey, useListing, type ListingSearch } from './queries';

export const BACKGROUND_ROWS = 100_000;

const NO_PAGES: readonly Listing[] = [];

/** `search` reads a server search instead of the folder; `stopped` loads no more pages (a search the user stopped). */
export function useListingRows(location: Location | null, search: ListingSearch | null = null, stopped = false) {
  const query = useListing(location, search);
  const pages = query.data?.pages ?? NO_PAGES;
  const rows = useMemo(() => rowsOf(pages), [pages]);
  const { hasNextPage, isFetching, isFetchNextPageError, fetchNextPage } = query;
  // One request at a time, none while a refetch reads the pages again, none after a failure until the user retries.
  const canLoad = hasNextPage && !isFetching && !isFetchNextPageError && !stopped;

  useEffect(() => {
    if (canLoad && rows.length < BACKGROUND_ROWS) void fetchNextPage();
  }, [canLoad, rows.length, fetchNextPage]);

  // Stopping also drops the page on its way (its request is aborted), so what is shown is what was found when the user stopped.
  const client = useQueryClient();
  const fetchingMore = query.isFetchingNextPage;
  useEffect(() => {
    if (stopped && fetchingMore) void client.cancelQueries({ queryKey: listingKey(location, search), exact: true });
  }, [stopped, fetchingMore, client, location, search]);

  const loadMore = useCallback(() => {
    if (canLoad) void fetchNextPage();
  }, [canLoad, fetchNextPage]);

  const retryMore = useCallback(() => void fetchNextPage(), [fetchNextPage]);
  const last = pages[pages.length - 1];
  return {
    query,
    rows,
    /** More pages exist on the server. */
    hasMore: hasNextPage,
    loadingMore: query.isFetchingNextPage,
    /** The location said "more" but gave no way to ask for it (a local folder past its cap). */
    cut: last !== undefined && last.truncated && last.nextCursor === undefined,
    loadMore,
    retryMore,
  };
}
