/**
 * Writing an item to S3, by the best method its two ends allow:
 *  - same endpoint and keys: CopyObject inside the server, or UploadPartCopy
 *    in parallel parts above the provider's CopyObject limit;
 *  - otherwise through Ferry: one GET into one PUT for small (and all
 *    zero-byte) objects, ranged reads into UploadPart for large ones.
 * Every PUT and part carries Content-MD5, so the server refuses corrupted
 * bytes; afterwards the ETag (or the composite of part MD5s) and the size are
 * compared with what was read. Where the server keeps checksums, each PUT and
 * part also carries its CRC32 and a multipart upload the whole object's
 * (item/checksums.ts), computed by the hash worker beside the MD5.
 */
import type { HeadObjectCommandOutput } from '@aws-sdk/client-s3';
import { CopyObjectCommand, HeadObjectCommand, PutObjectCommand, UploadPartCommand, UploadPartCopyCommand } from '../../sdk/s3-commands.js';
import { FerryError } from '../../api/errors.js';
import { tagsToCarry, writeParams, type CarriedAttributes } from '../item/attributes.js';
import {
  checkMultipartEtag,
  checkPlainEtag,
  isPlainMd5,
  md5Base64,
  mismatch,
  multipartEtagParts,
  normalizeEtag,
  sizeMismatch,
  type HashCheck,
} from '../item/integrity.js';
import type { ItemEnv, ItemWork, S3Origin, SourceInfo, WriteOutcome } from '../item/context.js';
import { abortUpload, probeCrcCheck, runMultipart } from './multipart.js';
import {
  CRC_ALONE_FROM,
  crcMismatch,
  fullObjectCrc,
  learnCrcCheck,
  refusesChecksums,
  sendsCrc,
  serverChecksCrc,
  stopSendingCrc,
} from '../item/checksums.js';
import { crc32, crc32Base64 } from '../hash/crc32.js';
import { isUnsupported, request, send, type Conn } from '../../s3/requests/request.js';
import type { ByteSource } from './sources.js';
import { limitsOf, partCount, partSizeFor } from '../tuning.js';

export interface S3Target {
  conn: Conn;
  bucket: string;
  key: string;
  /** Write only if nothing is there (If-None-Match: *), where the provider supports it. */
  ifNoneMatch: boolean;
}

/** Thrown when the server turns out not to support a server-side method: the item goes through Ferry instead. */
export class FallBackToStreaming extends Error {}

export function copySource(bucket: string, key: string): string {
  return `${bucket}/${key.split('/').map(encodeURIComponent).join('/')}`;
}

async function headTarget(env: ItemEnv, t: S3Target): Promise<HeadObjectCommandOutput> {
  return send(env, t.conn, env.signal, () => new HeadObjectCommand({ Bucket: t.bucket, Key: t.key }));
}

async function checkSize(env: ItemEnv, t: S3Target, size: number): Promise<HeadObjectCommandOutput> {
  const head = await headTarget(env, t);
  if ((head.ContentLength ?? -1) !== size) throw sizeMismatch(head.ContentLength ?? -1, size, { bucket: t.bucket, key: t.key });
  return head;
}

function ifNoneMatch(t: S3Target) {
  return t.ifNoneMatch ? { IfNoneMatch: '*' } : {};
}

function wrote(item: ItemWork, t: S3Target, versionId: string | undefined): void {
  item.wrote = { bucket: t.bucket, key: t.key, ...(versionId ? { versionId } : {}) };
}

/** CopyObject: metadata and tags are copied by the server itself. */
export async function serverCopy(env: ItemEnv, item: ItemWork, from: S3Origin, info: SourceInfo, t: S3Target): Promise<WriteOutcome> {
  const out = await request(
    env,
    t.conn,
    env.signal,
    (client, prep, abortSignal) =>
      client.send(
        prep(
          new CopyObjectCommand({
            Bucket: t.bucket,
            Key: t.key,
            CopySource: copySource(from.bucket, from.key),
            ...(info.etag ? { CopySourceIfMatch: info.etag } : {}),
            ...ifNoneMatch(t),
          }),
        ),
        { abortSignal },
      ),
    // Some servers answer a copy only once it is done: give it the time its bytes would take.
    { bodyBytes: info.size },
  );
  env.onBytes(item, info.size);
  wrote(item, t, out.VersionId);
  const where = { bucket: t.bucket, key: t.key };
  // The source's own MD5 on the copy proves the same bytes (and so the size) without asking again.
  const copied = out.CopyObjectResult?.ETag;
  if (isPlainMd5(info.etag) && isPlainMd5(copied)) {
    if (normalizeEtag(copied) !== normalizeEtag(info.etag)) throw mismatch(copied, normalizeEtag(info.etag) ?? '', where);
    return { method: 'server-copy', check: 'source-etag' };
  }
  const head = await checkSize(env, t, info.size);
  let check: HashCheck = 'size';
  if (isPlainMd5(info.etag) && isPlainMd5(head.ETag)) {
    if (normalizeEtag(head.ETag) !== normalizeEtag(info.etag)) throw mismatch(head.ETag, normalizeEtag(info.etag) ?? '', where);
    check = 'source-etag';
  }
  return { method: 'server-copy', check };
}

