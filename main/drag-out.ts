/**
 * Drag-out: objects dragged from a pane to the file manager. The file
 * manager copies a file at the moment of the drop, so the bytes must be on
 * disk when the drag begins: the main process downloads the selection
 * through the transfer engine (verified like any download) into a fresh
 * folder under the system temp, then hands the files to
 * `webContents.startDrag`, the one call that gives the operating system a
 * real file drag on Windows, macOS and Linux alike (Chromium's DownloadURL
 * drag type works on Windows only). Selections over the limits below stay
 * in-window drags, and Download is the way out for them.
 *
 * Dropped back on one of Ferry's own panes, such a drag is recognized by its
 * staged paths and becomes an ordinary pane-to-pane copy of the original
 * objects (see the preload), so in-window drags keep meaning copy.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { JobSnapshot } from '../app/api/transfer-types.js';
import type { FerryCore } from '../app/core/ferry-core.js';
import { transferSourceSchema } from '../app/api/calls/transfer-calls.js';

export const DRAG_OUT_LIMITS = { items: 100, bytes: 512 * 1024 * 1024 } as const;

export const dragOutRequestSchema = z
  .object({
    sources: z.array(transferSourceSchema).min(1).max(DRAG_OUT_LIMITS.items),
    /** What the listing says the selection weighs; the job's own plan is checked too. */
    bytes: z.number().int().min(0).max(DRAG_OUT_LIMITS.bytes),
  })
  .strict();

export type DragOutResult = { ok: true; files: string[] } | { ok: false; message: string };

const ENDED = new Set(['done', 'failed', 'cancelled']);

/**
 * Follows the jobs the core reports from before the job is started (so its
 * last event cannot slip past), cancelling it when its plan grows past the
 * byte limit, and resolves with its final snapshot.
 */
function watchJobs(core: FerryCore): { ended(jobId: string): Promise<JobSnapshot>; stop(): void } {
  const last = new Map<string, JobSnapshot>();
  const waiting = new Map<string, (job: JobSnapshot) => void>();
  const stop = core.events.subscribe((name, payload) => {
    if (name !== 'transfer.progress') return;
    for (const job of payload as JobSnapshot[]) {
      last.set(job.id, job);
      if (job.bytesTotal > DRAG_OUT_LIMITS.bytes && !ENDED.has(job.state)) void core.dispatch('transfer.cancel', { jobId: job.id });
      if (ENDED.has(job.state)) waiting.get(job.id)?.(job);
    }
  });
  return {
    ended: (jobId) =>
      new Promise((resolve) => {
        const known = last.get(jobId);
        if (known && ENDED.has(known.state)) resolve(known);
        else waiting.set(jobId, resolve);
      }),
    stop,
  };
}

export class DragOutStage {
  private readonly folders: string[] = [];

  constructor(
    private readonly core: FerryCore,
    private readonly tempRoot: string,
  ) {}

  /** Downloads the sources into a new folder and returns the top-level files and folders to drag. */
  async prepare(raw: unknown): Promise<DragOutResult> {
    const parsed = dragOutRequestSchema.safeParse(raw);
    if (!parsed.success) {
      return {
        ok: false,
        message: `Drag out at most ${DRAG_OUT_LIMITS.items} items and ${DRAG_OUT_LIMITS.bytes / 2 ** 20} MiB; use Download for more.`,
      };
    }
    const { sources } = parsed.data;
    // Local files are on disk already: they are handed over as they are.
    const local = sources.flatMap((s) => (s.kind === 'local' ? [s.path] : []));
    if (local.length === sources.length) return { ok: true, files: local };
    const folder = mkdtempSync(path.join(this.tempRoot, 'ferry-drag-'));
    this.folders.push(folder);
    const watch = watchJobs(this.core);
    let job: JobSnapshot;
    try {
      const started = await this.core.dispatch('transfer.start', {
        sources,
        destination: { kind: 'local', path: folder },
        mode: 'copy',
        conflict: 'keep-both',
      });
      if (!started.ok) return { ok: false, message: started.error.message };
      const first = started.value as JobSnapshot;
      job = ENDED.has(first.state) ? first : await watch.ended(first.id);
    } finally {
      watch.stop();
    }
    // Dismissed at once, whatever its end: a drag is not a transfer the user asked to keep in the
    // list, and a failure is reported where the drag began.
    void this.core.dispatch('transfer.dismiss', { jobId: job.id });
    if (job.bytesTotal > DRAG_OUT_LIMITS.bytes) {
      return { ok: false, message: `The selection holds more than ${DRAG_OUT_LIMITS.bytes / 2 ** 20} MiB; use Download instead.` };
    }
    if (job.state !== 'done' || job.itemsFailed > 0) {
      return { ok: false, message: job.error?.message ?? `${job.itemsFailed} item(s) could not be downloaded for the drag.` };
    }
    return { ok: true, files: readdirSync(folder).map((name) => path.join(folder, name)) };
  }

  /** Removes every staged folder (on quit: by then the file manager has its copies). */
  dispose(): void {
    for (const folder of this.folders.splice(0)) rmSync(folder, { recursive: true, force: true });
  }
}
