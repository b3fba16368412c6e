/**
 * "Show all" for one action of a sync's plan: the compare walked again from
 * just after the last key the window has, keeping only that action's rows,
 * until a page is full. Nothing is held beyond the page, however long the
 * plan.
 */
import type { PreviewAction, PreviewRow, SyncRequest } from '../api/types.js';
import { compareBatches } from './compare.js';
import { previewFor } from './plan-preview.js';
import type { ListDeps } from './side-listing.js';

export async function previewPage(
  deps: ListDeps,
  sync: SyncRequest,
  action: PreviewAction,
  after: string | undefined,
  limit: number,
): Promise<{ rows: PreviewRow[]; next?: string }> {
  const rows: PreviewRow[] = [];
  const presume = sync.mode !== 'newer';
  for await (const batch of compareBatches(deps, sync.left, sync.right, sync.compare, after, presume)) {
    for (const row of batch) {
      const p = previewFor(row, sync);
      if (p?.action !== action) continue;
      rows.push(p);
      if (rows.length === limit) return { rows, next: p.key };
    }
  }
  return { rows };
}
