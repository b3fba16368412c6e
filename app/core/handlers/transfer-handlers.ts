import path from 'node:path';
import type { Settings } from '../../api/workspace-types.js';
import type { JobSnapshot } from '../../api/types.js';
import { TransferEngine, type StartRequest } from '../../transfer/engine.js';
import type { TransferTuning } from '../../transfer/tuning.js';
import type { Handlers } from '../dispatcher.js';
import type { CoreContext } from '../core-context.js';

type TransferCalls =
  | 'transfer.start'
  | 'transfer.pause'
  | 'transfer.resume'
  | 'transfer.cancel'
  | 'transfer.retry'
  | 'transfer.answer'
  | 'transfer.dismiss'
  | 'transfer.list'
  | 'transfer.items';

/** Where the core keeps its transfer journal, under the user-data folder. */
export function transferJournalDir(userDataDir: string): string {
  return path.join(userDataDir, 'transfers');
}

/** The transfer handlers, and how the window's settings reach the engine (see workspace-handlers.ts). */
/** The settings' transfer limits; what the shell itself was started with (a test's, a benchmark's) wins. */
export function tuningFromSettings(settings: Settings, fixed: Partial<TransferTuning> = {}): Partial<TransferTuning> {
  return {
    objectsInFlight: settings.objectsInFlight,
    partsInFlight: settings.partsInFlight,
    partSize: settings.partSize,
    bandwidthBytesPerSecond: settings.bandwidthLimit,
    ...fixed,
  };
}

/** Starts a job the calls of other domains build (a rename's move, a delete job), with what transfer.start cannot say. */
export type StartJob = (req: StartRequest) => Promise<JobSnapshot>;

export function transferHandlers(
  ctx: CoreContext,
): Pick<Handlers, TransferCalls> & { applySettings(settings: Settings): void; startJob: StartJob } {
  const engine = new TransferEngine({
    connections: ctx.connections,
    clientFor: (id) => ctx.clients.get(id),
    journalDir: transferJournalDir(ctx.userDataDir),
    ...(ctx.options.transfer ? { tuning: ctx.options.transfer } : {}),
    publish: (jobs) => ctx.events.emit('transfer.progress', jobs),
    restore: true,
  });
  ctx.onDispose(() => void engine.dispose());

  const job = async (jobId: string) => {
    await engine.ready;
    return engine.job(jobId);
  };

  return {
    startJob: async (req) => (await engine.start(req)).snapshot(),
    applySettings: (settings) => engine.retune(tuningFromSettings(settings, ctx.options.transfer)),
    'transfer.start': async (args) => (await engine.start(args)).snapshot(),
    'transfer.pause': async ({ jobId }) => {
      const j = await job(jobId);
      await j.pause();
      return j.snapshot();
    },
    'transfer.resume': async ({ jobId }) => {
      const j = await job(jobId);
      j.resume();
      return j.snapshot();
    },
    'transfer.cancel': async ({ jobId }) => {
      const j = await job(jobId);
      await j.cancel();
      return j.snapshot();
    },
    'transfer.retry': async ({ jobId }) => {
      const j = await job(jobId);
      j.retry();
      return j.snapshot();
    },
    'transfer.answer': async ({ jobId, decision, applyToAll }) => {
      const j = await job(jobId);
      j.answer(decision, applyToAll);
      return j.snapshot();
    },
    'transfer.dismiss': async ({ jobId }) => {
      await engine.ready;
      return { removed: await engine.dismiss(jobId) };
    },
    'transfer.list': async () => {
      await engine.ready;
      return engine.list();
    },
    'transfer.items': async ({ jobId, offset, limit, only }) => (await job(jobId)).items(offset, limit, only === 'failed'),
  };
}
