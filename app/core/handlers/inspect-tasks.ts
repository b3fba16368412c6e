/**
 * The inspector's edits of many objects, as the transfer engine runs them:
 * the task it calls per object, and starting the job.
 */
import type { ParsedArgs } from '../../api/contract.js';
import type { JobSnapshot } from '../../api/types.js';
import { checkEditTask, EDIT_TASK, editJobLabel, runEditTask } from '../../inspect/edit-job.js';
import type { RewriteOptions } from '../../inspect/rewrite-object.js';
import type { StartRequest } from '../../transfer/engine.js';
import type { Job } from '../../transfer/job/job.js';
import type { ObjectTask } from '../../transfer/item/tasks.js';
import type { CoreContext } from '../core-context.js';

/** The transfer tuning's copy limits apply to rewrites too, so tests can lower them for both. */
export function rewriteOptions(ctx: CoreContext): RewriteOptions {
  return {
    copyObjectMaxBytes: ctx.options.transfer?.copyObjectMaxBytes ?? null,
    ...(ctx.options.transfer?.copyPartSize ? { copyPartBytes: ctx.options.transfer.copyPartSize } : {}),
  };
}

export function inspectTasks(ctx: CoreContext): Record<string, ObjectTask> {
  const options = rewriteOptions(ctx);
  return {
    [EDIT_TASK]: async (conn, target, args, signal) => {
      const item = { kind: 's3', connectionId: conn.id, ...target } as const;
      const r = await runEditTask(conn.client, conn.summary, item, args, { ...options, signal });
      const method = r.method === 'tagging' ? 'tagging' : r.method === 'multipart-copy' ? 'server-part-copy' : 'server-copy';
      // A rewrite checks the size, and the bytes' MD5 where both ETags are one; a tag edit moves no bytes.
      return { method, check: method === 'tagging' ? 'none' : 'size', size: r.size ?? 0 };
    },
  };
}

export type StartJob = (req: StartRequest) => Promise<Job>;

export async function startEditJob(ctx: CoreContext, start: StartJob, args: ParsedArgs<'inspect.startEditJob'>): Promise<JobSnapshot> {
  const { connectionId, bucket, keys, task } = args;
  checkEditTask(ctx.connections.get(connectionId), task);
  const job = await start({
    sources: [
      { kind: 'object-task', task: EDIT_TASK, connectionId, bucket, keys, args: task, label: editJobLabel(bucket, keys.length, task) },
    ],
    destination: { kind: 's3', connectionId, bucket, prefix: '' },
    mode: 'edit',
    conflict: 'overwrite',
  });
  return job.snapshot();
}
