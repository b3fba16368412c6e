/**
 * One item from start to finish: learn what the source is, decide where it
 * lands (refusing unsafe paths and over-long keys before any request),
 * settle a conflict, pick the method, write and verify, and for a move
 * delete the source only after the destination checked out.
 */
import { DeleteObjectCommand, HeadObjectCommand } from '../../sdk/s3-commands.js';
import { stat, unlink } from 'node:fs/promises';
import { FerryError } from '../../api/errors.js';
import type { ConflictPolicy, Location, TransferMode, JobSource } from '../../api/types.js';
import { runObjectTask } from './object-task.js';
import { attributesForFile, attributesFrom, supportsTagging } from '../item/attributes.js';
import { whyNotAFile } from '../../local/not-a-file.js';
import { keepTags } from '../item/keep-tags.js';
import { isIntegrityFailure } from '../item/integrity.js';
import { existingLocal, existingS3, freeName, verdict, type Existing } from './conflicts.js';
import { destinationKey, localTargetPath, pathLikeSegments } from '../plan/destination.js';
import type { ItemEnv, ItemWork, SourceInfo, WriteOutcome } from '../item/context.js';
import { send, statusOf, type Conn } from '../../s3/requests/request.js';
import { checkFileUnchanged, fileSource, s3Source } from '../methods/sources.js';
import { limitsOf } from '../tuning.js';
import { copyLocalFile, downloadToFile, makeFolder, SMALL_FILE_BYTES } from '../methods/write-local.js';
import { downloadSmallFile } from '../methods/write-small-file.js';
import { FallBackToStreaming, serverCopy, serverPartCopy, streamedWrite, type S3Target } from '../methods/write-s3.js';

export type ItemResult = { kind: 'done'; outcome: WriteOutcome } | { kind: 'skipped' } | { kind: 'ask'; message: string };

export interface JobView {
  destination: Location;
  mode: TransferMode;
  policy(): ConflictPolicy;
  sources: readonly JobSource[];
}

async function sourceInfo(env: ItemEnv, item: ItemWork, needHead: boolean, moving: boolean): Promise<SourceInfo> {
  const p = item.planned;
  const info: SourceInfo = {
    size: p.size ?? 0,
    ...(p.etag ? { etag: p.etag } : {}),
    ...(p.lastModified !== undefined ? { lastModified: p.lastModified } : {}),
  };
  if (p.source.kind === 'local') {
    if (p.size === null) {
      const file = p.source.path;
      // A stat that fails (a link to nothing, a link to itself) is worded by sourceGone, as any read of the source.
      const s = await stat(file);
      if (!s.isFile()) throw new FerryError('local-fs', (await whyNotAFile(file, moving)) ?? 'Not a file: only files are sent.');
      info.size = s.size;
      info.lastModified = s.mtimeMs;
    }
    info.attributes = await attributesForFile(p.source.path);
    return info;
  }
  if (!needHead && p.size !== null) return info;
  const { bucket, key } = p.source;
  const head = await send(env, env.conn(p.source.connectionId), env.signal, () => new HeadObjectCommand({ Bucket: bucket, Key: key }));
  info.size = head.ContentLength ?? 0;
  if (head.ETag) info.etag = head.ETag;
  if (head.LastModified) info.lastModified = head.LastModified.getTime();
  info.attributes = attributesFrom(head);
  return info;
}

function isPreconditionFailed(err: unknown): boolean {
  return statusOf(err) === 412 || (err as { name?: string }).name === 'PreconditionFailed';
}

async function deleteSource(env: ItemEnv, item: ItemWork): Promise<void> {
  const src = item.planned.source;
  if (src.kind === 'local') {
    await unlink(src.path);
    return;
  }
  await send(env, env.conn(src.connectionId), env.signal, () => new DeleteObjectCommand({ Bucket: src.bucket, Key: src.key }));
}

/**
 * Removes the object this attempt stored after its check failed: exactly the
 * version the server gave it where the bucket keeps versions (so what was
 * there before comes back), the key otherwise. The check's error is returned,
 * saying whether the removal worked.
 */
