import type { Handlers } from '../dispatcher.js';
import type { CoreContext } from '../core-context.js';

type ConnectionCalls = 'connections.list' | 'connections.add' | 'connections.remove';

export function connectionHandlers(ctx: CoreContext): Pick<Handlers, ConnectionCalls> {
  const changed = () => ctx.events.emit('connections.changed', ctx.connections.list());
  return {
    'connections.list': async () => ctx.connections.list(),
    'connections.add': async (args) => {
      const added = ctx.connections.add(args);
      changed();
      return added;
    },
    'connections.remove': async ({ id }) => {
      ctx.clients.forget(id);
      const removed = ctx.connections.remove(id);
      changed();
      return { removed };
    },
  };
}
