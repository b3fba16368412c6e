/**
 * The GETs a download makes, and how each is checked: one range of the
 * object into its place in the file (the socket reading straight into the
 * file's blocks where it can), or the whole object in one stream, hashed as
 * the bytes land; and the HEADs that say which check applies: a full-object
 * CRC32 the server keeps, or the source's part size, with which the ranges'
 * MD5s rebuild a multipart ETag.
 */
import { HeadObjectCommand } from '../../sdk/s3-commands.js';
import type { FileHandle } from 'node:fs/promises';
import { FerryError } from '../../api/errors.js';
import { rangeSink } from './block-writer.js';
import { consumeBody } from '../../s3/requests/body-reader.js';
import { DirectBody, getObjectBody } from '../../s3/direct/sockets/get-object.js';
import { compositeEtag, isPlainMd5, mismatch, multipartEtagParts, normalizeEtag, type HashCheck } from '../item/integrity.js';
import { AttemptBytes, type ItemEnv, type ItemWork, type S3Origin, type SourceInfo } from '../item/context.js';
import { send } from '../../s3/requests/request.js';
import { partCount } from '../tuning.js';
import { asksCrc, crcMismatch, fullObjectCrc } from '../item/checksums.js';
import { checkRangedAnswer, partMd5s } from './ranges-ignored.js';

/** How a range is checked: MD5, CRC32, or CRC32 if the answer names the object's (`ask`: checksum mode on the GET). */
export interface RangeHashing {
  md5: boolean;
  crc: boolean;
  ask: boolean;
}

/** A range's digests, and the object's full-object CRC32 when its GET answered one. */
export interface RangeDigest {
  md5?: string;
  crc?: number;
  kept?: number;
}

/** Streams [start, end) of the object into the file at the same offset, hashed as `hashing` says. */
export function downloadRange(
  env: ItemEnv,
  item: ItemWork,
  from: S3Origin,
  info: SourceInfo,
  handle: FileHandle,
  range: { start: number; end: number } | null,
  hashing: RangeHashing,
  signal: AbortSignal,
): Promise<RangeDigest> {
  const input = {
    Bucket: from.bucket,
    Key: from.key,
    ...(range ? { Range: `bytes=${range.start}-${range.end - 1}` } : {}),
    ...(info.etag ? { IfMatch: info.etag } : {}),
    ...(hashing.ask ? { ChecksumMode: 'ENABLED' as const } : {}),
  };
  const expected = range ? range.end - range.start : info.size;
  return getObjectBody(env, from.conn, input, signal, expected, async (body, meta, output) => {
    // A whole object where a range was asked for: refused before anything is set up to take it.
    checkRangedAnswer(
      from.conn.summary.endpoint,
      range !== null,
      output,
      body instanceof DirectBody ? body.length : meta.contentLength,
      expected,
    );
    const kept = hashing.ask ? fullObjectCrc(output) : undefined;
    const crc = hashing.crc || kept !== undefined;
    const bytes = new AttemptBytes(env, item);
    const sink = rangeSink(env.hashes, handle, range?.start ?? 0, expected, hashing.md5 && !crc, crc);
    const opts = { idleMs: env.tuning.idleTimeoutMs, signal, bandwidth: env.scheduler.bandwidth };
    try {
      let n: number;
      if (body instanceof DirectBody) {
        if (body.length !== expected) throw new FerryError('network', `Received ${body.length} of ${expected} bytes.`, { retryable: true });
        // The socket reads into the sink's blocks itself.
        n = await body.readInto(
          {
            room: () => sink.room(),
            filled: (k) => {
              bytes.add(k);
              return sink.filled(k);
            },
          },
          opts,
        );
      } else {
        n = await consumeBody(body, {
          ...opts,
          onChunk: (chunk) => {
            bytes.add(chunk.length);
            return sink.write(chunk);
          },
        });
      }
      if (n !== expected) throw new FerryError('network', `Received ${n} of ${expected} bytes.`, { retryable: true });
      const md5 = await sink.end();
      return {
        ...(md5 !== undefined ? { md5 } : {}),
        ...(sink.crc !== undefined ? { crc: sink.crc } : {}),
        ...(kept !== undefined ? { kept } : {}),
      };
    } catch (err) {
      bytes.rollback();
      // No write of this attempt may land after the next attempt's (it would overwrite newer bytes).
      await sink.abandon();
      throw err;
    }
  });
}

/**
 * The object in one GET from its first byte, checked by the CRC32 it keeps (its GET's answer, or `known` from a
 * HEAD), else by a plain MD5 ETag, else by its parts' MD5s read back when `partSize` rebuilds a multipart ETag.
 */
export async function downloadWhole(
  env: ItemEnv,
  item: ItemWork,
  from: S3Origin,
  info: SourceInfo,
  handle: FileHandle,
  target: string,
  known?: { crc?: number; partSize?: number },
): Promise<HashCheck> {
  const plain = isPlainMd5(info.etag);
  const hashing = { md5: plain, crc: known?.crc !== undefined, ask: asksCrc(from.conn) };
  const got = await downloadRange(env, item, from, info, handle, null, hashing, env.signal);
  const kept = got.kept ?? known?.crc;
  if (kept !== undefined) {
    if (got.crc !== kept) throw crcMismatch(kept, got.crc ?? 0, { path: target });
    return 'crc32';
  }
  if (plain) {
    if (got.md5 !== normalizeEtag(info.etag)) throw mismatch(info.etag, got.md5 ?? '', { path: target });
    return 'md5';
  }
  if (known?.partSize === undefined) return 'size';
  const built = compositeEtag(await partMd5s(handle, known.partSize, info.size, env.signal));
  if (built !== normalizeEtag(info.etag)) throw mismatch(info.etag, built, { path: target });
  return 'multipart-etag';
}

/** The object's full-object CRC32 from a HEAD in checksum mode, if it keeps one and is still the version listed. */
export async function keptCrc(env: ItemEnv, from: S3Origin, info: SourceInfo): Promise<number | undefined> {
  if (!asksCrc(from.conn)) return undefined;
  const head = await send(
    env,
    from.conn,
    env.signal,
    () => new HeadObjectCommand({ Bucket: from.bucket, Key: from.key, ChecksumMode: 'ENABLED' }),
  ).catch((err: unknown) => {
    if (env.signal.aborted) throw err;
    // The GETs will say what is wrong; without the HEAD the MD5 path still checks every byte.
    return null;
  });
  if (!head || (info.etag && normalizeEtag(head.ETag) !== normalizeEtag(info.etag))) return undefined;
  return fullObjectCrc(head);
}

/** The source's part size when its ETag says multipart and its first part tells the size; else undefined. */
export async function sourcePartSize(env: ItemEnv, from: S3Origin, info: SourceInfo): Promise<number | undefined> {
  const parts = multipartEtagParts(info.etag);
  if (parts === undefined || parts < 2) return undefined;
  const head = await send(
    env,
    from.conn,
    env.signal,
    () => new HeadObjectCommand({ Bucket: from.bucket, Key: from.key, PartNumber: 1 }),
  ).catch(() => null);
  const first = head?.ContentLength;
  if (!first || first >= info.size || partCount(info.size, first) !== parts) return undefined;
  return first;
}