async function removeWritten(env: ItemEnv, conn: Conn, item: ItemWork, failed: FerryError): Promise<FerryError> {
  const w = item.wrote;
  item.wrote = undefined;
  if (!w) return failed;
  const what = w.versionId ? `version ${w.versionId} of ${w.key}` : w.key;
  try {
    await send(
      env,
      conn,
      env.signal,
      () => new DeleteObjectCommand({ Bucket: w.bucket, Key: w.key, ...(w.versionId ? { VersionId: w.versionId } : {}) }),
    );
    return new FerryError(failed.code, `${failed.message} Ferry removed what it wrote (${what}); the source is untouched.`, {
      ...(failed.details ? { details: { ...failed.details, removed: true } } : {}),
    });
  } catch (err) {
    return new FerryError(
      failed.code,
      `${failed.message} Ferry could not remove what it wrote (${what}: ${(err as Error).message}); delete it by hand. The source is untouched.`,
      { ...(failed.details ? { details: { ...failed.details, removed: false } } : {}) },
    );
  }
}

/** A sync's delete of what exists only on the side being made to match; a file already gone counts as deleted. */
async function removeItem(env: ItemEnv, item: ItemWork): Promise<ItemResult> {
  const src = item.planned.source;
  item.destinationId = src.kind === 'local' ? src.path : src.key;
  if (src.kind === 'local')
    await unlink(src.path).catch((err: NodeJS.ErrnoException) => (err.code === 'ENOENT' ? undefined : Promise.reject(err)));
  else await deleteSource(env, item);
  return { kind: 'done', outcome: { method: 'delete', check: 'none' } };
}

/** A delete job's item: its key (or one version of it) goes in the job's next DeleteObjects batch. */
async function deleteItem(env: ItemEnv, item: ItemWork): Promise<ItemResult> {
  const src = item.planned.source;
  if (src.kind !== 's3' || !env.deletes) throw new FerryError('invalid-arguments', 'A delete job deletes objects in a bucket.');
  item.destinationId = src.key;
  await env.deletes.delete(env.conn(src.connectionId), src.bucket, { key: src.key, versionId: item.planned.versionId });
  env.onBytes(item, item.bytesTotal);
  return { kind: 'done', outcome: { method: 'delete', check: 'none' } };
}

export async function runItem(env: ItemEnv, job: JobView, item: ItemWork): Promise<ItemResult> {
  try {
    return await runOne(env, job, item);
  } catch (err) {
    throw await sourceGone(err, item, job.mode === 'move');
  }
}

/**
 * A local source that cannot be read as listed: gone since, or a link to nothing or to itself, said in words and, for
 * a link, where it leads (a link to a file another item of the same move already took away). Node's text ("ENOENT: no
 * such file or directory, open …") is not for users.
 */
async function sourceGone(err: unknown, item: ItemWork, moving: boolean): Promise<unknown> {
  const src = item.planned.source;
  const e = err as NodeJS.ErrnoException;
  if (src.kind !== 'local' || (e?.code !== 'ENOENT' && e?.code !== 'ELOOP') || e.path !== src.path) return err;
  const gone = e.code === 'ENOENT' ? 'Not there any more: it was moved or deleted after Ferry listed it.' : undefined;
  const why = (await whyNotAFile(src.path, moving)) ?? gone;
  return why ? new FerryError('local-fs', why, { details: { errno: e.code }, cause: err }) : err;
}

