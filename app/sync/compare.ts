/**
 * Compare two locations: a merge of two listings that both come in S3 byte
 * order, one page at a time, so neither is ever held whole. Each key is
 * classified as it passes; only a deep compare (or a local file set against a
 * plain MD5) reads bytes, a few keys at a time, and rows still come out in
 * key order.
 */
import type { CompareClass, CompareOptions, CompareReason, CompareRow, CompareSideEntry, Location } from '../api/types.js';
import { contentMd5, etagMd5 } from './content-hash.js';
import { makeFilter } from './glob.js';
import { compareKeys } from './key-order.js';
import { readAhead } from './read-ahead.js';
import { listSide, type ListDeps, type SideEntry } from './side-listing.js';

/** Two clocks and two file systems round differently: times this close are the same time. */
export const MTIME_TOLERANCE_MS = 2000;
/** Entries each side may list ahead of the merge: two pages. */
const LIST_AHEAD = 2000;
/** Keys whose bytes are being hashed at once during a deep compare. */
const HASH_WINDOW = 8;

function side(e: SideEntry): CompareSideEntry {
  return { size: e.size, ...(e.etag ? { etag: e.etag } : {}), ...(e.mtime !== undefined ? { mtime: e.mtime } : {}) };
}

function verdict(key: string, cls: CompareClass, reason: CompareReason, l?: SideEntry, r?: SideEntry): CompareRow {
  return { key, cls, reason, ...(l ? { left: side(l) } : {}), ...(r ? { right: side(r) } : {}) };
}

async function classify(
  deps: ListDeps,
  left: Location,
  right: Location,
  opts: CompareOptions,
  l: SideEntry,
  r: SideEntry,
  presume: boolean,
): Promise<CompareRow> {
  const key = l.key;
  if (l.size !== r.size) return verdict(key, 'different', 'size', l, r);
  if (opts.mtime && l.mtime !== undefined && r.mtime !== undefined && Math.abs(l.mtime - r.mtime) > MTIME_TOLERANCE_MS) {
    return verdict(key, 'different', 'mtime', l, r);
  }
  // Equal multipart ETags mean equal part MD5s in equal parts: the same bytes, as surely as equal MD5s.
  if (left.kind === 's3' && right.kind === 's3' && l.etag && l.etag === r.etag) return verdict(key, 'same', 'etag', l, r);
  const lm = left.kind === 's3' ? etagMd5(l) : undefined;
  const rm = right.kind === 's3' ? etagMd5(r) : undefined;
  if (lm && rm) return verdict(key, lm === rm ? 'same' : 'different', 'etag', l, r);
  // A file against an object (or another file) of the same size, where the right side was written after the left last
  // changed: taken for a copy of it, as rclone and aws s3 sync do, rather than reading every byte; deep reads instead.
  if (presume && !opts.deep && (left.kind === 'local' || right.kind === 'local') && l.mtime !== undefined && r.mtime !== undefined) {
    // No tolerance here: a doubt means reading the file, never presuming.
    if (r.mtime >= l.mtime) return verdict(key, 'same', 'right-newer', l, r);
  }
  // A file is cheap to hash next to a known MD5 on the other side; an object's bytes are read only when asked.
  const cheap = !opts.deep;
  const known = lm ?? rm;
  const needsLeft = !lm && (left.kind === 'local' ? known !== undefined || !!opts.deep : !!opts.deep);
  const needsRight = !rm && (right.kind === 'local' ? known !== undefined || !!opts.deep : !!opts.deep);
  if ((lm || needsLeft) && (rm || needsRight)) {
    const [a, b] = await Promise.all([
      lm ?? contentMd5(deps, left, l, cheap && left.kind === 's3'),
      rm ?? contentMd5(deps, right, r, cheap && right.kind === 's3'),
    ]);
    if (a && b) return verdict(key, a === b ? 'same' : 'different', a === b && lm && rm ? 'etag' : 'content', l, r);
  }
  const multipart = (left.kind === 's3' && !lm) || (right.kind === 's3' && !rm);
  return multipart ? verdict(key, 'unknown', 'multipart-etag', l, r) : verdict(key, 'same', 'size-only', l, r);
}

/** Rows for every key on either side, in key order. */
export async function* compareLocations(
  deps: ListDeps,
  left: Location,
  right: Location,
  opts: CompareOptions = {},
  startAfter?: string,
  /** Take a right side written after the left last changed for a copy of it (not for two-way syncs, where either may be newer). */
  presume = true,
): AsyncGenerator<CompareRow> {
  const filter = makeFilter(opts);
  const listing = { ...(filter ? { filter } : {}), ...(startAfter !== undefined ? { startAfter } : {}) };
  // Both sides list at once, each a couple of pages ahead of the merge.
  const a = readAhead(listSide(deps, left, 'left', listing), LIST_AHEAD);
  const b = readAhead(listSide(deps, right, 'right', listing), LIST_AHEAD);
  let l = await a.next();
  let r = await b.next();
  // Rows wait here (in order) while their hashes are computed.
  const window: Promise<CompareRow>[] = [];
  try {
    while (!l.done || !r.done) {
      const order = l.done ? 1 : r.done ? -1 : compareKeys(l.value.key, r.value.key);
      if (order < 0 && !l.done) {
        window.push(Promise.resolve(verdict(l.value.key, 'only-left', 'missing', l.value)));
        l = await a.next();
      } else if (order > 0 && !r.done) {
        window.push(Promise.resolve(verdict(r.value.key, 'only-right', 'missing', undefined, r.value)));
        r = await b.next();
      } else if (!l.done && !r.done) {
        const p = classify(deps, left, right, opts, l.value, r.value, presume);
        // A rejection is taken when the row comes out, not as an unhandled one while it waits.
        p.catch(() => undefined);
        window.push(p);
        [l, r] = await Promise.all([a.next(), b.next()]);
      }
      while (window.length >= HASH_WINDOW) yield await (window.shift() as Promise<CompareRow>);
    }
    while (window.length > 0) yield await (window.shift() as Promise<CompareRow>);
  } finally {
    await Promise.all([a.return(undefined), b.return(undefined)]);
  }
}
