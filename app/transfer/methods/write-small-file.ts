/**
 * Small objects (up to 1 MiB) to local disk: one GET read whole into memory
 * and checked there, then one temp file written, dated and renamed onto the
 * target.
 *
 * Downloading ten thousand 4 KiB objects spent more CPU on the file system
 * than on the network: eight promise-based calls per file (free-space check,
 * mkdir, FileHandle open, write, stat, close, rename, utimes), each a trip
 * through libuv's threads and, for FileHandle, several times the cost of a
 * plain descriptor. Here a file costs open, write, futimes, close and rename
 * on a plain descriptor; the folder is made only when the open says it is
 * missing. A full disk is reported by the write itself (ENOSPC, mapped to a
 * local-fs error like every other file-system failure) rather than by a
 * statfs per file; larger downloads keep that check before their first byte.
 * The body is checked before anything touches the disk, so a bad or cut
 * body leaves no file behind at all. The GET asks for the object's checksums:
 * one that keeps a full-object CRC32 is checked by it, others by MD5.
 */
import type { GetObjectCommandOutput } from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { readBodyToBuffer } from '../../s3/requests/body-reader.js';
import { getObjectBody } from '../../s3/direct/sockets/get-object.js';
import { isPlainMd5, mismatch, normalizeEtag, type HashCheck } from '../item/integrity.js';
import { AttemptBytes, type ItemEnv, type ItemWork, type S3Origin, type SourceInfo, type WriteOutcome } from '../item/context.js';
import { viaTemp } from './write-local.js';
import { asksCrc, crcMismatch, fullObjectCrc } from '../item/checksums.js';
import { crc32 } from '../hash/crc32.js';
import { quickDisk, timedSync } from '../../local/quick-disk.js';

// Callback file-system calls as promises: a plain descriptor, not a FileHandle.
const openFile = (file: string) =>
  new Promise<number>((resolve, reject) => fs.open(file, 'wx', 0o666, (err, fd) => (err ? reject(err) : resolve(fd))));
const closeFile = (fd: number) => new Promise<void>((resolve, reject) => fs.close(fd, (err) => (err ? reject(err) : resolve())));
const setTimes = (fd: number, when: Date) => new Promise<void>((resolve) => fs.futimes(fd, when, when, () => resolve()));

function writeAll(fd: number, data: Buffer): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const next = (offset: number) => {
      if (offset >= data.length) return resolve();
      fs.write(fd, data, offset, data.length - offset, offset, (err, n) => (err ? reject(err) : next(offset + n)));
    };
    next(0);
  });
}

/** Opens a new temp file, making its folder first only if the folder is missing. */
async function openTemp(temp: string): Promise<number> {
  try {
    return await openFile(temp);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    await fs.promises.mkdir(path.dirname(temp), { recursive: true });
    return openFile(temp);
  }
}

async function fetchWhole(
  env: ItemEnv,
  item: ItemWork,
  from: S3Origin,
  info: SourceInfo,
): Promise<{ data: Buffer; output: GetObjectCommandOutput | undefined }> {
  const input = {
    Bucket: from.bucket,
    Key: from.key,
    ...(info.etag ? { IfMatch: info.etag } : {}),
    ...(asksCrc(from.conn) ? { ChecksumMode: 'ENABLED' as const } : {}),
  };
  const opts = { idleMs: env.tuning.idleTimeoutMs, bandwidth: env.scheduler.bandwidth };
  return getObjectBody(env, from.conn, input, env.signal, info.size, async (body, _meta, output) => {
    // A body shorter or longer than the listing said fails as retryable inside readBodyToBuffer.
    const data = await readBodyToBuffer(body, info.size, { ...opts, signal: env.signal });
    new AttemptBytes(env, item).add(data.length);
    return { data, output: input.ChecksumMode ? output : undefined };
  });
}

/** writeTemp with synchronous calls, for a small file on a quick disk (app/local/quick-disk.ts); false when the folder is missing. */
function writeTempNow(temp: string, data: Buffer, when: Date | null): boolean {
  return timedSync(() => {
    let fd: number;
    try {
      fd = fs.openSync(temp, 'wx', 0o666);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw err;
    }
    try {
      for (let off = 0; off < data.length;) off += fs.writeSync(fd, data, off, data.length - off, off);
      if (when) {
        try {
          fs.futimesSync(fd, when, when);
        } catch {
          // A file system without times keeps its own, as in writeTemp.
        }
      }
    } finally {
      fs.closeSync(fd);
    }
    return true;
  });
}

/** Writes `data` to a new temp file, dated `when` (a full disk is named by viaTemp). */
async function writeTemp(temp: string, data: Buffer, when: Date | null): Promise<void> {
  // The folder is made (asynchronously) only when the quick open found it missing; the write then goes on below.
  if (quickDisk(data.length) && writeTempNow(temp, data, when)) return;
  const fd = await openTemp(temp);
  try {
    await writeAll(fd, data);
    // Dated before the rename: the target appears with the object's time already on it. A file system without times keeps its own.
    if (when) await setTimes(fd, when);
  } finally {
    await closeFile(fd);
  }
}

export async function downloadSmallFile(
  env: ItemEnv,
  item: ItemWork,
  from: S3Origin,
  info: SourceInfo,
  target: string,
): Promise<WriteOutcome> {
  // The body is held whole until it is on disk, so it counts against the part-buffer budget as an upload's does:
  // however many objects are in flight (the engine grows that number on a slow link), they hold no more than the budget.
  const held = await env.scheduler.memory.acquire(info.size, env.signal);
  try {
    const { data, output } = await fetchWhole(env, item, from, info);
    let check: HashCheck = 'size';
    const kept = fullObjectCrc(output);
    if (kept !== undefined) {
      const computed = crc32(data);
      if (computed !== kept) throw crcMismatch(kept, computed, { path: target });
      check = 'crc32';
    } else if (isPlainMd5(info.etag)) {
      const md5 = createHash('md5').update(data).digest('hex');
      if (md5 !== normalizeEtag(info.etag)) throw mismatch(info.etag, md5, { path: target });
      check = 'md5';
    }
    const when = info.lastModified ? new Date(info.lastModified) : null;
    await viaTemp(env, item, target, (temp) => writeTemp(temp, data, when));
    return { method: 'download', check };
  } finally {
    env.scheduler.memory.release(held);
  }
}
