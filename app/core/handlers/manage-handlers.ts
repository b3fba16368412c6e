import { FerryError } from '../../api/errors.js';
import { createBucket, deleteBucket, keepsVersions } from '../../buckets/bucket-ops.js';
import { deleteSelectionJob, emptyBucketJob, requireTypedName } from '../../objects/delete-job.js';
import type { DeleteEnv } from '../../s3/delete-keys.js';
import { deleteS3Selection, summarizeLocal, summarizeS3 } from '../../objects/delete-selection.js';
import { deleteLocal, systemTrash, trashTakesAll } from '../../objects/local-delete.js';
import type { ManageTarget } from '../../buckets/manage-target.js';
import { createLocalFolder, createS3Folder } from '../../objects/new-folder.js';
import { planS3Rename, renameLocal } from '../../objects/rename.js';
import { Scheduler } from '../../transfer/scheduler.js';
import { resolveTuning } from '../../transfer/tuning.js';
import type { JobSnapshot } from '../../api/types.js';
import type { StartRequest } from '../../transfer/engine.js';

/** Starts an engine job (transfer-handlers.ts); its snapshot is what the window gets back. */
type StartJob = (req: StartRequest) => Promise<{ snapshot(): JobSnapshot }>;
import type { Handlers } from '../dispatcher.js';
import type { CoreContext } from '../core-context.js';

type ManageCalls =
  | 'bucket.create'
  | 'bucket.delete'
  | 'bucket.emptyAndDelete'
  | 'folder.create'
  | 'entry.rename'
  | 'delete.summary'
  | 'delete.start'
  | 'delete.run';

/** `startJob` starts an engine job: a rename's move (its sources carry the new name), or a delete job. */
export function manageHandlers(ctx: CoreContext, startJob: StartJob): Pick<Handlers, ManageCalls> {
  const shutdown = new AbortController();
  ctx.onDispose(() => shutdown.abort(new FerryError('cancelled', 'Ferry is shutting down.')));
  const trash = systemTrash(ctx.options.trashItem);
  const tuning = resolveTuning(ctx.options.transfer);
  // Management requests share one request policy (retries, endpoint slots), apart from the transfers'.
  const env: DeleteEnv = {
    scheduler: new Scheduler(tuning),
    tuning,
    stats: { requests: 0, retries: 0, stalls: 0 },
    unsupported: new Set(),
  };
  const target = (connectionId: string): ManageTarget => ({
    env,
    conn: { id: connectionId, summary: ctx.connections.get(connectionId), client: ctx.clients.get(connectionId) },
    signal: shutdown.signal,
  });

  return {
    'bucket.create': async ({ connectionId, name, region, versioning, objectLock }) => {
      await createBucket(target(connectionId), { name, region, versioning, objectLock });
      return { bucket: name };
    },
    'bucket.delete': async ({ connectionId, bucket }) => {
      await deleteBucket(target(connectionId), bucket);
      return { deleted: true };
    },
    'bucket.emptyAndDelete': async ({ connectionId, bucket, confirmName }) => {
      requireTypedName(bucket, confirmName, 'empty and delete it');
      const versioned = (await keepsVersions(target(connectionId), bucket)) !== 'off';
      return { job: (await startJob(emptyBucketJob(connectionId, bucket, versioned))).snapshot() };
    },
    'folder.create': async ({ location, name }) =>
      location.kind === 'local'
        ? { id: await createLocalFolder(location.path, name) }
        : { id: await createS3Folder(target(location.connectionId), location.bucket, location.prefix, name) },
    'entry.rename': async ({ item, name }) => {
      if (item.kind === 'local') return { id: await renameLocal(item.path, name) };
      const plan = await planS3Rename(target(item.connectionId), item.bucket, item.key, name);
      // Overwrite is safe: the target was just found free, and a resumed job must redo a copy whose source stayed.
      const job = (
        await startJob({ sources: plan.sources, destination: plan.destination, mode: 'move', conflict: 'overwrite' })
      ).snapshot();
      return { id: plan.target, job };
    },
    'delete.summary': async ({ selection }) =>
      selection.kind === 'local'
        ? { ...(await summarizeLocal(selection.paths)), trash: await trashTakesAll(trash, selection.paths) }
        : summarizeS3(target(selection.connectionId), selection),
    'delete.start': async ({ selection, permanently, confirmName }) => {
      if (permanently) requireTypedName(selection.bucket, confirmName, 'delete every version');
      return { job: (await startJob(deleteSelectionJob(selection.connectionId, selection, permanently))).snapshot() };
    },
    'delete.run': async ({ selection, permanently, confirmName }) => {
      if (selection.kind === 'local') return deleteLocal(selection.paths, trash, permanently);
      if (permanently && confirmName !== selection.bucket) {
        throw new FerryError('invalid-arguments', `Type the bucket's name, "${selection.bucket}", exactly to delete every version.`, {
          details: { field: 'confirmName' },
        });
      }
      return deleteS3Selection(target(selection.connectionId), selection, permanently);
    },
  };
}
