/**
 * Finds out cheaply what an endpoint does, so the UI can hide what cannot
 * work instead of failing later: may this key list buckets, is versioning
 * or object lock available on a bucket, where is that bucket, and what the
 * server does with checksum headers. Everything here is read-only except the
 * checksum check, which sends a PUT whose checksum is deliberately wrong: a
 * server that checks refuses it and stores nothing; one that ignores it
 * stores a 5-byte object that is deleted at once.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import {
  DeleteObjectCommand,
  GetBucketVersioningCommand,
  GetObjectLockConfigurationCommand,
  HeadBucketCommand,
  ListBucketsCommand,
  PutObjectCommand,
} from '../sdk/s3-commands.js';
import { randomUUID } from 'node:crypto';
import type { CapabilityProbe, ProbeBucketFeature, ProbeChecksums } from '../api/connection-types.js';
import { lockedOnWrite, lockReason } from './locked-bucket.js';

interface ErrorLike {
  name?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
  $response?: { headers?: Record<string, string | undefined> };
}

const DENIED = new Set(['AccessDenied', 'Forbidden', 'AllAccessDisabled']);
const UNSUPPORTED = new Set(['NotImplemented', 'MethodNotAllowed', 'UnsupportedOperation', 'XNotImplemented']);

function featureFromError(err: unknown): ProbeBucketFeature {
  const e = err as ErrorLike;
  const status = e.$metadata?.httpStatusCode;
  if (DENIED.has(e.name ?? '') || status === 403) return 'denied';
  if (UNSUPPORTED.has(e.name ?? '') || status === 501 || status === 405) return 'unsupported';
  if (e.name === 'ObjectLockConfigurationNotFoundError' || /object lock configuration/i.test(e.message ?? '')) return 'off';
  return 'unknown';
}

export async function probeListBuckets(client: S3Client): Promise<{ listBuckets: CapabilityProbe['listBuckets']; buckets: string[] }> {
  try {
    const out = await client.send(new ListBucketsCommand({}));
    return { listBuckets: 'allowed', buckets: (out.Buckets ?? []).map((b) => b.Name ?? '').filter(Boolean) };
  } catch (err) {
    const e = err as ErrorLike;
    return { listBuckets: DENIED.has(e.name ?? '') || e.$metadata?.httpStatusCode === 403 ? 'denied' : 'unknown', buckets: [] };
  }
}

export interface BucketProbe {
  region?: string;
  versioning: ProbeBucketFeature;
  objectLock: ProbeBucketFeature;
  /** Why no test object may be written there (locked-bucket.ts), from the same lock configuration. */
  locked?: string;
}

export async function probeBucket(client: S3Client, bucket: string): Promise<BucketProbe> {
  let region: string | undefined;
  try {
    const head = await client.send(new HeadBucketCommand({ Bucket: bucket }));
    region = head.BucketRegion;
  } catch (err) {
    region = (err as ErrorLike).$response?.headers?.['x-amz-bucket-region'];
  }
  let versioning: ProbeBucketFeature;
  try {
    const out = await client.send(new GetBucketVersioningCommand({ Bucket: bucket }));
    versioning = out.Status === 'Enabled' ? 'enabled' : out.Status === 'Suspended' ? 'suspended' : 'off';
  } catch (err) {
    versioning = featureFromError(err);
  }
  let objectLock: ProbeBucketFeature;
  let locked: string | undefined;
  try {
    const out = await client.send(new GetObjectLockConfigurationCommand({ Bucket: bucket }));
    objectLock = out.ObjectLockConfiguration?.ObjectLockEnabled === 'Enabled' ? 'enabled' : 'off';
    locked = lockReason(bucket, out.ObjectLockConfiguration);
  } catch (err) {
    objectLock = featureFromError(err);
  }
  return { ...(region ? { region } : {}), versioning, objectLock, ...(locked ? { locked } : {}) };
}

