/**
 * Creating and deleting buckets. A name is checked against S3's rules before
 * any request; options the server cannot keep (versioning, object lock) are
 * confirmed after creation, and a bucket that came out without them is
 * removed again, so the user never gets a bucket that silently lacks what
 * they asked for. A bucket that is not empty is never deleted by accident:
 * the refusal says how much it holds, and emptying it needs its name typed.
 */
import {
  CreateBucketCommand,
  DeleteBucketCommand,
  GetBucketVersioningCommand,
  GetObjectLockConfigurationCommand,
  ListObjectsV2Command,
  PutBucketVersioningCommand,
  type BucketLocationConstraint,
} from '@aws-sdk/client-s3';
import { FerryError } from '../api/errors.js';
import { toFerryError } from '../s3/requests/error-mapping.js';
import { versionPages } from '../delete/delete-versions.js';
import { findPreset } from '../providers/presets.js';
import { errorName, isUnsupported, send, statusOf } from '../s3/requests/request.js';
import type { ManageTarget } from './manage-target.js';
import { bucketNameProblem } from './bucket-name.js';

export interface NewBucket {
  name: string;
  region?: string | undefined;
  versioning?: boolean | undefined;
  objectLock?: boolean | undefined;
}

/** Counting stops here: the refusal then says "more than". */
export const COUNT_CAP = 100_000;

export interface BucketCount {
  objects: number;
  /** Versions and delete markers, when the bucket keeps versions; 0 otherwise. */
  versions: number;
  /** The count stopped at COUNT_CAP. */
  more: boolean;
}

function unsupported(what: string, cause?: unknown): FerryError {
  return new FerryError('unsupported', `${what} is not supported by this server.`, cause === undefined ? {} : { cause });
}

export function checkBucketName(name: string): void {
  const p = bucketNameProblem(name);
  if (p) throw new FerryError('invalid-arguments', p.message, { details: { field: 'name', rule: p.rule } });
}

function checkRegion(t: ManageTarget, region: string | undefined): void {
  if (region === undefined) return;
  const regions = findPreset(t.conn.summary.providerId ?? 'other')?.regions ?? [];
  if (regions.length > 0 && !regions.some((r) => r.id === region)) {
    throw new FerryError('invalid-arguments', `"${region}" is not a region of this provider; choose one from the list.`, {
      details: { field: 'region' },
    });
  }
}

async function removeQuietly(t: ManageTarget, name: string): Promise<void> {
  await send(t.env, t.conn, t.signal, () => new DeleteBucketCommand({ Bucket: name })).catch(() => undefined);
}

async function confirmVersioning(t: ManageTarget, name: string): Promise<void> {
  try {
    await send(
      t.env,
      t.conn,
      t.signal,
      () => new PutBucketVersioningCommand({ Bucket: name, VersioningConfiguration: { Status: 'Enabled' } }),
    );
    const got = await send(t.env, t.conn, t.signal, () => new GetBucketVersioningCommand({ Bucket: name }));
    if (got.Status !== 'Enabled') throw unsupported('Versioning');
  } catch (err) {
    await removeQuietly(t, name);
    if (err instanceof FerryError) throw err;
    // Servers without the call answer in odd ways (s3rver takes it for a second CreateBucket): any
    // refusal other than a permission one means this server cannot keep versions.
    if (isUnsupported(err) || (statusOf(err) !== undefined && statusOf(err) !== 403)) throw unsupported('Versioning', err);
    throw err;
  }
}

async function confirmObjectLock(t: ManageTarget, name: string): Promise<void> {
  try {
    const got = await send(t.env, t.conn, t.signal, () => new GetObjectLockConfigurationCommand({ Bucket: name }));
    if (got.ObjectLockConfiguration?.ObjectLockEnabled !== 'Enabled') throw unsupported('Object lock');
  } catch (err) {
    await removeQuietly(t, name);
    if (err instanceof FerryError) throw err;
    throw unsupported('Object lock', err);
  }
}