/** UploadPartCopy in parallel parts, for objects above the provider's CopyObject limit. */
export async function serverPartCopy(
  env: ItemEnv,
  item: ItemWork,
  from: S3Origin,
  info: SourceInfo & { attributes: CarriedAttributes },
  t: S3Target,
): Promise<WriteOutcome> {
  const limits = limitsOf(t.conn.summary.limits);
  const partSize = partSizeFor(info.size, Math.max(env.tuning.copyPartSize, limits.minPartBytes), limits);
  const tagging = await tagsToCarry(env, from.conn, t.conn, from.bucket, from.key, info.attributes, env.signal);
  let first = true;
  const result = await runMultipart(env, item, {
    dest: t.conn,
    bucket: t.bucket,
    key: t.key,
    size: info.size,
    partSize,
    create: writeParams(info.attributes, tagging),
    ifNoneMatch: t.ifNoneMatch,
    sendPart: async (upload, n, range, signal) => {
      try {
        const out = await request(
          env,
          t.conn,
          signal,
          (client, prep, abortSignal) =>
            client.send(
              prep(
                new UploadPartCopyCommand({
                  Bucket: t.bucket,
                  Key: t.key,
                  UploadId: upload.uploadId,
                  PartNumber: n,
                  CopySource: copySource(from.bucket, from.key),
                  CopySourceRange: `bytes=${range.start}-${range.end - 1}`,
                  ...(info.etag ? { CopySourceIfMatch: info.etag } : {}),
                }),
              ),
              { abortSignal },
            ),
          { bodyBytes: range.end - range.start },
        );
        first = false;
        env.parts.copied++;
        env.onBytes(item, range.end - range.start);
        return { n, etag: out.CopyPartResult?.ETag ?? '', md5: '', size: range.end - range.start };
      } catch (err) {
        if (first && isUnsupported(err)) {
          env.unsupported.add(`${t.conn.id}:uploadPartCopy`);
          await abortUpload(env, t.conn, upload).catch(() => undefined);
          throw new FallBackToStreaming();
        }
        throw err;
      }
    },
  });
  wrote(item, t, result.versionId);
  const head = await checkSize(env, t, info.size);
  const reportedParts = multipartEtagParts(head.ETag ?? result.etag);
  if (reportedParts !== undefined && reportedParts !== partCount(info.size, result.partSize)) {
    throw new FerryError('server', `${t.key} was assembled from ${reportedParts} parts, not ${partCount(info.size, result.partSize)}.`, {
      details: { bucket: t.bucket, key: t.key, failedCheck: 'parts' },
    });
  }
  return { method: 'server-part-copy', check: 'size' };
}

interface Checksummed {
  /** The bytes' MD5 (hex), unless the server checks their CRC32 and no MD5 was needed. */
  digest?: string | undefined;
  /** The bytes, to be used from here on (a hash worker may have handed back another view of them). */
  buffer: Buffer;
  crc?: number | undefined;
}

/**
 * The digests a write of `bytes` to `conn` sends: their CRC32 alone where the
 * server checks it (item/checksums.ts), else their MD5 (and CRC32 with `withCrc`).
 */
async function checksummed(env: ItemEnv, conn: Conn, bytes: Buffer, withCrc: boolean): Promise<Checksummed> {
  if (withCrc && serverChecksCrc(env, conn)) return { buffer: bytes, crc: crc32(bytes) };
  return env.hashes.md5(bytes, withCrc);
}

/**
 * One PUT with Content-MD5 (and CRC32 where kept); the ETag must then equal
 * the MD5 of the bytes read. Where the server is known to check the CRC32
 * (item/checksums.ts), the CRC32 alone: the server refuses bytes that do not
 * match it, which is what the MD5 proved. An object large enough to go to a
 * hash worker asks the server once per run, if nobody has.
 */
