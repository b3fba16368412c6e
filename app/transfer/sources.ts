/**
 * Reading an item's bytes for an upload: a whole small object, or one part's
 * range, from S3 (ranged GETs that fail if the object changed: If-Match on
 * its ETag) or from a local file (positional reads). Every read takes its
 * bytes from the bandwidth budget and counts them for progress; a failed
 * attempt gives its count back.
 */
import { open, stat, type FileHandle } from 'node:fs/promises';
import { FerryError } from '../api/errors.js';
import { attributesForFile, attributesFrom, type CarriedAttributes } from './attributes.js';
import { readBodyToBuffer } from './body-reader.js';
import { AttemptBytes, type ItemEnv, type ItemWork, type SourceInfo } from './item-context.js';
import { getWithBody, statusOf, type Conn } from './s3-requests.js';

export interface ByteSource {
  /** The whole object (small objects only) and the attributes it carries. */
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
    try {
      return await getWithBody(
        env,
        conn,
        { Bucket: bucket, Key: key, ...(range ? { Range: range } : {}), ...ifMatch },
        signal,
        async (body, meta, out) => {
          const bytes = new AttemptBytes(env, item);
          try {
            const want = length ?? meta.contentLength;
            const buffer = await readBodyToBuffer(
              body,
              want,
              { idleMs: env.tuning.idleTimeoutMs, signal, bandwidth: env.scheduler.bandwidth },
              length !== null ? env.buffers.take(length) : undefined,
            );
            bytes.add(buffer.length);
            return { buffer, out };
          } catch (err) {
            bytes.rollback();
            throw err;
          }
        },
      );
    } catch (err) {
      if (statusOf(err) === 412) throw changed(`${bucket}/${key}`);
      throw err;
    }
  };
  return {
    async readAll(signal) {
      const { buffer, out } = await read(undefined, null, signal);
      if (buffer.length !== info.size) throw changed(`${bucket}/${key}`);
      return { bytes: buffer, attributes: attributesFrom(out) };
    },
    async readRange(start, end, signal) {
      return (await read(`bytes=${start}-${end - 1}`, end - start, signal)).buffer;
    },
    async close() {},
  };
}

const CHUNK = 1024 * 1024;

export function fileSource(env: ItemEnv, item: ItemWork, file: string, info: SourceInfo): ByteSource {
  let handle: Promise<FileHandle> | undefined;
  const fh = () => (handle ??= open(file, 'r'));
  const readInto = async (buffer: Buffer, position: number, signal: AbortSignal) => {
    const h = await fh();
    const bytes = new AttemptBytes(env, item);
    try {
      for (let off = 0; off < buffer.length;) {
        signal.throwIfAborted();
        const len = Math.min(CHUNK, buffer.length - off);
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
      const buffer = await readInto(Buffer.allocUnsafeSlow(info.size), 0, signal);
      return { bytes: buffer, attributes: attributesForFile(file) };
    },
    readRange(start, end, signal) {
      return readInto(env.buffers.take(end - start), start, signal);
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
  const now = await stat(file);
  if (now.size !== info.size || (info.lastModified !== undefined && Math.abs(now.mtimeMs - info.lastModified) > 1)) throw changed(file);
}
