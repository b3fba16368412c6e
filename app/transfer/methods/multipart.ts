/**
 * One multipart upload, from create (or resume) to complete. Parts run in
 * parallel under the global part limit; each finished part is journalled with
 * its MD5. Resuming asks the server which parts it holds (ListParts) and keeps
 * only those whose ETag and size match what Ferry recorded, so nothing is
 * trusted that Ferry cannot vouch for, and only the rest is sent.
 *
 * Where the server keeps checksums (item/checksums.ts), the upload is created
 * for a full-object CRC32: each part carries its CRC, and the completion the
 * CRC of the whole, joined from the parts' (hash/crc32.ts) without reading
 * anything again; the server checks it and keeps it for later readers.
 */
import type { CreateMultipartUploadCommandInput } from '@aws-sdk/client-s3';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  HeadObjectCommand,
  ListPartsCommand,
  UploadPartCommand,
} from '../../sdk/s3-commands.js';
import { FerryError } from '../../api/errors.js';
import { compositeEtag, normalizeEtag } from '../item/integrity.js';
import { crcMismatch, fullObjectCrc, learnCrcCheck, refusesChecksums, sendsCrc, stopSendingCrc } from '../item/checksums.js';
import { crc32Base64, crc32FromBase64, crc32Join } from '../hash/crc32.js';
import type { ItemEnv, ItemWork, UploadState } from '../item/context.js';
import type { PartRecord, UploadRecord } from '../journal.js';
import { errorName, isUnsupported, request, send, statusOf, type Conn } from '../../s3/requests/request.js';
import { anySignal } from '../../base/semaphore.js';
import { partCount, partRange } from '../tuning.js';
import { abortLostUploads } from './lost-uploads.js';

export interface MultipartPlan {
  dest: Conn;
  bucket: string;
  key: string;
  size: number;
  partSize: number;
  create: Omit<CreateMultipartUploadCommandInput, 'Bucket' | 'Key'>;
  ifNoneMatch: boolean;
  /** Ask for a full-object CRC32 (the parts' bytes pass through Ferry, which checksums them). */
  checksum?: boolean;
  /** Produces and sends part n (with its CRC when the upload's record says CRC32); returns what the server said of it. */
  sendPart(upload: UploadRecord, n: number, range: { start: number; end: number }, signal: AbortSignal): Promise<PartRecord>;
}

export interface MultipartResult {
  etag: string | undefined;
  parts: PartRecord[];
  /** The part size the upload used (a resumed upload keeps its own). */
  partSize: number;
  /** The version CompleteMultipartUpload created, on a versioned bucket. */
  versionId?: string;
  /** The full-object CRC32 sent on completion, when the upload kept one. */
  crc?: number;
}

async function listParts(env: ItemEnv, conn: Conn, u: UploadRecord, signal: AbortSignal): Promise<Map<number, string> | null> {
  const found = new Map<number, string>();
  let marker: string | undefined;
  try {
    do {
      const out = await request(env, conn, signal, (client, prep, abortSignal) =>
        client.send(
          prep(
            new ListPartsCommand({ Bucket: u.bucket, Key: u.key, UploadId: u.uploadId, ...(marker ? { PartNumberMarker: marker } : {}) }),
          ),
          { abortSignal },
        ),
      );
      for (const p of out.Parts ?? []) {
        if (p.PartNumber !== undefined && p.ETag) found.set(p.PartNumber, `${normalizeEtag(p.ETag)}:${p.Size ?? -1}`);
      }
      const next = out.IsTruncated ? String(out.NextPartNumberMarker ?? '') : undefined;
      // Part numbers only grow: a marker that does not would ask for the same parts forever.
      if (next !== undefined && !(Number(next) > Number(marker ?? 0))) {
        throw new FerryError(
          'server',
          `The server's list of parts did not move on from part ${marker ?? 0}; Ferry stopped rather than loop.`,
        );
      }
      marker = next;
    } while (marker);
  } catch (err) {
    if (signal.aborted) throw err;
    // The upload is gone (completed, aborted, expired) or the server cannot list parts: start over.
    if (errorName(err) === 'NoSuchUpload' || statusOf(err) === 404 || isUnsupported(err)) return null;
    throw err;
  }
  return found;
}

/** What names one multipart upload on the server. */
type UploadId = Pick<UploadRecord, 'bucket' | 'key' | 'uploadId'>;

export async function abortUpload(env: Pick<ItemEnv, 'scheduler' | 'tuning' | 'stats'>, conn: Conn, u: UploadId): Promise<void> {
  const signal = AbortSignal.timeout(Math.max(env.tuning.idleTimeoutMs, 5_000) * 2);
  await send(env, conn, signal, () => new AbortMultipartUploadCommand({ Bucket: u.bucket, Key: u.key, UploadId: u.uploadId })).catch(
    (err: unknown) => {
      // Already gone is what we wanted; a server without abort (s3rver) leaves nothing to bill.
      if (errorName(err) === 'NoSuchUpload' || statusOf(err) === 404 || isUnsupported(err)) return;
      throw err;
    },
  );
}

