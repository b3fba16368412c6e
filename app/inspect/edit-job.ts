/**
 * An edit of many objects as a job in Transfers: the checks made before it
 * starts, its name there, and the edit of one object the job runs per key.
 * The job's arguments come back from the journal after a restart, so each
 * object's run parses and checks them again rather than trusting the file.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { editTaskSchema } from '../api/calls/inspect-calls.js';
import type { ConnectionSummary } from '../api/connection-types.js';
import { FerryError } from '../api/errors.js';
import { HEADER_LABELS, type EditableHeader, type EditItemResult, type EditTask, type S3ItemRef } from '../api/inspect-types.js';
import { checkEdit } from './limits.js';
import { checkTagEdit, editTagsOf } from './object-edits.js';
import { rewriteObject, type RewriteOptions } from './rewrite-object.js';

/** The name an edit job's task is registered under. */
export const EDIT_TASK = 'inspect.edit';

/** Refuses the whole edit before the job starts: a limit broken for one object is broken for all. */
export function checkEditTask(summary: ConnectionSummary, task: EditTask): void {
  if (task.kind === 'tags') checkTagEdit(summary, task.edit);
  else checkEdit(task.edit);
}

/** "Content-Type, user metadata of 40 objects in photos": what Transfers calls the job. */
export function editJobLabel(bucket: string, count: number, task: EditTask): string {
  const fields =
    task.kind === 'tags'
      ? ['tags']
      : [
          ...Object.keys(task.edit.headers ?? {}).map((h) => HEADER_LABELS[h as EditableHeader] ?? h),
          ...(task.edit.metadata ? ['user metadata'] : []),
          ...(task.edit.storageClass ? ['storage class'] : []),
        ];
  return `${fields.join(', ') || 'attributes'} of ${count} object${count === 1 ? '' : 's'} in ${bucket}`;
}

/** One object of an edit job. A rewrite the server took only in part fails the item, naming what it did not apply. */
export async function runEditTask(
  client: S3Client,
  summary: ConnectionSummary,
  item: S3ItemRef,
  args: unknown,
  options: RewriteOptions,
): Promise<EditItemResult> {
  const parsed = editTaskSchema.safeParse(args);
  if (!parsed.success) throw new FerryError('invalid-arguments', 'This edit job was saved by another version of Ferry and cannot run.');
  const task = parsed.data as EditTask;
  checkEditTask(summary, task);
  const result =
    task.kind === 'tags'
      ? await editTagsOf(client, item, task.edit)
      : await rewriteObject(client, summary, item, { edit: task.edit }, options);
  if (!result.ok) throw new FerryError('server', result.message ?? `${item.key} was not changed as asked.`);
  return result;
}
