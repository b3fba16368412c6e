/**
 * Compare two locations: a merge of two listings that both come in S3 byte
 * order, one page at a time, so neither is ever held whole. Each key is
 * classified as it passes; only a deep compare (or a local file set against a
 * plain MD5) reads bytes, a few keys at a time, and rows still come out in
 * key order. The merge works a page at a time: a key costs a comparison and
 * a row, not a round of promises.
 */
import type { CompareClass, CompareOptions, CompareReason, CompareRow, CompareSideEntry, Location } from '../api/types.js';
import { contentMd5, etagMd5 } from './content-hash.js';
import { makeFilter } from './glob.js';
import { compareKeys } from './key-order.js';
import { readAhead } from './read-ahead.js';
import { listSide, type ListDeps, type SideEntry } from './side-listing.js';

/** Two clocks and two file systems round differently: times this close are the same time. */
export const MTIME_TOLERANCE_MS = 2000;
/** Pages each side may list ahead of the merge. */
const LIST_AHEAD = 2;
/** Keys whose bytes are being hashed at once during a deep compare. */
const HASH_WINDOW = 8;

function side(e: SideEntry): CompareSideEntry {
  const out: CompareSideEntry = { size: e.size };
  if (e.etag) out.etag = e.etag;
  if (e.mtime !== undefined) out.mtime = e.mtime;
  return out;
}

function verdict(key: string, cls: CompareClass, reason: CompareReason, l?: SideEntry, r?: SideEntry): CompareRow {
  const row: CompareRow = { key, cls, reason };
  if (l) row.left = side(l);
  if (r) row.right = side(r);
  return row;
}

/** A verdict that needs no bytes read, or undefined when one side (or both) must be hashed first. */
function classifyNow(
  left: Location,
  right: Location,
  opts: CompareOptions,
  l: SideEntry,
  r: SideEntry,
  presume: boolean,
): CompareRow | undefined {
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
  const known = lm ?? rm;
  const needsLeft = !lm && (left.kind === 'local' ? known !== undefined || !!opts.deep : !!opts.deep);
  const needsRight = !rm && (right.kind === 'local' ? known !== undefined || !!opts.deep : !!opts.deep);
  if ((lm || needsLeft) && (rm || needsRight)) return undefined;
  return undecided(left, right, l, r, lm, rm);
}

/** Equal sizes and no hash to set against each other. */
function undecided(left: Location, right: Location, l: SideEntry, r: SideEntry, lm?: string, rm?: string): CompareRow {
  const multipart = (left.kind === 's3' && !lm) || (right.kind === 's3' && !rm);
  return multipart ? verdict(l.key, 'unknown', 'multipart-etag', l, r) : verdict(l.key, 'same', 'size-only', l, r);
}

/** The verdict of a key whose bytes classifyNow found must be hashed, on one side or both. */
async function classifyByContent(
  deps: ListDeps,
  left: Location,
  right: Location,
  opts: CompareOptions,
  l: SideEntry,
  r: SideEntry,
): Promise<CompareRow> {
  const lm = left.kind === 's3' ? etagMd5(l) : undefined;
  const rm = right.kind === 's3' ? etagMd5(r) : undefined;
  const cheap = !opts.deep;
  const [a, b] = await Promise.all([
    lm ?? contentMd5(deps, left, l, cheap && left.kind === 's3'),
    rm ?? contentMd5(deps, right, r, cheap && right.kind === 's3'),
  ]);
  if (a && b) return verdict(l.key, a === b ? 'same' : 'different', a === b && lm && rm ? 'etag' : 'content', l, r);
  return undecided(left, right, l, r, lm, rm);
}

/** Rows for every key on either side, in key order, a batch (up to a page or so) at a time. */
export async function* compareBatches(
  deps: ListDeps,
  left: Location,
  right: Location,
  opts: CompareOptions = {},
  startAfter?: string,
  /** Take a right side written after the left last changed for a copy of it (not for two-way syncs, where either may be newer). */
  presume = true,
): AsyncGenerator<CompareRow[]> {
  const filter = makeFilter(opts);
  const listing = { ...(filter ? { filter } : {}), ...(startAfter !== undefined ? { startAfter } : {}) };
  // Both sides list at once, each a couple of pages ahead of the merge.
  const a = readAhead(listSide(deps, left, 'left', listing), LIST_AHEAD);
  const b = readAhead(listSide(deps, right, 'right', listing), LIST_AHEAD);
  let lp: SideEntry[] = [];
  let rp: SideEntry[] = [];
  let li = 0;
  let ri = 0;
  let lDone = false;
  let rDone = false;
  try {
    for (;;) {
      // Refill whichever side ran out (both at once when both did).
      const [ln, rn]: (IteratorResult<SideEntry[]> | undefined)[] = await Promise.all([
        li >= lp.length && !lDone ? a.next() : undefined,
        ri >= rp.length && !rDone ? b.next() : undefined,
      ]);
      if (ln) [lp, li, lDone] = ln.done ? [[], 0, true] : [ln.value, 0, false];
      if (rn) [rp, ri, rDone] = rn.done ? [[], 0, true] : [rn.value, 0, false];
      if (lDone && rDone) return;
      // Rows of this step, in order; a row being hashed waits here as a promise.
      const out: (CompareRow | Promise<CompareRow>)[] = [];
      let hashing = 0;
      while ((li < lp.length || lDone) && (ri < rp.length || rDone) && !(lDone && rDone)) {
        const l = lp[li];
        const r = rp[ri];
        const order = l === undefined ? 1 : r === undefined ? -1 : compareKeys(l.key, r.key);
        if (order < 0 && l) {
          out.push(verdict(l.key, 'only-left', 'missing', l));
          li++;
        } else if (order > 0 && r) {
          out.push(verdict(r.key, 'only-right', 'missing', undefined, r));
          ri++;
        } else if (l && r) {
          li++;
          ri++;
          const now = classifyNow(left, right, opts, l, r, presume);
          if (now) out.push(now);
          else {
            const p = classifyByContent(deps, left, right, opts, l, r);
            // A rejection is taken when the row comes out, not as an unhandled one while it waits.
            p.catch(() => undefined);
            out.push(p);
            // Only a few keys' bytes are read at once: the rows so far go out once they are hashed.
            if (++hashing >= HASH_WINDOW) break;
          }
        } else break;
      }
      if (out.length > 0) yield hashing > 0 ? await Promise.all(out) : (out as CompareRow[]);
    }
  } finally {
    await Promise.all([a.return(undefined), b.return(undefined)]);
  }
}

/** Rows for every key on either side, in key order. */
export async function* compareLocations(
  deps: ListDeps,
  left: Location,
  right: Location,
  opts: CompareOptions = {},
  startAfter?: string,
  presume = true,
): AsyncGenerator<CompareRow> {
  for await (const batch of compareBatches(deps, left, right, opts, startAfter, presume)) yield* batch;
}