async function runOne(env: ItemEnv, job: JobView, item: ItemWork): Promise<ItemResult> {
  const p = item.planned;
  if (job.mode === 'delete') return deleteItem(env, item);
  if (p.remove) return removeItem(env, item);
  const task = job.sources[p.srcIndex];
  if (task?.kind === 'object-task') return runObjectTask(env, task, item);
  const dest = p.destination ?? job.destination;
  const srcConn = p.source.kind === 's3' ? env.conn(p.source.connectionId) : null;
  const destConn = dest.kind === 's3' ? env.conn(dest.connectionId) : null;
  const sameAccount = srcConn !== null && destConn !== null && env.sameAccount(srcConn, destConn);
  const isMarker = p.relative.endsWith('/');

  // Where it lands, checked before any request.
  if (dest.kind === 's3' && !dest.bucket) throw new FerryError('invalid-arguments', 'Open a bucket before dropping objects on it.');
  let localTarget: { target: string; isDir: boolean } | null = null;
  if (dest.kind === 'local') {
    localTarget = item.destinationId ? { target: item.destinationId, isDir: isMarker } : localTargetPath(dest.path, p.relative);
  }
  if (!item.destinationId && dest.kind === 's3') {
    // A key with dot or empty segments is written only where the server keeps it as sent; one probe per connection finds out.
    const segments = destConn && pathLikeSegments(dest.prefix + p.relative) ? await env.keySegments(destConn, dest.bucket) : 'unknown';
    item.destinationId = destinationKey(dest.prefix, p.relative, segments);
  }
  if (!item.destinationId) item.destinationId = localTarget?.target ?? '';
  // A link the planner found inside a --root folder may lead out of it: checked for what is read and what is written.
  if (p.source.kind === 'local') await env.confineLocal(p.source.path);
  if (localTarget) await env.confineLocal(localTarget.target);

  const copyMax = Math.min(env.tuning.copyObjectMaxBytes ?? Infinity, limitsOf(destConn?.summary.limits).maxCopyObjectBytes);
  const threshold = env.tuning.multipartThreshold;
  const info = await sourceInfo(
    env,
    item,
    p.size === null || (p.size > threshold && !(sameAccount && p.size <= copyMax)),
    job.mode === 'move',
  );
  item.bytesTotal = info.size;

  if (srcConn && destConn && dest.kind === 's3' && p.source.kind === 's3') {
    if (sameAccount && p.source.bucket === dest.bucket && p.source.key === item.destinationId) {
      throw new FerryError('conflict', `"${p.source.key}" is its own destination; nothing to copy.`, { details: { key: p.source.key } });
    }
  }
  if (p.source.kind === 'local' && localTarget && p.source.path === localTarget.target) {
    throw new FerryError('conflict', `${p.source.path} is its own destination; nothing to copy.`, { details: { path: p.source.path } });
  }

  // Conflicts. With If-None-Match a small single PUT can skip the look-up: the server refuses if something is there.
  const policy = item.decision ?? job.policy();
  const singlePut = !sameAccount && info.size <= threshold && destConn !== null;
  // Asked only where it would be used: the answer may take a probe (a connection of an unknown provider).
  const conditional = async () => destConn !== null && dest.kind === 's3' && (await env.conditionalWrites(destConn, dest.bucket));
  let deferToServer = singlePut && ['skip', 'ask', 'keep-both'].includes(policy) && (await conditional());
  let ifNoneMatch = false;
  const settle = async (): Promise<ItemResult | null> => {
    if (policy === 'overwrite' || deferToServer) {
      ifNoneMatch = deferToServer;
      return null;
    }
    const existing: Existing =
      dest.kind === 's3' && destConn
        ? await existingS3(env, destConn, dest.bucket, item.destinationId)
        : await existingLocal(item.destinationId);
    const v = verdict(policy, info, existing, isMarker);
    switch (v) {
      case 'skip':
        return { kind: 'skipped' };
      case 'ask':
        return { kind: 'ask', message: `"${item.destinationId}" already exists.` };
      case 'rename': {
        const exists =
          dest.kind === 's3' && destConn
            ? async (k: string) => (await existingS3(env, destConn, dest.bucket, k)).exists
            : async (f: string) => (await existingLocal(f)).exists;
        item.destinationId = await freeName(item.destinationId, exists, dest.kind === 'local');
        if (localTarget) localTarget = { target: item.destinationId, isDir: false };
        ifNoneMatch = await conditional();
        return null;
      }
      case 'write':
        // Nothing was there a moment ago: keep it that way against a racing writer, where the server can.
        ifNoneMatch = !existing.exists && (await conditional());
        return null;
      default: {
        const unknown: never = v;
        throw new Error(`unknown verdict ${String(unknown)}`);
      }
    }
  };

  for (;;) {
    const early = await settle();
    if (early) return early;
    try {
      item.wrote = undefined;
      const outcome = await write(env, item, info, srcConn, destConn, dest, localTarget, sameAccount, copyMax, ifNoneMatch);
      if (p.source.kind === 'local') {
        try {
          await checkFileUnchanged(p.source.path, info);
        } catch (err) {
          // What went up is part old file, part new: it must not stand under the destination's name either.
          if (item.wrote && destConn && err instanceof FerryError) throw await removeWritten(env, destConn, item, err);
          throw err;
        }
      }
      if (job.mode === 'move') {
        if (srcConn && destConn && dest.kind === 's3' && p.source.kind === 's3' && !isMarker) {
          const from = { conn: srcConn, bucket: p.source.bucket, key: p.source.key };
          await keepTags(env, from, { conn: destConn, bucket: dest.bucket, key: item.destinationId }, env.signal);
        }
        await deleteSource(env, item);
      } else if (
        job.mode === 'copy' &&
        outcome.method === 'server-copy' &&
        srcConn &&
        destConn &&
        dest.kind === 's3' &&
        p.source.kind === 's3'
      ) {
        // A server whose CopyObject drops tags (s3rver) gets them written after the copy has verified.
        if (supportsTagging(destConn) && !(await env.copyKeepsTags(destConn, dest.bucket))) {
          const from = { conn: srcConn, bucket: p.source.bucket, key: p.source.key };
          await keepTags(env, from, { conn: destConn, bucket: dest.bucket, key: item.destinationId }, env.signal);
        }
      }
      return { kind: 'done', outcome };
    } catch (err) {
      // Bytes that did not check out must not stand under the destination's name; the source stays.
      if (isIntegrityFailure(err) && item.wrote && destConn) throw await removeWritten(env, destConn, item, err as FerryError);
      // Something appeared at the destination after all: decide with a real look-up.
      if (isPreconditionFailed(err) && ifNoneMatch && deferToServer) {
        deferToServer = false;
        env.onBytes(item, -item.bytesDone);
        continue;
      }
      if (isPreconditionFailed(err) && ifNoneMatch) {
        throw new FerryError('conflict', `"${item.destinationId}" was created by someone else while Ferry was writing it.`, {
          details: { destination: item.destinationId },
        });
      }
      // The write was cut off (pause, cancel, a dropped connection) after Ferry had settled that this name is its to
      // write. Whatever the server kept is Ferry's own unfinished work, not a conflict to ask about again: the next
      // attempt writes over it and verifies as usual.
      item.decision = 'overwrite';
      throw err;
    }
  }
}