export async function createBucket(t: ManageTarget, b: NewBucket): Promise<void> {
  checkBucketName(b.name);
  checkRegion(t, b.region);
  const features = t.conn.summary.features;
  if (b.objectLock && features?.objectLock === false) throw unsupported('Object lock');
  if (b.versioning && features?.versioning === false) throw unsupported('Versioning');
  // us-east-1 is S3's default location and must not be named; every other region must be.
  const region = b.region ?? t.conn.summary.region;
  const located = region && region !== 'us-east-1' && region !== 'auto' && region !== 'default';
  try {
    await send(
      t.env,
      t.conn,
      t.signal,
      () =>
        new CreateBucketCommand({
          Bucket: b.name,
          ...(located ? { CreateBucketConfiguration: { LocationConstraint: region as BucketLocationConstraint } } : {}),
          ...(b.objectLock ? { ObjectLockEnabledForBucket: true } : {}),
        }),
    );
  } catch (err) {
    const name = errorName(err);
    if (name === 'BucketAlreadyOwnedByYou')
      throw new FerryError('conflict', `You already have a bucket named "${b.name}".`, { cause: err });
    if (name === 'BucketAlreadyExists') {
      throw new FerryError(
        'conflict',
        `The name "${b.name}" is taken, possibly by another account: bucket names are shared by everyone on the server.`,
        {
          cause: err,
        },
      );
    }
    if (isUnsupported(err)) throw unsupported(b.objectLock ? 'Creating a bucket with object lock' : 'Creating a bucket', err);
    throw err;
  }
  // Object lock turns versioning on by itself.
  if (b.objectLock) await confirmObjectLock(t, b.name);
  else if (b.versioning) await confirmVersioning(t, b.name);
}

/** Whether the bucket keeps versions (enabled now, or suspended with versions kept). Unknown counts as no. */
export async function keepsVersions(t: ManageTarget, bucket: string): Promise<'enabled' | 'suspended' | 'off'> {
  try {
    const out = await send(t.env, t.conn, t.signal, () => new GetBucketVersioningCommand({ Bucket: bucket }));
    return out.Status === 'Enabled' ? 'enabled' : out.Status === 'Suspended' ? 'suspended' : 'off';
  } catch (err) {
    if (isUnsupported(err)) return 'off';
    throw err;
  }
}

export async function countBucket(t: ManageTarget, bucket: string): Promise<BucketCount> {
  const count: BucketCount = { objects: 0, versions: 0, more: false };
  let token: string | undefined;
  do {
    const out = await send(
      t.env,
      t.conn,
      t.signal,
      () => new ListObjectsV2Command({ Bucket: bucket, MaxKeys: 1000, ...(token ? { ContinuationToken: token } : {}) }),
    );
    count.objects += out.KeyCount ?? out.Contents?.length ?? 0;
    token = out.IsTruncated ? out.NextContinuationToken : undefined;
    if (count.objects >= COUNT_CAP && token) {
      count.more = true;
      return count;
    }
  } while (token);
  if ((await keepsVersions(t, bucket)) === 'off') return count;
  for await (const page of versionPages(t.env, t.conn, bucket, '', false, t.signal)) {
    count.versions += page.length;
    if (count.versions >= COUNT_CAP) {
      count.more = true;
      break;
    }
  }
  return count;
}

function holdings(c: BucketCount): string {
  const n = (x: number) => `${c.more ? 'more than ' : ''}${x.toLocaleString('en-US')}`;
  const objects = `${n(c.objects)} ${c.objects === 1 ? 'object' : 'objects'}`;
  return c.versions > 0 ? `${objects} (${n(c.versions)} versions and delete markers)` : objects;
}

/** Deletes an empty bucket; one that is not empty is refused with what it holds. */
export async function deleteBucket(t: ManageTarget, bucket: string): Promise<void> {
  try {
    await send(t.env, t.conn, t.signal, () => new DeleteBucketCommand({ Bucket: bucket }));
  } catch (err) {
    if (errorName(err) !== 'BucketNotEmpty' && toFerryError(err).code !== 'conflict') throw err;
    const c = await countBucket(t, bucket);
    throw new FerryError(
      'conflict',
      `"${bucket}" is not empty: it holds ${holdings(c)}. To delete it, delete all its objects with it, typing its name to confirm.`,
      {
        details: { bucket, objects: c.objects, versions: c.versions, more: c.more, s3Code: 'BucketNotEmpty' },
        cause: err,
      },
    );
  }
}

/** Removes every object (and every version) of `bucket`, then the bucket; `typed` must be its name. */
