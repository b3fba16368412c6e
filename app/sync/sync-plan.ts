/**
 * From compare rows to sync actions, one row at a time, and the plan's
 * fingerprint: a dry run reports it, and a real run given it refuses to start
 * when the plan it finds is not the same.
 */
import { createHash, type Hash } from 'node:crypto';
import type {
  CompareCounts,
  CompareRow,
  CompareSideEntry,
  SyncAction,
  SyncActionKind,
  SyncPlanSummary,
  SyncRequest,
} from '../api/types.js';
import { MTIME_TOLERANCE_MS } from './compare.js';

/** Rows of each action a dry run shows. */
export const FIRST_ROWS = 20;

export function emptyCounts(): CompareCounts {
  const z = () => ({ count: 0, bytes: 0 });
  return { 'only-left': z(), 'only-right': z(), same: z(), different: z(), unknown: z() };
}

function newer(row: CompareRow): 'left' | 'right' | null {
  const l = row.left?.mtime;
  const r = row.right?.mtime;
  if (l === undefined || r === undefined || Math.abs(l - r) <= MTIME_TOLERANCE_MS) return null;
  return l > r ? 'left' : 'right';
}

/**
 * What the sync does with one key, or null for nothing. 'unknown' keys (equal
 * sizes, a multipart ETag, no deep compare) are left alone and counted: a copy
 * gets its own part layout, so copying them would copy them again on every
 * run; a deep compare settles them.
 */
export function actionFor(row: CompareRow, req: Pick<SyncRequest, 'mode' | 'delete' | 'resolve'>): SyncAction | null {
  const make = (kind: SyncActionKind, from: CompareSideEntry | undefined): SyncAction => ({
    kind,
    key: row.key,
    bytes: from?.size ?? 0,
    cls: row.cls,
    reason: row.reason,
  });
  switch (row.cls) {
    case 'same':
      return null;
    case 'only-left':
      return make('copy-right', row.left);
    case 'only-right':
      if (req.mode === 'newer') return make('copy-left', row.right);
      return req.delete ? make('delete-right', row.right) : null;
    case 'unknown':
      return null;
    case 'different': {
      if (req.mode === 'mirror') return make('copy-right', row.left);
      const side = newer(row);
      if (side === 'left') return make('copy-right', row.left);
      if (side === 'right') return make('copy-left', row.right);
      // Own property only: a key named like an Object.prototype member is no resolution.
      const keep = req.resolve && Object.hasOwn(req.resolve, row.key) ? req.resolve[row.key] : undefined;
      if (keep === 'left') return { ...make('copy-right', row.left), resolved: 'left' };
      if (keep === 'right') return { ...make('copy-left', row.right), resolved: 'right' };
      return make('conflict', row.left);
    }
    default: {
      const unknown: never = row.cls;
      throw new Error(`unknown class ${String(unknown)}`);
    }
  }
}

function sideLine(e: CompareSideEntry | undefined): string {
  return e ? `${e.size}:${e.etag ?? ''}:${e.etag ? '' : (e.mtime ?? '')}` : '-';
}

/** Counts, first rows and the fingerprint of a plan, built as its rows pass. */
export class PlanTally {
  readonly #hash: Hash = createHash('sha256');
  readonly compared = emptyCounts();
  readonly actions = Object.fromEntries(
    (['copy-right', 'copy-left', 'delete-right', 'conflict'] as const).map((k) => [k, { count: 0, bytes: 0 }]),
  ) as SyncPlanSummary['actions'];
  readonly first = { 'copy-right': [], 'copy-left': [], 'delete-right': [], conflict: [] } as SyncPlanSummary['first'];

  add(row: CompareRow, action: SyncAction | null): void {
    const c = this.compared[row.cls];
    c.count++;
    c.bytes += row.left?.size ?? row.right?.size ?? 0;
    if (!action) return;
    const a = this.actions[action.kind];
    a.count++;
    a.bytes += action.bytes;
    if (this.first[action.kind].length < FIRST_ROWS) this.first[action.kind].push(action);
    // What each side held is part of the plan: a file replaced since the dry run changes the fingerprint.
    // A resolved conflict hashes as the conflict the compare showed: the resolution travels in the request itself.
    this.#hash.update(`${action.resolved ? 'conflict' : action.kind}\t${row.key}\t${sideLine(row.left)}\t${sideLine(row.right)}\n`);
  }

  summary(): SyncPlanSummary {
    return { actions: this.actions, first: this.first, digest: this.#hash.copy().digest('hex').slice(0, 32), compared: this.compared };
  }
}
