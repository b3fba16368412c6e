/**
 * Ferry's core, free of Electron: one instance per app or serve process.
 * Both shells hand it every call through `dispatch` and forward what it
 * emits on `events`; nothing else crosses.
 */
import os from 'node:os';
import type { AppInfo, ItemRef } from '../api/types.js';
import { ConnectionRegistry } from '../connections/connection-registry.js';
import { listLocalFolder, inspectLocalFile } from '../local/local-browse.js';
import { S3ClientPool } from '../s3/client-factory.js';
import { headObject, listBuckets, listPrefix } from '../s3/s3-browse.js';
import { copyItem } from '../transfer/copy-item.js';
import { JobRegistry } from '../transfer/job-registry.js';
import { nameOf } from '../transfer/source.js';
import { createDispatcher, type Dispatch, type Handlers } from './dispatcher.js';
import { toFerryError } from './error-mapping.js';
import { EventBus } from './event-bus.js';
import { FERRY_VERSION } from './version.js';

export interface CoreOptions {
  shell: AppInfo['shell'];
  /** The folder local panes open first; the user's home by default. */
  homeDir?: string;
}

export interface FerryCore {
  dispatch: Dispatch;
  events: EventBus;
  dispose(): void;
}

export function createCore(options: CoreOptions): FerryCore {
  const events = new EventBus();
  const connections = new ConnectionRegistry();
  const clients = new S3ClientPool(connections);
  const jobs = new JobRegistry(events);
  const running = new Set<AbortController>();
  const s3 = (id: string) => clients.get(id);

  const startCopy = (source: ItemRef, destination: Parameters<Handlers['transfer.copy']>[0]['destination']) => {
    const job = jobs.create({ kind: 'copy', source, destination, name: nameOf(source), bytesTotal: 0 });
    const controller = new AbortController();
    running.add(controller);
    jobs.transition(job.id, { state: 'running' });
    copyItem(
      source,
      destination,
      s3,
      {
        onStart: ({ size }) => jobs.progress(job.id, { bytesTotal: size }),
        onBytes: (bytesDone) => jobs.progress(job.id, { bytesDone }),
      },
      controller.signal,
    )
      .then((result) => jobs.transition(job.id, { state: 'done', destinationId: result.destinationId, method: result.method }))
      .catch((err: unknown) => {
        const e = toFerryError(err);
        jobs.transition(job.id, { state: 'failed', error: { code: e.code, message: connections.redact(e.message) } });
      })
      .finally(() => running.delete(controller));
    return jobs.get(job.id) ?? job;
  };

  const handlers: Handlers = {
    'app.info': async () => ({ version: FERRY_VERSION, shell: options.shell, homeDir: options.homeDir ?? os.homedir() }),
    'connections.list': async () => connections.list(),
    'connections.add': async (args) => {
      const added = connections.add(args);
      events.emit('connections.changed', connections.list());
      return added;
    },
    'connections.remove': async ({ id }) => {
      clients.forget(id);
      const removed = connections.remove(id);
      events.emit('connections.changed', connections.list());
      return { removed };
    },
    'browse.list': async ({ location }) => {
      if (location.kind === 'local') return listLocalFolder(location);
      return location.bucket === '' ? listBuckets(s3(location.connectionId), location) : listPrefix(s3(location.connectionId), location);
    },
    'object.inspect': async ({ item }) => (item.kind === 'local' ? inspectLocalFile(item.path) : headObject(s3(item.connectionId), item)),
    'transfer.copy': async ({ source, destination }) => startCopy(source, destination),
    'transfer.list': async () => jobs.list(),
  };

  return {
    dispatch: createDispatcher(handlers, (text) => connections.redact(text)),
    events,
    dispose() {
      for (const c of running) c.abort();
      jobs.dispose();
      clients.destroyAll();
    },
  };
}
