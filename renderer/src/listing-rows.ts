/** A listing's pages as one array of rows, built once per page that arrives. */
import type { Entry, Listing } from '../../app/api/types';

interface Built {
  pages: readonly Listing[];
  rows: Entry[];
}

/**
 * The rows last built for a page list, keyed by its last page. A list that
 * only grew by one page (the usual case: one more page arrived) is the
 * previous array plus that page, one flat copy, instead of a walk over
 * every page; anything else (a refetch that changed an earlier page) builds
 * afresh. Only the newest build per list is kept, so memory stays one array
 * per listing.
 */
const built = new WeakMap<Listing, Built>();

function samePrefix(a: readonly Listing[], b: readonly Listing[], length: number): boolean {
  if (a.length < length || b.length < length) return false;
  for (let i = 0; i < length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function rowsOf(pages: readonly Listing[]): Entry[] {
  const last = pages[pages.length - 1];
  if (!last) return [];
  const hit = built.get(last);
  if (hit && hit.pages.length === pages.length && samePrefix(hit.pages, pages, pages.length)) return hit.rows;
  const before = pages[pages.length - 2];
  const previous = before ? built.get(before) : undefined;
  let rows: Entry[];
  if (before && previous && previous.pages.length === pages.length - 1 && samePrefix(previous.pages, pages, pages.length - 1)) {
    rows = previous.rows.concat(last.entries);
    built.delete(before);
  } else {
    rows = pages.flatMap((p) => p.entries);
  }
  built.set(last, { pages, rows });
  return rows;
}
