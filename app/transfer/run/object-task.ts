/**
 * An item of an object task: the core's task (an inspector edit) run on one
 * object in place. The engine gives it what every item gets (slots, pause,
 * cancel, the journal, a failure of its own); the task says how it went.
 */
import { FerryError } from '../../api/errors.js';
import type { ObjectTaskSource } from '../../api/types.js';
import type { ItemEnv, ItemWork } from '../item/context.js';

export async function runObjectTask(env: ItemEnv, src: ObjectTaskSource, item: ItemWork) {
  const task = env.tasks.get(src.task);
  if (!task) throw new FerryError('invalid-arguments', `This Ferry cannot run "${src.task}" jobs; run it from the app that started it.`);
  const p = item.planned;
  if (p.source.kind !== 's3') throw new Error('an object task runs on S3 objects');
  item.destinationId = p.source.key;
  env.signal.throwIfAborted();
  const outcome = await task(env.conn(p.source.connectionId), { bucket: p.source.bucket, key: p.source.key }, src.args, env.signal);
  item.bytesTotal = outcome.size;
  env.onBytes(item, outcome.size);
  return { kind: 'done' as const, outcome: { method: outcome.method, check: outcome.check } };
}
