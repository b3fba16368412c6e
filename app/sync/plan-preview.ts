/**
 * A sync's plan in the words a user decides by: what will be uploaded (the
 * destination has no such key), overwritten, deleted, listed as a conflict, or
 * skipped (a key the sync leaves alone although the sides may differ), with
 * each side's size and date. The window shows the first rows of each as the
 * compare streams, and pages further through one on request.
 */
import type { CompareRow, PlanPreview, PreviewAction, PreviewRow, SyncAction, SyncRequest } from '../api/types.js';
import { actionFor } from './sync-plan.js';

/** Rows of each action the window receives with the counts; "show all" pages past them. */
export const PREVIEW_FIRST = 20;

export const PREVIEW_ACTIONS: PreviewAction[] = ['upload', 'overwrite', 'delete', 'conflict', 'skip'];

/** The preview row of one compare row under a sync, or null when the sync has nothing to say about it (the same). */
export function previewRow(row: CompareRow, action: SyncAction | null): PreviewRow | null {
  const base = { key: row.key, reason: row.reason, ...(row.left ? { left: row.left } : {}), ...(row.right ? { right: row.right } : {}) };
  if (action === null) {
    // Unknown keys, and keys only in the destination of a sync that keeps them, are left alone: said, not hidden.
    if (row.cls === 'unknown' || row.cls === 'only-right') return { ...base, action: 'skip', toward: null };
    return null;
  }
  switch (action.kind) {
    case 'copy-right':
    case 'copy-left':
      return {
        ...base,
        action: row.cls === 'different' ? 'overwrite' : 'upload',
        toward: action.kind === 'copy-right' ? 'right' : 'left',
      };
    case 'delete-right':
      return { ...base, action: 'delete', toward: 'right' };
    case 'conflict':
      return { ...base, action: 'conflict', toward: null };
    default: {
      const never: never = action.kind;
      throw new Error(`unknown action ${String(never)}`);
    }
  }
}

/** The preview row of `row` under `req`. */
export function previewFor(row: CompareRow, req: Pick<SyncRequest, 'mode' | 'delete'>): PreviewRow | null {
  return previewRow(row, actionFor(row, req));
}

function bytesOf(p: PreviewRow): number {
  const from = p.toward === 'left' ? p.right : p.toward === 'right' && p.action !== 'delete' ? p.left : (p.right ?? p.left);
  return from?.size ?? 0;
}

/** Counts, bytes and the first rows of each preview action, as rows pass. */
export class PreviewTally {
  readonly #preview: PlanPreview = {
    counts: Object.fromEntries(PREVIEW_ACTIONS.map((a) => [a, { count: 0, bytes: 0 }])) as PlanPreview['counts'],
    first: Object.fromEntries(PREVIEW_ACTIONS.map((a) => [a, []])) as unknown as PlanPreview['first'],
  };

  add(p: PreviewRow | null): void {
    if (!p) return;
    const c = this.#preview.counts[p.action];
    c.count++;
    c.bytes += bytesOf(p);
    const first = this.#preview.first[p.action];
    if (first.length < PREVIEW_FIRST) first.push(p);
  }

  /** A copy to send: the tally keeps growing after it. */
  snapshot(): PlanPreview {
    const p = this.#preview;
    return {
      counts: Object.fromEntries(PREVIEW_ACTIONS.map((a) => [a, { ...p.counts[a] }])) as PlanPreview['counts'],
      first: Object.fromEntries(PREVIEW_ACTIONS.map((a) => [a, [...p.first[a]]])) as unknown as PlanPreview['first'],
    };
  }
}