async function putWhole(env: ItemEnv, item: ItemWork, bytes: Buffer, attrs: CarriedAttributes, tagging: string | undefined, t: S3Target) {
  let withCrc = sendsCrc(env, t.conn);
  if (withCrc && bytes.length >= CRC_ALONE_FROM) {
    await learnCrcCheck(env, t.conn, (body, crc) => probeCrcCheck(env, t.conn, t.bucket, t.key, body, crc));
  }
  let hashed = await checksummed(env, t.conn, bytes, withCrc);
  const put = () =>
    request(
      env,
      t.conn,
      env.signal,
      (client, prep, abortSignal) =>
        client.send(
          prep(
            new PutObjectCommand({
              Bucket: t.bucket,
              Key: t.key,
              Body: hashed.buffer,
              ContentLength: hashed.buffer.length,
              ...(hashed.digest !== undefined ? { ContentMD5: md5Base64(hashed.digest) } : {}),
              ...(withCrc && hashed.crc !== undefined ? { ChecksumCRC32: crc32Base64(hashed.crc) } : {}),
              ...writeParams(attrs, tagging),
              ...ifNoneMatch(t),
            }),
          ),
          { abortSignal },
        ),
      { bodyBytes: hashed.buffer.length },
    );
  const out = await put().catch(async (err: unknown) => {
    if (!withCrc || !refusesChecksums(err)) throw err;
    stopSendingCrc(env, t.conn);
    withCrc = false;
    // Without its CRC32 the body needs its MD5 again.
    if (hashed.digest === undefined) hashed = await env.hashes.md5(hashed.buffer, false);
    return put();
  });
  wrote(item, t, out.VersionId);
  const { digest, buffer, crc } = hashed;
  // A server that answers with its own CRC of the whole must have kept the one sent.
  const kept = fullObjectCrc(out);
  if (withCrc && crc !== undefined && kept !== undefined && kept !== crc) throw crcMismatch(kept, crc, { bucket: t.bucket, key: t.key });
  if (digest === undefined) return { check: 'crc32' as const, buffer };
  let check = checkPlainEtag(out.ETag, digest, t);
  // Without an MD5 ETag the hash proves nothing about the stored size: ask.
  if (check === 'size') await checkSize(env, t, buffer.length);
  else check = 'md5';
  return { check, buffer };
}

/** Bytes through Ferry: a single GET/read into a single PUT, or ranged reads into UploadPart. */
export async function streamedWrite(
  env: ItemEnv,
  item: ItemWork,
  source: ByteSource,
  info: SourceInfo,
  origin: S3Origin | null,
  t: S3Target,
): Promise<WriteOutcome> {
  if (info.size <= env.tuning.multipartThreshold) {
    const held = await env.scheduler.memory.acquire(info.size, env.signal);
    let whole: Buffer | undefined;
    try {
      const { bytes, attributes } = await source.readAll(env.signal);
      whole = bytes;
      const tagging = origin ? await tagsToCarry(env, origin.conn, t.conn, origin.bucket, origin.key, attributes, env.signal) : undefined;
      const { check, buffer } = await putWhole(env, item, bytes, attributes, tagging, t);
      whole = buffer;
      return { method: 'single-put', check };
    } finally {
      // Pooled bytes (mid-size objects) serve the next object; the rest are left to the collector.
      if (whole) env.buffers.drop(whole);
      env.scheduler.memory.release(held);
    }
  }

  const attrs = info.attributes ?? { metadata: {}, tagCount: 0 };
  const tagging = origin ? await tagsToCarry(env, origin.conn, t.conn, origin.bucket, origin.key, attrs, env.signal) : undefined;
  const partSize = partSizeFor(info.size, env.tuning.partSize, limitsOf(t.conn.summary.limits));
  const result = await runMultipart(env, item, {
    dest: t.conn,
    bucket: t.bucket,
    key: t.key,
    size: info.size,
    partSize,
    create: writeParams(attrs, tagging),
    ifNoneMatch: t.ifNoneMatch,
    checksum: true,
    sendPart: async (upload, n, range, signal) => {
      const held = await env.scheduler.memory.acquire(range.end - range.start, signal);
      let part: Buffer | undefined;
      try {
        part = await source.readRange(range.start, range.end, signal);
        const withCrc = upload.checksum === 'CRC32';
        const { digest, buffer, crc } = await checksummed(env, t.conn, part, withCrc);
        const crcText = withCrc && crc !== undefined ? crc32Base64(crc) : undefined;
        part = buffer;
        const out = await request(
          env,
          t.conn,
          signal,
          (client, prep, abortSignal) =>
            client.send(
              prep(
                new UploadPartCommand({
                  Bucket: t.bucket,
                  Key: t.key,
                  UploadId: upload.uploadId,
                  PartNumber: n,
                  Body: buffer,
                  ContentLength: buffer.length,
                  ...(digest !== undefined ? { ContentMD5: md5Base64(digest) } : {}),
                  ...(crcText ? { ChecksumCRC32: crcText } : {}),
                }),
              ),
              { abortSignal },
            ),
          { bodyBytes: buffer.length },
        );
        if (digest !== undefined) checkPlainEtag(out.ETag, digest, { bucket: t.bucket, key: `${t.key} (part ${n})` });
        env.parts.uploaded++;
        return { n, etag: out.ETag ?? '', md5: digest ?? '', size: buffer.length, ...(crcText ? { crc: crcText } : {}) };
      } finally {
        // Sent or failed, the bytes are no longer needed: the buffer serves the next part.
        if (part) env.buffers.give(part);
        env.scheduler.memory.release(held);
      }
    },
  });
  wrote(item, t, result.versionId);
  await checkSize(env, t, info.size);
  // Parts sent with their CRC32 alone were each checked by the server, and the whole by the CRC joined from them.
  if (result.crc !== undefined && result.parts.some((p) => p.md5 === '')) return { method: 'multipart', check: 'crc32' };
  const wholeMd5 = origin && isPlainMd5(info.etag) ? normalizeEtag(info.etag) : undefined;
  const check = checkMultipartEtag(
    result.etag,
    result.parts.map((p) => p.md5),
    wholeMd5,
    t,
  );
  return { method: 'multipart', check };
}
