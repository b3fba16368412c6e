/**
 * Reading an item's bytes for an upload: a whole small object, or one part's
 * range, from S3 (ranged GETs that fail if the object changed: If-Match on
 * its ETag) or from a local file (positional reads). Every read takes its
 * bytes from the bandwidth budget and counts them for progress; a failed
 * attempt gives its count back.
 */
import {
  close as closeFd,
  closeSync,
  fstat as fstatFd,
  fstatSync,
  open as openFd,
  openSync,
  read as readFd,
  readSync,
  statSync,
} from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';
import { FerryError } from '../../api/errors.js';
import { attributesForFile, attributesFrom, type CarriedAttributes } from '../item/attributes.js';
import { readBodyToBuffer } from '../../s3/requests/body-reader.js';
import { DirectBody, getObjectBody } from '../../s3/direct/sockets/get-object.js';
import { AttemptBytes, type ItemEnv, type ItemWork, type SourceInfo } from '../item/context.js';
import { quickDisk, timedSync } from '../../local/quick-disk.js';
import { statusOf, type Conn } from '../../s3/requests/request.js';
import { cannotCopyInParts, checkRangedAnswer, RangesIgnored } from './ranges-ignored.js';

export interface ByteSource {
  /** The whole object (small objects only) and the attributes it carries; give the bytes back to env.buffers once sent. */
  readAll(signal: AbortSignal): Promise<{ bytes: Buffer; attributes: CarriedAttributes }>;
  /** Bytes [start, end). */
  readRange(start: number, end: number, signal: AbortSignal): Promise<Buffer>;
  close(): Promise<void>;
}

function changed(what: string): FerryError {
  return new FerryError('conflict', `${what} changed while it was being copied; nothing was written over it.`, {
    details: { source: what },
  });
}

export function s3Source(env: ItemEnv, item: ItemWork, conn: Conn, bucket: string, key: string, info: SourceInfo): ByteSource {
  const ifMatch = info.etag ? { IfMatch: info.etag } : {};
  const read = async (range: string | undefined, length: number | null, signal: AbortSignal) => {
    // A part's (or a mid-size object's) buffer comes from the pool (the hash arena) and goes back to it unless it is returned.
    const pooled = length ?? (info.size >= POOLED_FROM ? info.size : null);
    const into = pooled !== null ? env.buffers.take(pooled) : undefined;
    try {
      return await getObjectBody(
        env,
        conn,
        { Bucket: bucket, Key: key, ...(range ? { Range: range } : {}), ...ifMatch },
        signal,
        length ?? info.size,
        async (body, meta, out) => {
          const bytes = new AttemptBytes(env, item);
          const opts = { idleMs: env.tuning.idleTimeoutMs, signal, bandwidth: env.scheduler.bandwidth };
          try {
            const want = length ?? meta.contentLength;
            checkRangedAnswer(
              conn.summary.endpoint,
              range !== undefined,
              out,
              body instanceof DirectBody ? body.length : meta.contentLength,
              want,
            );
            let buffer: Buffer;
            if (body instanceof DirectBody) {
              if (body.length !== want) {
                throw new FerryError('network', `The server sent ${body.length} bytes where ${want} were asked for.`, { retryable: true });
              }
              // The socket reads straight into the part's buffer: no copy at all.
              buffer = into && into.length === want ? into : Buffer.allocUnsafeSlow(want);
              let filled = 0;
              await body.readInto({ room: () => buffer.subarray(filled), filled: (n) => void (filled += n) }, opts);
            } else {
              buffer = await readBodyToBuffer(body, want, opts, into);
            }
            bytes.add(buffer.length);
            // The object's length differs from the plan: the pooled buffer went unused.
            if (into && buffer !== into) env.buffers.drop(into);
            return { buffer, out };
          } catch (err) {
            bytes.rollback();
            throw err;
          }
        },
      );
    } catch (err) {
      if (into && length !== null) env.buffers.give(into);
      else if (into) env.buffers.drop(into);
      if (statusOf(err) === 412) throw changed(`${bucket}/${key}`);
      if (err instanceof RangesIgnored) throw cannotCopyInParts(conn.summary.endpoint, `${bucket}/${key}`, err);
      throw err;
    }
  };
  return {
    async readAll(signal) {
      const { buffer, out } = await read(undefined, null, signal);
      if (buffer.length !== info.size) {
        env.buffers.drop(buffer);
        throw changed(`${bucket}/${key}`);
      }
      return { bytes: buffer, attributes: attributesFrom(out) };
    },
    async readRange(start, end, signal) {
      return (await read(`bytes=${start}-${end - 1}`, end - start, signal)).buffer;
    },
    async close() {},
  };
}

/**
 * Whole objects from this size up are read into pooled buffers (the hash
 * arena), like parts: there the hash workers take them four at a time in SIMD
 * lanes instead of one by one. Smaller ones are hashed inline (hash/pool.ts).
 */
