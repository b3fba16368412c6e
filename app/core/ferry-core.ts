/**
 * Ferry's core, free of Electron: one instance per app or serve process.
 * Both shells hand it every call through `dispatch` and forward what it
 * emits on `events`; nothing else crosses. Each domain contributes its
 * handlers from its own file under handlers/.
 */
import { ConnectionRegistry } from '../connections/connection-registry.js';
import { S3ClientPool } from '../s3/client-factory.js';
import { clientOptions } from '../transfer/tuning.js';
import { SecretManager } from '../secrets/secret-manager.js';
import type { CoreContext, CoreOptions } from './core-context.js';
import { createDispatcher, type Dispatch, type Handlers } from './dispatcher.js';
import { EventBus } from './event-bus.js';
import { appHandlers } from './handlers/app-handlers.js';
import { browseHandlers } from './handlers/browse-handlers.js';
import { awsProfileHandlers } from './handlers/aws-profile-handlers.js';
import { connectionHandlers } from './handlers/connection-handlers.js';
import { inspectHandlers } from './handlers/inspect-handlers.js';
import { manageHandlers } from './handlers/manage-handlers.js';
import { transferHandlers } from './handlers/transfer-handlers.js';
import { uploadHandlers } from './handlers/upload-handlers.js';
import { workspaceHandlers } from './handlers/workspace-handlers.js';
import { syncHandlers } from './handlers/sync-handlers.js';
import type { ItemRef } from '../api/types.js';
import type { StagingArea } from '../uploads/staging-area.js';
import { readItem, type ReadableItem } from './read-item.js';
import { readPreview, type PreviewSlice, type SliceRequest } from '../preview/preview-read.js';
import { defaultUserDataDir } from './user-data-dir.js';
import { confineToRoots, LocalRoots } from './local-roots.js';

export type { CoreOptions } from './core-context.js';

export interface FerryCore {
  dispatch: Dispatch;
  events: EventBus;
  /** One object or file as a stream, for the shells' download routes (serve mode's HTTP, the desktop's ferry:// scheme). */
  readItem(item: ItemRef, signal: AbortSignal): Promise<ReadableItem>;
  /** A capped slice of one object or file for the preview panel (serve mode's /preview route). */
  readPreview(item: ItemRef, range: SliceRequest, signal: AbortSignal): Promise<PreviewSlice>;
  /** Where a browser's dropped files are received in serve mode. */
  uploads: StagingArea;
  /** Removes every known secret from a text before a shell shows it. */
  redact(text: string): string;
  dispose(): void;
}

export function createCore(options: CoreOptions): FerryCore {
  const cleanups: (() => void)[] = [];
  const userDataDir = options.userDataDir ?? defaultUserDataDir();
  const connections = new ConnectionRegistry(userDataDir, new SecretManager(userDataDir, options.secrets));
  const ctx: CoreContext = {
    options,
    userDataDir,
    events: new EventBus(),
    connections,
    clients: new S3ClientPool(connections, {
      ...clientOptions(options.transfer),
      ...(options.proxyEnv ? { proxyEnv: options.proxyEnv } : {}),
    }),
    onDispose: (cleanup) => cleanups.push(cleanup),
  };
  const { applySettings, startJob, ...transfers } = transferHandlers(ctx);
  const uploads = uploadHandlers(ctx, transfers['transfer.start']);
  const roots = options.localRoots?.length ? new LocalRoots(options.localRoots) : undefined;
  const connectionCalls = connectionHandlers(ctx);
  const all: Handlers = {
    ...appHandlers(ctx),
    ...connectionCalls,
    ...awsProfileHandlers(ctx, connectionCalls),
    ...browseHandlers(ctx),
    ...transfers,
    ...uploads.handlers,
    ...workspaceHandlers(ctx, applySettings),
    ...inspectHandlers(ctx, startJob),
    ...syncHandlers(ctx, transfers['transfer.start'], roots),
    ...manageHandlers(ctx, startJob),
  };
  const handlers = roots ? confineToRoots(all, roots) : all;
  return {
    dispatch: createDispatcher(handlers, (text) => connections.redact(text)),
    events: ctx.events,
    readItem: async (item, signal) => {
      if (roots && item.kind === 'local') await roots.check(item.path);
      return readItem(item, ctx.clients, signal);
    },
    readPreview: async (item, range, signal) => {
      if (roots && item.kind === 'local') await roots.check(item.path);
      return readPreview(item, ctx.clients, range, signal);
    },
    uploads: uploads.staging,
    redact: (text) => connections.redact(text),
    dispose() {
      for (const cleanup of cleanups.reverse()) cleanup();
      ctx.clients.destroyAll();
    },
  };
}
