import { FerryError } from '../../api/errors.js';
import { inspectLocalFile, listLocalFolder } from '../../local/local-browse.js';
import { headObject, listBuckets, listPrefix } from '../../s3/browse.js';
import type { Handlers } from '../dispatcher.js';
import type { CoreContext } from '../core-context.js';

export function browseHandlers(ctx: CoreContext): Pick<Handlers, 'browse.list' | 'object.inspect'> {
  // Listing pages in flight (and their retry waits) stop when the core shuts down, not minutes later,
  // and when the page that asked cancels them.
  const shutdown = new AbortController();
  ctx.onDispose(() => shutdown.abort(new FerryError('cancelled', 'Ferry is shutting down.')));
  return {
    'browse.list': async ({ location, cursor }, signal) => {
      // Only a prefix is read in pages; a cursor anywhere else was not one Ferry handed out.
      if (cursor !== undefined && (location.kind === 'local' || location.bucket === '')) {
        throw new FerryError('invalid-arguments', 'browse.list: cursor: only a folder in a bucket is listed in pages.', {
          details: { method: 'browse.list', field: 'cursor' },
        });
      }
      if (location.kind === 'local') return listLocalFolder(location);
      const client = ctx.clients.get(location.connectionId);
      if (location.bucket === '') return listBuckets(client, location);
      // A page stops (its request and retry waits) when the caller cancels it, or at shutdown.
      return listPrefix(client, location, signal ? AbortSignal.any([shutdown.signal, signal]) : shutdown.signal, cursor);
    },
    'object.inspect': async ({ item }) =>
      item.kind === 'local' ? inspectLocalFile(item.path) : headObject(ctx.clients.get(item.connectionId), item),
  };
}