/**
 * Resumes item.upload if the server still holds it (keeping verified parts),
 * or forgets it. An upload keeps the part size it started with, whatever the
 * settings of the run that resumes it.
 */
async function resumeUpload(env: ItemEnv, item: ItemWork, plan: MultipartPlan): Promise<void> {
  const u = item.upload;
  if (!u) return;
  const r = u.record;
  if (r.bucket !== plan.bucket || r.key !== plan.key || r.size !== plan.size || r.partSize < 1 || partCount(r.size, r.partSize) > 10_000) {
    await abortUpload(env, plan.dest, r).catch(() => undefined);
    forget(env, item);
    return;
  }
  const listed = await listParts(env, plan.dest, r, env.signal);
  if (!listed) {
    await abortUpload(env, plan.dest, r).catch(() => undefined);
    forget(env, item);
    return;
  }
  for (const [n, part] of u.parts) {
    // A part of a CRC32 upload without its CRC (journalled before Ferry kept them) is sent again: the whole needs it.
    if (listed.get(n) !== `${normalizeEtag(part.etag)}:${part.size}` || (r.checksum && !part.crc)) u.parts.delete(n);
  }
  env.parts.reused += u.parts.size;
  for (const part of u.parts.values()) env.onBytes(item, part.size);
}

function forget(env: ItemEnv, item: ItemWork): void {
  if (item.upload) env.journal?.append({ t: 'mpu-end', id: item.planned.id });
  delete item.upload;
}

async function createUpload(env: ItemEnv, item: ItemWork, plan: MultipartPlan): Promise<UploadState> {
  // An earlier create (another run's, or a retried one's) may have been answered with an id nobody kept.
  if (item.intent) await abortLostUploads(env, plan.dest, item.intent);
  const intent = { id: item.planned.id, connectionId: plan.dest.id, bucket: plan.bucket, key: plan.key, at: Date.now() };
  item.intent = intent;
  await env.journal?.appendNow({ t: 'mpu-intent', ...intent });
  let checksum = plan.checksum === true && sendsCrc(env, plan.dest);
  let attempts = 0;
  const create = () =>
    send(env, plan.dest, env.signal, () => {
      attempts++;
      return new CreateMultipartUploadCommand({
        Bucket: plan.bucket,
        Key: plan.key,
        ...plan.create,
        ...(checksum ? { ChecksumAlgorithm: 'CRC32', ChecksumType: 'FULL_OBJECT' } : {}),
      });
    });
  const out = await create().catch((err: unknown) => {
    if (!checksum || !refusesChecksums(err)) throw err;
    stopSendingCrc(env, plan.dest);
    checksum = false;
    return create();
  });
  if (!out.UploadId) throw new FerryError('server', `The server started no multipart upload for ${plan.key}.`, { retryable: true });
  // An attempt whose answer was lost may have begun an upload of its own.
  if (attempts > 1) await abortLostUploads(env, plan.dest, intent, out.UploadId);
  const record: UploadRecord = {
    id: item.planned.id,
    connectionId: plan.dest.id,
    bucket: plan.bucket,
    key: plan.key,
    uploadId: out.UploadId,
    partSize: plan.partSize,
    size: plan.size,
    ...(checksum ? { checksum: 'CRC32' as const } : {}),
  };
  const state: UploadState = { record, parts: new Map() };
  item.upload = state;
  // Durable before any part is sent: an upload nobody remembers bills its parts forever.
  await env.journal?.appendNow({ t: 'mpu', ...record });
  delete item.intent;
  // Before any part: the probe's part 1 must be the one the real part 1 replaces.
  if (checksum) await learnCrcCheck(env, plan.dest, (body, crc) => sendProbePart(env, plan.dest, record, body, crc));
  return state;
}

/** Part 1 of upload `u` with a CRC32 that may be wrong, sent once (item/checksums.ts learnCrcCheck). */
function sendProbePart(env: ItemEnv, conn: Conn, u: UploadId, body: Buffer, crc: string) {
  const part = () =>
    new UploadPartCommand({
      Bucket: u.bucket,
      Key: u.key,
      UploadId: u.uploadId,
      PartNumber: 1,
      Body: body,
      ContentLength: body.length,
      ChecksumCRC32: crc,
    });
  return send(env, conn, env.signal, part, { once: true });
}

/**
 * Asks the server whether it checks CRC32s through an upload of `key` begun
 * for the question and aborted after it, whatever the answer: the object
 * itself is never touched.
 */
export async function probeCrcCheck(env: ItemEnv, conn: Conn, bucket: string, key: string, body: Buffer, crc: string): Promise<void> {
  const create = () =>
    new CreateMultipartUploadCommand({ Bucket: bucket, Key: key, ChecksumAlgorithm: 'CRC32', ChecksumType: 'FULL_OBJECT' });
  const out = await send(env, conn, env.signal, create, { once: true });
  if (!out.UploadId) throw new FerryError('server', `The server started no multipart upload for ${key}.`);
  const u = { bucket, key, uploadId: out.UploadId };
  try {
    await sendProbePart(env, conn, u, body, crc);
  } finally {
    await abortUpload(env, conn, u).catch(() => undefined);
  }
}

