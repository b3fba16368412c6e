import path from 'node:path';
import type { CallResult, ParsedArgs } from '../../api/contract.js';
import { StagingArea } from '../../uploads/staging-area.js';
import type { Handlers } from '../dispatcher.js';
import type { CoreContext } from '../core-context.js';

const STALE_UPLOAD_MS = 7 * 24 * 3600 * 1000;

type StartTransfer = (args: ParsedArgs<'transfer.start'>) => Promise<CallResult<'transfer.start'>>;

/** Staged uploads (see staging-area.ts); the area itself is returned too, for serve mode's HTTP route. */
export function uploadHandlers(ctx: CoreContext, startTransfer: StartTransfer) {
  const staging = new StagingArea(path.join(ctx.userDataDir, 'uploads'));
  // Uploads left by an earlier run whose job was dismissed or never committed.
  void staging.sweep(STALE_UPLOAD_MS);
  const off = ctx.events.subscribe((name, payload) => {
    if (name !== 'transfer.progress') return;
    for (const job of payload as CallResult<'transfer.list'>) {
      if (job.state !== 'done' && job.state !== 'cancelled') continue;
      const uploadId = staging.uploadForJob(job.id);
      if (uploadId) void staging.remove(uploadId);
    }
  });
  ctx.onDispose(off);

  const handlers: Pick<Handlers, 'upload.begin' | 'upload.add' | 'upload.commit' | 'upload.abandon'> = {
    'upload.begin': async ({ files }) => {
      const { uploadId } = await staging.begin(files);
      return { uploadId, urls: files.map((_, i) => `/upload/${uploadId}/${i}`) };
    },
    'upload.add': ({ uploadId, files }) => {
      const first = staging.add(uploadId, files);
      return Promise.resolve({ urls: files.map((_, i) => `/upload/${uploadId}/${first + i}`) });
    },
    'upload.commit': async ({ uploadId, destination, conflict }) => {
      const paths = await staging.sourcesFor(uploadId);
      // A copy, so the queue says what the user did; the staged files go when the job ends (see above).
      const job = await startTransfer({ sources: paths.map((p) => ({ kind: 'local', path: p })), destination, mode: 'copy', conflict });
      staging.attachJob(uploadId, job.id);
      return job;
    },
    'upload.abandon': async ({ uploadId }) => ({ removed: await staging.remove(uploadId) }),
  };
  return { handlers, staging };
}
