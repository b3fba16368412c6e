import type { ItemRef, Location } from '../../api/types.js';
import { copyItem } from '../../transfer/copy-item.js';
import { JobRegistry } from '../../transfer/job-registry.js';
import { nameOf } from '../../transfer/source.js';
import type { Handlers } from '../dispatcher.js';
import type { CoreContext } from '../core-context.js';
import { toFerryError } from '../error-mapping.js';

export function transferHandlers(ctx: CoreContext): Pick<Handlers, 'transfer.copy' | 'transfer.list'> {
  const jobs = new JobRegistry(ctx.events);
  const running = new Set<AbortController>();
  ctx.onDispose(() => {
    for (const c of running) c.abort();
    jobs.dispose();
  });

  const startCopy = (source: ItemRef, destination: Location) => {
    const job = jobs.create({ kind: 'copy', source, destination, name: nameOf(source), bytesTotal: 0 });
    const controller = new AbortController();
    running.add(controller);
    jobs.transition(job.id, { state: 'running' });
    copyItem(
      source,
      destination,
      (id) => ctx.clients.get(id),
      {
        onStart: ({ size }) => jobs.progress(job.id, { bytesTotal: size }),
        onBytes: (bytesDone) => jobs.progress(job.id, { bytesDone }),
      },
      controller.signal,
    )
      .then((result) => jobs.transition(job.id, { state: 'done', destinationId: result.destinationId, method: result.method }))
      .catch((err: unknown) => {
        const e = toFerryError(err);
        jobs.transition(job.id, { state: 'failed', error: { code: e.code, message: ctx.connections.redact(e.message) } });
      })
      .finally(() => running.delete(controller));
    return jobs.get(job.id) ?? job;
  };

  return {
    'transfer.copy': async ({ source, destination }) => startCopy(source, destination),
    'transfer.list': async () => jobs.list(),
  };
}