/** The CRC32 of "ferry" is not this; a server that checks checksums must refuse the PUT. */
const WRONG_CRC32 = 'AAAAAA==';
export const CHECKSUM_PROBE_PREFIX = '.ferry-probe/';

/** `lockChecked`: the caller already knows the bucket does not lock what is written (probeBucket's `locked`). */
export async function probeChecksums(
  client: S3Client,
  bucket: string,
  opts: { lockChecked?: boolean } = {},
): Promise<{ checksums: ProbeChecksums; detail: string }> {
  const key = `${CHECKSUM_PROBE_PREFIX}checksum-${randomUUID()}`;
  // A server that ignores the wrong checksum would keep the object, for as long as the bucket's lock says.
  const locked = opts.lockChecked ? undefined : await lockedOnWrite(client, bucket);
  if (locked) return { checksums: 'unknown', detail: locked };
  try {
    const out = await client.send(
      new PutObjectCommand({ Bucket: bucket, Key: key, Body: Buffer.from('ferry'), ChecksumCRC32: WRONG_CRC32 }),
    );
    // Accepted a wrong checksum: the header is ignored. Remove the probe object, exactly that version.
    await client
      .send(new DeleteObjectCommand({ Bucket: bucket, Key: key, ...(out.VersionId ? { VersionId: out.VersionId } : {}) }))
      .catch(() => undefined);
    return {
      checksums: 'ignored',
      detail: 'the server accepts checksum headers but does not check them; Ferry verifies size and hash itself',
    };
  } catch (err) {
    return readChecksumRefusal(err);
  }
}

/** What a refused PUT with a wrong checksum says about the server. */
export function readChecksumRefusal(err: unknown): { checksums: ProbeChecksums; detail: string } {
  const e = err as ErrorLike;
  const name = e.name ?? '';
  const text = `${name} ${e.message ?? ''}`;
  const status = e.$metadata?.httpStatusCode;
  if (/BadDigest|ChecksumMismatch|InvalidDigest/i.test(name) || (status === 400 && /did not match|does not match/i.test(text))) {
    return { checksums: 'verified', detail: 'the server checks checksum headers (a deliberately wrong one was refused)' };
  }
  if (DENIED.has(name) || status === 403)
    return { checksums: 'unknown', detail: 'the key may not write to this bucket, so checksum support was not tested' };
  if (UNSUPPORTED.has(name) || status === 501 || (status === 400 && /checksum|x-amz-|not supported|unsupported|header/i.test(text))) {
    return { checksums: 'rejected', detail: `the server refuses checksum headers (${name || `HTTP ${status}`})` };
  }
  return { checksums: 'unknown', detail: `checksum support could not be tested (${name || 'error'})` };
}

/** The read-only probe run when a connection is first used in a session. */
export async function lightProbe(client: S3Client, namedBuckets: string[], previous?: CapabilityProbe): Promise<CapabilityProbe> {
  const listed = await probeListBuckets(client);
  const bucket = namedBuckets[0] ?? listed.buckets[0];
  const found = bucket ? await probeBucket(client, bucket) : { versioning: 'unknown' as const, objectLock: 'unknown' as const };
  return {
    probedAt: new Date().toISOString(),
    listBuckets: listed.listBuckets,
    ...(listed.listBuckets === 'allowed' ? { bucketCount: listed.buckets.length } : {}),
    ...(bucket ? { bucket } : {}),
    ...(found.region ? { bucketRegion: found.region } : {}),
    versioning: found.versioning,
    objectLock: found.objectLock,
    // The write check runs only when the user tests the connection; keep what it found.
    checksums: previous?.checksums ?? 'unknown',
    ...(previous?.clockOffsetMs !== undefined ? { clockOffsetMs: previous.clockOffsetMs } : {}),
    ...(previous?.keySegments ? { keySegments: previous.keySegments } : {}),
    ...(previous?.conditionalWrites ? { conditionalWrites: previous.conditionalWrites } : {}),
  };
}