async function write(
  env: ItemEnv,
  item: ItemWork,
  info: SourceInfo,
  srcConn: Conn | null,
  destConn: Conn | null,
  dest: Location,
  localTarget: { target: string; isDir: boolean } | null,
  sameAccount: boolean,
  copyMax: number,
  ifNoneMatch: boolean,
): Promise<WriteOutcome> {
  const p = item.planned;
  if (dest.kind === 'local') {
    if (!localTarget) throw new Error('local destination without a target');
    if (localTarget.isDir) return makeFolder(localTarget.target);
    if (p.source.kind === 's3' && srcConn) {
      const from = { conn: srcConn, bucket: p.source.bucket, key: p.source.key };
      return info.size <= SMALL_FILE_BYTES && info.size <= env.tuning.multipartThreshold
        ? downloadSmallFile(env, item, from, info, localTarget.target)
        : downloadToFile(env, item, from, info, localTarget.target);
    }
    if (p.source.kind === 'local') return copyLocalFile(env, item, p.source.path, info, localTarget.target);
    throw new Error('unreachable source kind');
  }
  if (!destConn) throw new Error('S3 destination without a connection');
  const target: S3Target = { conn: destConn, bucket: dest.bucket, key: item.destinationId, ifNoneMatch };
  if (p.source.kind === 'local') {
    const source = fileSource(env, item, p.source.path, info);
    try {
      return await streamedWrite(env, item, source, info, null, target);
    } finally {
      await source.close();
    }
  }
  if (!srcConn) throw new Error('S3 source without a connection');
  const origin = { conn: srcConn, bucket: p.source.bucket, key: p.source.key };
  // A folder marker is written afresh: versitygw refuses CopyObject onto a directory key ("contains data payload").
  const marker = info.size === 0 && item.destinationId.endsWith('/');
  if (sameAccount && info.size <= copyMax && !marker) return serverCopy(env, item, origin, info, target);
  if (
    sameAccount &&
    info.attributes &&
    destConn.summary.features?.uploadPartCopy !== false &&
    !env.unsupported.has(`${destConn.id}:uploadPartCopy`)
  ) {
    try {
      return await serverPartCopy(env, item, origin, { ...info, attributes: info.attributes }, target);
    } catch (err) {
      if (!(err instanceof FallBackToStreaming)) throw err;
    }
  }
  return streamedWrite(env, item, s3Source(env, item, srcConn, p.source.bucket, p.source.key, info), info, origin, target);
}
