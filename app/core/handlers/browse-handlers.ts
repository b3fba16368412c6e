import { inspectLocalFile, listLocalFolder } from '../../local/local-browse.js';
import { headObject, listBuckets, listPrefix } from '../../s3/s3-browse.js';
import type { Handlers } from '../dispatcher.js';
import type { CoreContext } from '../core-context.js';

export function browseHandlers(ctx: CoreContext): Pick<Handlers, 'browse.list' | 'object.inspect'> {
  return {
    'browse.list': async ({ location }) => {
      if (location.kind === 'local') return listLocalFolder(location);
      const client = ctx.clients.get(location.connectionId);
      return location.bucket === '' ? listBuckets(client, location) : listPrefix(client, location);
    },
    'object.inspect': async ({ item }) =>
      item.kind === 'local' ? inspectLocalFile(item.path) : headObject(ctx.clients.get(item.connectionId), item),
  };
}
