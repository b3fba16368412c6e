import path from 'node:path';
import { DEFAULT_SETTINGS, type Settings } from '../../api/workspace-types.js';
import { TransferEngine, type StartRequest } from '../../transfer/engine.js';
import { DEFAULT_TUNING, type TransferTuning } from '../../transfer/tuning.js';
import { inspectTasks } from './inspect-tasks.js';
import type { Handlers } from '../dispatcher.js';
import type { CoreContext } from '../core-context.js';
import { LocalRoots } from '../local-roots.js';

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
    // The default number grows with the round trip; a number the user chose is kept as chosen.
    ...(settings.objectsInFlight === DEFAULT_SETTINGS.objectsInFlight ? { objectsInFlightMax: DEFAULT_TUNING.objectsInFlightMax } : {}),
    partsInFlight: settings.partsInFlight,
    partSize: settings.partSize,
    bandwidthBytesPerSecond: settings.bandwidthLimit,
    ...fixed,
  };
}

export function transferHandlers(ctx: CoreContext): Pick<Handlers, TransferCalls> & {
  applySettings(settings: Settings): void;
  /** A job no transfer call can start (an inspector edit of many objects). */
  startJob(req: StartRequest): ReturnType<TransferEngine['start']>;
} {
  // Staged browser uploads are read from Ferry's own folder, outside the roots.
  const roots = ctx.options.localRoots?.length
    ? new LocalRoots(ctx.options.localRoots, [path.join(ctx.userDataDir, 'uploads')])
    : undefined;
  const engine = new TransferEngine({
    connections: ctx.connections,
    clientFor: (id) => ctx.clients.get(id),
    journalDir: transferJournalDir(ctx.userDataDir),
    ...(ctx.options.transfer ? { tuning: ctx.options.transfer } : {}),
    publish: (jobs) => ctx.events.emit('transfer.progress', jobs),
    restore: true,
    tasks: inspectTasks(ctx),
    ...(roots ? { confineLocal: (p: string) => roots.check(p) } : {}),
    rememberLearnt: (id, learnt) => {
      if (!ctx.connections.list().some((c) => c.id === id)) return;
      ctx.connections.recordLearnt(id, learnt);
      ctx.events.emit('connections.changed', ctx.connections.list());
    },
  });
  ctx.onDispose(() => void engine.dispose());

  const job = async (jobId: string) => {
    await engine.ready;
    return engine.job(jobId);
  };

  return {
    startJob: (req) => engine.start(req),
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