const POOLED_FROM = 512 * 1024;

const CHUNK = 1024 * 1024;
/** Without a bandwidth limit (which wants small steps, to stay smooth), a part is read in few calls. */
const UNLIMITED_CHUNK = 8 * 1024 * 1024;

/** Files up to this size are read whole, in one go, on a plain descriptor. */
const WHOLE_READ_MAX = CHUNK;

function sameAsPlanned(size: number, mtimeMs: number, info: SourceInfo): boolean {
  return size === info.size && (info.lastModified === undefined || Math.abs(mtimeMs - info.lastModified) <= 1);
}

/**
 * A small file read whole on a plain descriptor: open, read, fstat, close.
 * FileHandle's promise API costs several times the CPU per file (a handle
 * object with its finaliser, a promise per call), which on a folder of small
 * files was a tenth of Ferry's work. The fstat after the read proves the
 * bytes are the file as planned: same size and time once they are read.
 */
function readWhole(file: string, info: SourceInfo, buffer: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    openFd(file, 'r', (openErr, fd) => {
      if (openErr) return reject(openErr);
      const finish = (err: unknown) => closeFd(fd, () => (err ? reject(err) : resolve(buffer)));
      const check = () => fstatFd(fd, (err, st) => finish(err ?? (sameAsPlanned(st.size, st.mtimeMs, info) ? null : changed(file))));
      const readFrom = (off: number): void => {
        if (off >= buffer.length) return check();
        readFd(fd, buffer, off, buffer.length - off, off, (err, n) => {
          if (err) return finish(err);
          if (n === 0) return finish(changed(file));
          readFrom(off + n);
        });
      };
      readFrom(0);
    });
  });
}

/** readWhole with synchronous calls, for a small file on a quick disk (app/local/quick-disk.ts). */
function readWholeNow(file: string, info: SourceInfo, buffer: Buffer): Buffer {
  return timedSync(() => {
    const fd = openSync(file, 'r');
    try {
      for (let off = 0; off < buffer.length;) {
        const n = readSync(fd, buffer, off, buffer.length - off, off);
        if (n === 0) throw changed(file);
        off += n;
      }
      const st = fstatSync(fd);
      if (!sameAsPlanned(st.size, st.mtimeMs, info)) throw changed(file);
      return buffer;
    } finally {
      closeSync(fd);
    }
  });
}

export function fileSource(env: ItemEnv, item: ItemWork, file: string, info: SourceInfo): ByteSource {
  let handle: Promise<FileHandle> | undefined;
  const fh = () => (handle ??= open(file, 'r'));
  const readInto = async (buffer: Buffer, position: number, signal: AbortSignal) => {
    const h = await fh();
    const bytes = new AttemptBytes(env, item);
    try {
      for (let off = 0; off < buffer.length;) {
        signal.throwIfAborted();
        const len = Math.min(env.scheduler.bandwidth ? CHUNK : UNLIMITED_CHUNK, buffer.length - off);
        if (env.scheduler.bandwidth) await env.scheduler.bandwidth.take(len, signal);
        const { bytesRead } = await h.read(buffer, off, len, position + off);
        if (bytesRead === 0) throw changed(file);
        off += bytesRead;
        bytes.add(bytesRead);
      }
    } catch (err) {
      bytes.rollback();
      throw err;
    }
    return buffer;
  };
  return {
    async readAll(signal) {
      const buffer = info.size >= POOLED_FROM ? env.buffers.take(info.size) : Buffer.allocUnsafeSlow(info.size);
      try {
        if (info.size <= WHOLE_READ_MAX && !handle) {
          if (env.scheduler.bandwidth) await env.scheduler.bandwidth.take(info.size, signal);
          signal.throwIfAborted();
          const bytes = quickDisk(info.size) ? readWholeNow(file, info, buffer) : await readWhole(file, info, buffer);
          new AttemptBytes(env, item).add(bytes.length);
          return { bytes, attributes: await attributesForFile(file) };
        }
        return { bytes: await readInto(buffer, 0, signal), attributes: await attributesForFile(file) };
      } catch (err) {
        env.buffers.drop(buffer);
        throw err;
      }
    },
    async readRange(start, end, signal) {
      const buffer = env.buffers.take(end - start);
      try {
        return await readInto(buffer, start, signal);
      } catch (err) {
        env.buffers.give(buffer);
        throw err;
      }
    },
    async close() {
      const h = handle;
      handle = undefined;
      if (h) await (await h.catch(() => null))?.close();
    },
  };
}

/** Fails the item when a local file changed size or time since it was planned. */
export async function checkFileUnchanged(file: string, info: SourceInfo): Promise<void> {
  // One stat per file after its upload: synchronous on a quick disk (app/local/quick-disk.ts), as the read was.
  const now = quickDisk(info.size) ? timedSync(() => statSync(file)) : await stat(file);
  if (!sameAsPlanned(now.size, now.mtimeMs, info)) throw changed(file);
}
