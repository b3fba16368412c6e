/**
 * Small files read and written with synchronous calls while the disk answers
 * at once. Every asynchronous file call is a trip through libuv's thread
 * pool and back (a queue, a thread switch, a callback); a 4 KiB file costs
 * four of them to upload (open, read, fstat, close) and four to download
 * (open, write, futimes, close), more CPU than the file's bytes. A
 * synchronous call on a local disk with the file in its cache returns in
 * microseconds.
 *
 * The price of a synchronous call is that it holds the event loop (in the
 * desktop app, the main process) while it waits. So calls that take longer
 * than SLOW_MS (a network folder, a disk under pressure) turn synchronous
 * calls off for the rest of the process: SLOW_CALLS of them within
 * SLOW_WINDOW_MS, or one past STALL_MS. One slow call alone is not enough:
 * on a busy machine a thread is sometimes descheduled for a few ms in the
 * middle of a call that the disk answered at once (a profiled run turned
 * the calls off that way), and a long-lived window would then pay the
 * thread pool's round trips for every small file until it restarts. A slow
 * disk is slow every time, and is found within a few calls. The folder
 * walk of a compare makes its own such choice for its stats, by the time a
 * run of them takes (app/sync/side-listing.ts).
 */
import { renameSync, statSync, type Stats } from 'node:fs';
import { rename, stat } from 'node:fs/promises';

/** A synchronous file call slower than this counts against the disk. */
export const SLOW_MS = 5;
/** This many slow calls within SLOW_WINDOW_MS mean the disk is not a fast local one. */
export const SLOW_CALLS = 3;
export const SLOW_WINDOW_MS = 10_000;
/** One call this slow is enough: the loop must not wait that long twice. */
export const STALL_MS = 50;

/** Files up to this size are read or written with synchronous calls while the disk is quick. */
export const QUICK_FILE_MAX = 128 * 1024;

let quick = true;
/** When the recent slow calls ended, oldest first (at most SLOW_CALLS). */
let slowAt: number[] = [];

/** Whether a small file may be read or written synchronously now. */
export function quickDisk(size: number): boolean {
  return quick && size <= QUICK_FILE_MAX;
}

/** Runs synchronous file calls, and turns them off for good when they took too long. */
export function timedSync<T>(work: () => T): T {
  const started = performance.now();
  try {
    return work();
  } finally {
    const now = performance.now();
    if (now - started > SLOW_MS) noteSlow(now, now - started);
  }
}

function noteSlow(now: number, took: number): void {
  slowAt = slowAt.filter((t) => now - t <= SLOW_WINDOW_MS);
  slowAt.push(now);
  if (took > STALL_MS || slowAt.length >= SLOW_CALLS) quick = false;
}

/** A file's stats, or null when it cannot be stat'ed (gone, or refused). */
export async function quickStat(file: string): Promise<Stats | null> {
  if (!quick) return stat(file).catch(() => null);
  try {
    return timedSync(() => statSync(file, { throwIfNoEntry: false })) ?? null;
  } catch {
    return null;
  }
}

/** rename(2): a metadata change, as quick for a large file as for a small one. */
export async function quickRename(from: string, to: string): Promise<void> {
  if (quick) timedSync(() => renameSync(from, to));
  else await rename(from, to);
}

/** Tests only: synchronous calls allowed again. */
export function resetQuickDisk(): void {
  quick = true;
  slowAt = [];
}
