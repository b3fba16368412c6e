/**
 * Writing an item to local disk. Bytes go to a temp file beside the target
 * and are renamed onto it only once size and hash check out, so a failure or
 * a crash never leaves a half-written file under the real name. Free space is
 * checked first; a full disk (ENOSPC) removes the temp file and fails the
 * item. Large objects download as parallel ranged GETs written in place; when
 * the source's ETag is a multipart ETag, the ranges follow the source's own
 * part boundaries, so the MD5 of each range rebuilds that ETag exactly.
 */
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { createHash, randomBytes, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, mkdir, open, rename, rm, statfs, utimes, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { FerryError } from '../api/errors.js';
import { consumeBody } from './body-reader.js';
import { isPlainMd5, mismatch, multipartEtagParts, normalizeEtag, compositeEtag, sizeMismatch, type HashCheck } from './integrity.js';
import { AttemptBytes, type ItemEnv, type ItemWork, type SourceInfo, type WriteOutcome } from './item-context.js';
import { getWithBody, request, type Conn } from './s3-requests.js';
import { anySignal } from './semaphore.js';
import { partCount, partRange } from './tuning.js';

export interface S3Origin {
  conn: Conn;
  bucket: string;
  key: string;
}

async function ensureSpace(dir: string, size: number): Promise<void> {
  // The target's folder may not exist yet: ask the nearest one that does (it is on the same disk).
  let at = dir;
  let fs = await statfs(at).catch(() => null);
  while (!fs && path.dirname(at) !== at) {
    at = path.dirname(at);
    fs = await statfs(at).catch(() => null);
  }
  if (!fs) return;
  const free = fs.bavail * fs.bsize;
  if (free < size) {
    throw new FerryError('local-fs', `Not enough free space in ${dir}: ${size} bytes needed, ${free} available.`, {
      details: { errno: 'ENOSPC', path: dir, needed: size, free },
    });
  }
}

function tempBeside(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.ferry-${randomBytes(4).toString('hex')}.part`);
}

/** Runs `write` into a temp file, renames it onto the target, and removes the temp on any failure. */
async function viaTemp(env: ItemEnv, item: ItemWork, target: string, write: (temp: string) => Promise<HashCheck>): Promise<HashCheck> {
  await mkdir(path.dirname(target), { recursive: true });
  const temp = tempBeside(target);
  item.tempPath = temp;
  env.journal?.append({ t: 'tmp', id: item.planned.id, path: temp });
  try {
    const check = await write(temp);
    await rename(temp, target);
    return check;
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  } finally {
    delete item.tempPath;
    env.journal?.append({ t: 'tmp-end', id: item.planned.id });
  }
}

async function writeAt(handle: FileHandle, chunk: Buffer, position: number): Promise<void> {
  for (let off = 0; off < chunk.length;) {
    const { bytesWritten } = await handle.write(chunk, off, chunk.length - off, position + off);
    off += bytesWritten;
  }
}

/** Streams [start, end) of the object into the file at the same offset; returns the range's MD5. */
function downloadRange(
  env: ItemEnv,
  item: ItemWork,
  from: S3Origin,
  info: SourceInfo,
  handle: FileHandle,
  range: { start: number; end: number } | null,
  signal: AbortSignal,
): Promise<string> {
  const input = {
    Bucket: from.bucket,
    Key: from.key,
    ...(range ? { Range: `bytes=${range.start}-${range.end - 1}` } : {}),
    ...(info.etag ? { IfMatch: info.etag } : {}),
  };
  return getWithBody(env, from.conn, input, signal, async (body) => {
    const bytes = new AttemptBytes(env, item);
    const hash: Hash = createHash('md5');
    let position = range?.start ?? 0;
    try {
      const n = await consumeBody(body, {
        idleMs: env.tuning.idleTimeoutMs,
        signal,
        bandwidth: env.scheduler.bandwidth,
        onChunk: async (chunk) => {
          hash.update(chunk);
          await writeAt(handle, chunk, position);
          position += chunk.length;
          bytes.add(chunk.length);
        },
      });
      const expected = range ? range.end - range.start : info.size;
      if (n !== expected) throw new FerryError('network', `Received ${n} of ${expected} bytes.`, { retryable: true });
    } catch (err) {
      bytes.rollback();
      throw err;
    }
    return hash.digest('hex');
  });
}

/** The source's part size when its ETag says multipart and its first part tells the size; else undefined. */
async function sourcePartSize(env: ItemEnv, from: S3Origin, info: SourceInfo): Promise<number | undefined> {
  const parts = multipartEtagParts(info.etag);
  if (parts === undefined || parts < 2) return undefined;
  const head = await request(env, from.conn, env.signal, (client, prep, abortSignal) =>
    client.send(prep(new HeadObjectCommand({ Bucket: from.bucket, Key: from.key, PartNumber: 1 })), { abortSignal }),
  ).catch(() => null);
  const first = head?.ContentLength;
  if (!first || first >= info.size || partCount(info.size, first) !== parts) return undefined;
  return first;
}

async function md5OfFile(file: string): Promise<string> {
  const hash = createHash('md5');
  for await (const chunk of createReadStream(file, { highWaterMark: 1024 * 1024 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export async function downloadToFile(
  env: ItemEnv,
  item: ItemWork,
  from: S3Origin,
  info: SourceInfo,
  target: string,
): Promise<WriteOutcome> {
  await ensureSpace(path.dirname(target), info.size);
  const check = await viaTemp(env, item, target, async (temp) => {
    const handle = await open(temp, 'w');
    let check: HashCheck = 'size';
    try {
      if (info.size <= env.tuning.multipartThreshold) {
        const md5 = await downloadRange(env, item, from, info, handle, null, env.signal);
        if (isPlainMd5(info.etag)) {
          if (md5 !== normalizeEtag(info.etag)) throw mismatch(info.etag, md5, { path: target });
          check = 'md5';
        }
      } else {
        const aligned = await sourcePartSize(env, from, info);
        const partSize = aligned ?? env.tuning.partSize;
        const total = partCount(info.size, partSize);
        const md5s: string[] = new Array<string>(total);
        const queue = Array.from({ length: total }, (_, i) => i + 1);
        const stop = new AbortController();
        const signal = anySignal([env.signal, stop.signal]);
        const worker = async () => {
          for (let n = queue.shift(); n !== undefined; n = queue.shift()) {
            const held = await env.scheduler.parts.acquire(1, signal);
            try {
              md5s[n - 1] = await downloadRange(env, item, from, info, handle, partRange(n, partSize, info.size), signal);
            } finally {
              env.scheduler.parts.release(held);
            }
          }
        };
        const results = await Promise.allSettled(
          Array.from({ length: Math.min(env.tuning.partsInFlight, total) }, () =>
            worker().catch((err: unknown) => {
              stop.abort(err);
              throw err;
            }),
          ),
        );
        const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
        if (failed) throw env.signal.aborted ? env.signal.reason : failed.reason;
        if (aligned) {
          const built = compositeEtag(md5s);
          if (built !== normalizeEtag(info.etag)) throw mismatch(info.etag, built, { path: target });
          check = 'multipart-etag';
        } else if (isPlainMd5(info.etag)) {
          await handle.sync();
          const md5 = await md5OfFile(temp);
          if (md5 !== normalizeEtag(info.etag)) throw mismatch(info.etag, md5, { path: target });
          check = 'md5';
        }
      }
      const written = (await handle.stat()).size;
      if (written !== info.size) throw sizeMismatch(written, info.size, { path: target });
    } finally {
      await handle.close();
    }
    return check;
  });
  if (info.lastModified) {
    const when = new Date(info.lastModified);
    await utimes(target, when, when).catch(() => undefined);
  }
  return { method: 'download', check };
}

/** Local to local: a plain file copy through a temp file, checked by size. */
export async function copyLocalFile(env: ItemEnv, item: ItemWork, file: string, info: SourceInfo, target: string): Promise<WriteOutcome> {
  await ensureSpace(path.dirname(target), info.size);
  const check = await viaTemp(env, item, target, async (temp) => {
    await copyFile(file, temp);
    const handle = await open(temp, 'r');
    try {
      const size = (await handle.stat()).size;
      if (size !== info.size) throw sizeMismatch(size, info.size, { path: target });
    } finally {
      await handle.close();
    }
    env.onBytes(item, info.size);
    return 'size';
  });
  return { method: 'download', check };
}

export async function makeFolder(target: string): Promise<WriteOutcome> {
  await mkdir(target, { recursive: true });
  return { method: 'download', check: 'size' };
}
