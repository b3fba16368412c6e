import type { inspectCalls } from '../../api/calls/inspect-calls.js';
import type { S3ItemRef } from '../../api/inspect-types.js';
import { inspectObject } from '../../inspect/inspect-object.js';
import { deleteVersion, editAttributes, editTags, restoreVersion, type EditTarget } from '../../inspect/object-edits.js';
import type { RewriteOptions } from '../../inspect/rewrite-object.js';
import { changeLock } from '../../inspect/lock-edits.js';
import { presign } from '../../inspect/presign.js';
import { summariseSelection } from '../../inspect/selection-summary.js';
import type { Handlers } from '../dispatcher.js';
import { rewriteOptions, startEditJob, type StartJob } from './inspect-tasks.js';
import type { CoreContext } from '../core-context.js';

type InspectCall = keyof typeof inspectCalls;

export function inspectHandlers(ctx: CoreContext, startJob: StartJob): Pick<Handlers, InspectCall> {
  const target = (connectionId: string, bucket: string): EditTarget => ({
    client: ctx.clients.get(connectionId),
    summary: ctx.connections.get(connectionId),
    connectionId,
    bucket,
  });
  const rewrite: RewriteOptions = rewriteOptions(ctx);
  const of = (item: S3ItemRef) => target(item.connectionId, item.bucket);
  return {
    'inspect.object': async ({ item }) => inspectObject(ctx.clients.get(item.connectionId), ctx.connections.get(item.connectionId), item),
    'inspect.summary': async ({ connectionId, bucket, keys }) =>
      summariseSelection(
        ctx.clients.get(connectionId),
        keys.map((key) => ({ kind: 's3', connectionId, bucket, key })),
      ),
    'inspect.edit': async ({ connectionId, bucket, keys, edit }) => editAttributes(target(connectionId, bucket), keys, edit, rewrite),
    'inspect.editTags': async ({ connectionId, bucket, keys, edit }) => editTags(target(connectionId, bucket), keys, edit),
    'inspect.startEditJob': async (args) => startEditJob(ctx, startJob, args),
    'inspect.restoreVersion': async ({ item, versionId }) => restoreVersion(of(item), item, versionId, rewrite),
    'inspect.deleteVersion': async ({ item, versionId, bypassGovernance }) => deleteVersion(of(item), item, versionId, bypassGovernance),
    'inspect.setLock': async ({ item, legalHold, retention, bypassGovernance }) =>
      changeLock(ctx.clients.get(item.connectionId), item, {
        bypassGovernance,
        ...(legalHold !== undefined ? { legalHold } : {}),
        ...(retention !== undefined ? { retention } : {}),
      }),
    'inspect.presign': async ({ item, method, expiresSeconds, versionId }) =>
      presign(ctx.clients.get(item.connectionId), item, method, expiresSeconds, new Date(), versionId),
  };
}
