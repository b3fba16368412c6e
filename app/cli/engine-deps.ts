/** A compare outside a job borrows the transfer engine's connections, limits and retries. */
import type { TransferEngine } from '../transfer/engine.js';
import type { ListDeps } from '../sync/side-listing.js';

export function listDepsOf(engine: TransferEngine, signal: AbortSignal): ListDeps {
  return {
    env: { scheduler: engine.scheduler, tuning: engine.tuning, stats: { requests: 0, retries: 0, stalls: 0 } },
    conn: (id) => engine.conn(id),
    signal,
  };
}
