/**
 * How the user resolved two-way conflicts in the compare window: keep one
 * side's copy (the sync copies it over the other) or skip the key (it stays as
 * it is on both sides). Choices belong to one compare: a new compare may find
 * other conflicts, so it starts with none.
 */
import type { CompareRow, ConflictKeep, SyncMode } from '../../../../app/api/types';

export type ConflictChoice = ConflictKeep | 'skip';

export interface ConflictChoices {
  compareId: string | null;
  byKey: Record<string, ConflictChoice>;
}

export interface ResolvedTally {
  /** What the sync request carries: the keys whose copy is kept, by side. */
  resolve: Record<string, ConflictKeep>;
  left: { count: number; bytes: number };
  right: { count: number; bytes: number };
  skipped: number;
}

/** The choices that still name a conflict among `rows`, counted with the bytes each copy moves. */
export function tallyChoices(byKey: Record<string, ConflictChoice>, rows: CompareRow[]): ResolvedTally {
  const kept: [string, ConflictKeep][] = [];
  const out: ResolvedTally = { resolve: {}, left: { count: 0, bytes: 0 }, right: { count: 0, bytes: 0 }, skipped: 0 };
  for (const row of rows) {
    const choice = Object.hasOwn(byKey, row.key) ? byKey[row.key] : undefined;
    if (choice === undefined) continue;
    if (choice === 'skip') {
      out.skipped++;
      continue;
    }
    kept.push([row.key, choice]);
    const t = out[choice];
    t.count++;
    t.bytes += (choice === 'left' ? row.left?.size : row.right?.size) ?? 0;
  }
  out.resolve = Object.fromEntries(kept);
  return out;
}

/** Which way copying a row alone goes: the way the sync would take it, or null when it would leave it alone. */
export function wayOf(r: CompareRow, mode: SyncMode): 'right' | 'left' | null {
  if (r.cls === 'same') return null;
  if (r.cls === 'only-right') return 'left';
  if (r.cls === 'only-left' || mode === 'mirror') return 'right';
  const l = r.left?.mtime;
  const m = r.right?.mtime;
  if (l === undefined || m === undefined || Math.abs(l - m) <= MTIME_TOLERANCE_MS) return null;
  return l > m ? 'right' : 'left';
}

/** A two-way row the sync leaves alone unless the user resolves it: both sides changed, and the times cannot say which is newer. */
export function conflicted(r: CompareRow, mode: SyncMode): boolean {
  return mode === 'newer' && r.cls === 'different' && wayOf(r, mode) === null;
}

/** The core's tolerance for two clocks (app/sync/compare.ts). */
const MTIME_TOLERANCE_MS = 2000;
