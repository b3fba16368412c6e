import { inspectObject } from '../../inspect/inspect-object.js';
import { summariseSelection } from '../../inspect/selection-summary.js';
import type { Handlers } from '../dispatcher.js';
import type { CoreContext } from '../core-context.js';

type InspectCall = 'inspect.object' | 'inspect.summary';

export function inspectHandlers(ctx: CoreContext): Pick<Handlers, InspectCall> {
  return {
    'inspect.object': async ({ item }) => inspectObject(ctx.clients.get(item.connectionId), ctx.connections.get(item.connectionId), item),
    'inspect.summary': async ({ connectionId, bucket, keys }) =>
      summariseSelection(
        ctx.clients.get(connectionId),
        keys.map((key) => ({ kind: 's3', connectionId, bucket, key })),
      ),
  };
}