export async function runMultipart(env: ItemEnv, item: ItemWork, plan: MultipartPlan): Promise<MultipartResult> {
  await resumeUpload(env, item, plan);
  const upload = item.upload ?? (await createUpload(env, item, plan));
  const partSize = upload.record.partSize;
  const total = partCount(plan.size, partSize);
  const missing: number[] = [];
  for (let n = 1; n <= total; n++) if (!upload.parts.has(n)) missing.push(n);

  // One failed part stops its siblings at once instead of letting them finish in vain.
  const stop = new AbortController();
  const signal = anySignal([env.signal, stop.signal]);
  const worker = async () => {
    for (let n = missing.shift(); n !== undefined; n = missing.shift()) {
      const held = await env.scheduler.parts.acquire(1, signal);
      try {
        const part = await plan.sendPart(upload.record, n, partRange(n, partSize, plan.size), signal);
        upload.parts.set(n, part);
        env.journal?.append({ t: 'part', id: item.planned.id, ...part });
      } finally {
        env.scheduler.parts.release(held);
      }
    }
  };
  const workers = Array.from({ length: Math.min(env.tuning.partsInFlight, missing.length) }, () =>
    worker().catch((err: unknown) => {
      stop.abort(err);
      throw err;
    }),
  );
  const settled = await Promise.allSettled(workers);
  const failure = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failure) throw env.signal.aborted ? env.signal.reason : failure.reason;

  const parts = [...upload.parts.values()].sort((a, b) => a.n - b.n);
  const crc = upload.record.checksum ? wholeCrc(parts) : undefined;
  let attempts = 0;
  const out = await request(
    env,
    plan.dest,
    env.signal,
    (client, prep, abortSignal) => {
      attempts++;
      return client.send(
        prep(
          new CompleteMultipartUploadCommand({
            Bucket: plan.bucket,
            Key: plan.key,
            UploadId: upload.record.uploadId,
            MultipartUpload: {
              Parts: parts.map((p) => ({ PartNumber: p.n, ETag: p.etag, ...(crc !== undefined ? { ChecksumCRC32: p.crc } : {}) })),
            },
            ...(crc !== undefined ? { ChecksumCRC32: crc32Base64(crc), ChecksumType: 'FULL_OBJECT' as const } : {}),
            ...(plan.ifNoneMatch ? { IfNoneMatch: '*' } : {}),
          }),
        ),
        { abortSignal },
      );
    },
    // Assembling a large object can take a while before the server answers.
    { bodyBytes: Math.ceil(plan.size / 64) },
  ).catch(async (err: unknown) => {
    // An earlier attempt may have completed the upload and lost its answer on the way back.
    if (attempts > 1 && errorName(err) === 'NoSuchUpload') {
      const done = await completedMeanwhile(env, plan, parts);
      if (done) return done;
    }
    throw err;
  });
  forget(env, item);
  // The server's own CRC of what it assembled, when it says: it must be the one the bytes sent hash to.
  const kept = fullObjectCrc({ ...out, ETag: undefined });
  if (crc !== undefined && kept !== undefined && kept !== crc) {
    // The object exists now: the runner removes exactly what was written (run/item-runner.ts) before the item fails.
    item.wrote = { bucket: plan.bucket, key: plan.key, ...(out.VersionId ? { versionId: out.VersionId } : {}) };
    throw crcMismatch(kept, crc, { bucket: plan.bucket, key: plan.key });
  }
  return { etag: out.ETag, parts, partSize, ...(crc !== undefined ? { crc } : {}), ...(out.VersionId ? { versionId: out.VersionId } : {}) };
}

/**
 * The object a lost completion left, if it is this upload's: its ETag must be
 * the multipart ETag of exactly these parts (S3's MD5 of the parts' MD5s,
 * with the part count) and its size the plan's.
 */
async function completedMeanwhile(
  env: ItemEnv,
  plan: MultipartPlan,
  parts: PartRecord[],
): Promise<{ ETag?: string; VersionId?: string } | null> {
  const head = await send(env, plan.dest, env.signal, () => new HeadObjectCommand({ Bucket: plan.bucket, Key: plan.key })).catch(
    () => null,
  );
  const expected = compositeEtag(parts.map((p) => normalizeEtag(p.etag) ?? ''));
  if (!head || head.ContentLength !== plan.size || normalizeEtag(head.ETag) !== expected) return null;
  return { ETag: head.ETag, ...(head.VersionId ? { VersionId: head.VersionId } : {}) };
}

/** The whole object's CRC32, joined from its parts' in order. */
function wholeCrc(parts: PartRecord[]): number {
  return crc32Join(
    parts.map((p) => {
      const crc = crc32FromBase64(p.crc);
      if (crc === undefined) throw new FerryError('server', `Part ${p.n} has no CRC32 to join: the upload cannot be completed with one.`);
      return { crc, length: p.size };
    }),
  );
}
