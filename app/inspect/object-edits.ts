/**
 * The inspector's writes over one object or a selection: attribute edits
 * (rewrite-object.ts), tag edits through the tagging calls, restoring and
 * deleting a version. Everything the user typed is checked against S3's
 * limits before the first request; each object then succeeds or fails on its
 * own, a few at a time, and the result says which.
 */
import {
  DeleteObjectCommand,
  DeleteObjectTaggingCommand,
  GetObjectTaggingCommand,
  PutObjectTaggingCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import type { ConnectionSummary } from '../api/connection-types.js';
import { FerryError } from '../api/errors.js';
import type { AttributeEdit, EditItemResult, EditResult, PairsEdit, S3ItemRef } from '../api/inspect-types.js';
import { toFerryError } from '../s3/requests/error-mapping.js';
import { featuresOf } from './inspect-object.js';
import { applyPairs, checkEdit, checkTags, MAX_TAGS } from './limits.js';
import { rewriteObject, type RewriteOptions } from './rewrite-object.js';
import { bucketVersioning } from './sections.js';

const OBJECTS_IN_FLIGHT = 4;

export interface EditTarget {
  client: S3Client;
  summary: ConnectionSummary;
  connectionId: string;
  bucket: string;
}

async function eachObject(target: EditTarget, keys: string[], run: (item: S3ItemRef) => Promise<EditItemResult>): Promise<EditResult> {
  const items: EditItemResult[] = new Array<EditItemResult>(keys.length);
  let next = 0;
  const worker = async () => {
    while (next < keys.length) {
      const i = next++;
      const key = keys[i] ?? '';
      try {
        items[i] = await run({ kind: 's3', connectionId: target.connectionId, bucket: target.bucket, key });
      } catch (err) {
        items[i] = { key, ok: false, message: toFerryError(err).message };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(OBJECTS_IN_FLIGHT, keys.length) }, worker));
  const versioning = await bucketVersioning(target.client, target.bucket);
  return { items, newVersions: versioning.state === 'ok' && versioning.value === 'enabled' };
}

export async function editAttributes(
  target: EditTarget,
  keys: string[],
  edit: AttributeEdit,
  options: RewriteOptions,
): Promise<EditResult> {
  checkEdit(edit);
  return eachObject(target, keys, (item) => rewriteObject(target.client, target.summary, item, { edit }, options));
}

/** Refuses what no merge can fix before asking the server anything. */
export function checkTagEdit(summary: ConnectionSummary, edit: PairsEdit): void {
  if (!featuresOf(summary).tagging) {
    throw new FerryError('invalid-arguments', 'This provider does not keep object tags.');
  }
  const put = Object.entries(edit.put ?? {}).map(([key, value]) => ({ key, value }));
  if (put.length > MAX_TAGS) checkTags(put);
  for (const tag of put) checkTags([tag]);
}

/** Merges the edit into one object's tag set, checked again once merged, and writes it. */
export async function editTagsOf(client: S3Client, item: S3ItemRef, edit: PairsEdit): Promise<EditItemResult> {
  const current = await client.send(new GetObjectTaggingCommand({ Bucket: item.bucket, Key: item.key }));
  const before = Object.fromEntries((current.TagSet ?? []).map((t) => [t.Key ?? '', t.Value ?? '']));
  const after = applyPairs(before, edit, false);
  const tags = Object.entries(after).map(([key, value]) => ({ key, value }));
  checkTags(tags);
  if (tags.length === 0) {
    await client.send(new DeleteObjectTaggingCommand({ Bucket: item.bucket, Key: item.key }));
  } else {
    await client.send(
      new PutObjectTaggingCommand({
        Bucket: item.bucket,
        Key: item.key,
        Tagging: { TagSet: tags.map((t) => ({ Key: t.key, Value: t.value })) },
      }),
    );
  }
  return { key: item.key, ok: true, method: 'tagging' };
}

export async function editTags(target: EditTarget, keys: string[], edit: PairsEdit): Promise<EditResult> {
  checkTagEdit(target.summary, edit);
  return eachObject(target, keys, (item) => editTagsOf(target.client, item, edit));
}

/** Copies an old version over the current one; the copy is checked against that version's size and MD5. */
export async function restoreVersion(target: EditTarget, item: S3ItemRef, versionId: string, options: RewriteOptions) {
  return rewriteObject(target.client, target.summary, item, { fromVersionId: versionId }, options);
}

/** Removes one version for good; the caller has confirmed it. Governance retention is bypassed only when asked. */
export async function deleteVersion(target: EditTarget, item: S3ItemRef, versionId: string, bypassGovernance: boolean) {
  await target.client.send(
    new DeleteObjectCommand({
      Bucket: item.bucket,
      Key: item.key,
      VersionId: versionId,
      ...(bypassGovernance ? { BypassGovernanceRetention: true } : {}),
    }),
  );
  return { key: item.key, ok: true, deletedVersionId: versionId };
}
