/**
 * Compare and sync for the window. A compare runs in the core and pushes its
 * rows as `sync.progress` batches (a few a second), so a million keys stream
 * without a call per row; the window keeps the first rows of each class and
 * every count. A sync is started as an ordinary transfer job, pinned to the
 * plan the compare showed.
 */
import { randomUUID } from 'node:crypto';
import { ROWS_PER_CLASS, type CompareProgress } from '../../api/calls/sync-calls.js';
import { FerryError } from '../../api/errors.js';
import type { CompareRow } from '../../api/types.js';
import { compareBatches } from '../../sync/compare.js';
import { previewFor, PreviewTally } from '../../sync/plan-preview.js';
import { previewPage } from '../../sync/preview-page.js';
import type { ListDeps } from '../../sync/side-listing.js';
import { LeftOutList } from '../../sync/left-out.js';
import { actionFor, emptyCounts, PlanTally } from '../../sync/sync-plan.js';
import { dryRun } from '../../transfer/plan/sync-items.js';
import { Scheduler } from '../../transfer/scheduler.js';
import { resolveTuning } from '../../transfer/tuning.js';
import type { CallResult, ParsedArgs } from '../../api/contract.js';
import { toFerryError } from '../../s3/requests/error-mapping.js';
import type { CoreContext } from '../core-context.js';
import type { Handlers } from '../dispatcher.js';
import type { LocalRoots } from '../local-roots.js';

type StartTransfer = (args: ParsedArgs<'transfer.start'>) => Promise<CallResult<'transfer.start'>>;
type SyncCalls = 'sync.compare' | 'sync.cancelCompare' | 'sync.previewPage' | 'sync.dryRun' | 'sync.start';

const BATCH_MS = 150;

export function syncHandlers(
  ctx: CoreContext,
  startTransfer: StartTransfer,
  /** Serve mode's --root folders: a compare follows links to folders, but not out of these. */
  roots?: LocalRoots,
): Pick<Handlers, SyncCalls> {
  const tuning = resolveTuning(ctx.options.transfer);
  const scheduler = new Scheduler(tuning);
  const running = new Map<string, AbortController>();
  ctx.onDispose(() => running.forEach((c) => c.abort()));

  const deps = (signal: AbortSignal, leftOut?: ListDeps['leftOut']): ListDeps => ({
    env: { scheduler, tuning, stats: { requests: 0, retries: 0, stalls: 0 } },
    conn: (id) => ({ id, summary: ctx.connections.get(id), client: ctx.clients.get(id) }),
    signal,
    ...(roots ? { confine: (p: string) => roots.check(p) } : {}),
    ...(leftOut ? { leftOut } : {}),
  });

  async function run(compareId: string, args: ParsedArgs<'sync.compare'>, signal: AbortSignal): Promise<void> {
    const counts = emptyCounts();
    // A two-way sync never deletes: its one plan stands for both.
    const twoWay = args.mode === 'newer';
    const keep = new PlanTally();
    const withDelete = twoWay ? keep : new PlanTally();
    const keepPreview = new PreviewTally();
    const deletePreview = twoWay ? keepPreview : new PreviewTally();
    const keepReq = { mode: args.mode, delete: false };
    const deleteReq = { mode: args.mode, delete: true };
    let rows: CompareRow[] = [];
    let last = Date.now();
    // Local entries that are not files (a link to nothing, a pipe): counted, the first few named with why.
    const leftOut = new LeftOutList();
    const push = (extra: Partial<CompareProgress> = {}) => {
      const previews = { keep: keepPreview.snapshot(), delete: deletePreview.snapshot() };
      const named = leftOut.snapshot();
      const left = named ? { leftOut: named } : {};
      ctx.events.emit('sync.progress', { compareId, rows, counts, done: false, previews, ...left, ...extra });
      rows = [];
      last = Date.now();
    };
    try {
      for await (const batch of compareBatches(deps(signal, leftOut.note), args.left, args.right, args.compare, undefined, !twoWay)) {
        for (const row of batch) {
          const c = counts[row.cls];
          c.count++;
          c.bytes += row.left?.size ?? row.right?.size ?? 0;
          const k = actionFor(row, keepReq);
          keep.add(row, k);
          keepPreview.add(previewFor(row, keepReq));
          if (!twoWay) {
            withDelete.add(row, actionFor(row, deleteReq));
            deletePreview.add(previewFor(row, deleteReq));
          }
          if (c.count <= ROWS_PER_CLASS) rows.push(row);
        }
        if (Date.now() - last >= BATCH_MS) push();
      }
      push({ done: true, plans: { keep: keep.summary(), delete: withDelete.summary() } });
    } catch (err) {
      const e = toFerryError(err);
      push({
        done: true,
        error: {
          code: signal.aborted ? 'cancelled' : e.code,
          message: signal.aborted ? 'Compare stopped.' : ctx.connections.redact(e.message),
        },
      });
    } finally {
      running.delete(compareId);
    }
  }

  return {
    'sync.compare': async (args) => {
      const compareId = randomUUID();
      const controller = new AbortController();
      running.set(compareId, controller);
      // Answer at once; the rows follow as events.
      setImmediate(() => void run(compareId, args, controller.signal));
      return { compareId };
    },
    'sync.cancelCompare': async ({ compareId }) => {
      const c = running.get(compareId);
      c?.abort();
      return { cancelled: c !== undefined };
    },
    'sync.previewPage': async ({ sync, action, after, limit }) =>
      previewPage(deps(new AbortController().signal), sync, action, after, limit),
    'sync.dryRun': async (sync) => dryRun(deps(new AbortController().signal), { kind: 'sync', sync }),
    'sync.start': async ({ sync, expect }) => {
      if (sync.delete && sync.mode !== 'mirror') throw new FerryError('invalid-arguments', 'A two-way sync never deletes.');
      return startTransfer({
        sources: [{ kind: 'sync', sync, ...(expect ? { expect } : {}) }],
        destination: sync.right,
        mode: 'copy',
        conflict: 'overwrite',
      });
    },
  };
}
