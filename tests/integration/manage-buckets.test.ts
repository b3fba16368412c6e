// Creating and deleting buckets through the core, on every test server:
// bad names never reach the server (a logging proxy counts the requests), a
// bucket that is not empty is refused with its count, "empty and delete"
// needs the typed name, and options a server cannot keep come back as a
// clean "not supported by this server" with no bucket left behind.
import { HeadBucketCommand, ListObjectVersionsCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import type { JobSnapshot } from '../../app/api/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FerryErrorData } from '../../app/api/errors';
import { startRequestLog, type RequestLog } from '../../e2e/servers/request-log';
import type { TestServer } from '../../e2e/servers/harness';
import { CoreUnderTest, putObject, sdkClient, servers, uniqueBucket } from './support';

const all = servers();

async function bucketExists(s: TestServer, bucket: string): Promise<boolean> {
  return sdkClient(s)
    .send(new HeadBucketCommand({ Bucket: bucket }))
    .then(
      () => true,
      () => false,
    );
}

async function refusal(core: CoreUnderTest, method: Parameters<CoreUnderTest['call']>[0], args: unknown): Promise<FerryErrorData> {
  const out = await core.core.dispatch(method, args);
  if (out.ok) throw new Error(`${method} should have been refused`);
  return out.error;
}

describe.runIf(all.length > 0).each(all.map((s) => [s.label, s] as const))('buckets on %s', (_label, s) => {
  let core: CoreUnderTest;
  let log: RequestLog;
  let connectionId = '';
  beforeAll(async () => {
    core = new CoreUnderTest();
    log = await startRequestLog(s.endpoint);
    connectionId = await core.connect({ ...s, endpoint: log.endpoint });
  });
  afterAll(async () => {
    core.dispose();
    await log.stop();
  });

  it('creates a bucket and deletes it while empty', async () => {
    const bucket = uniqueBucket('mk');
    await expect(core.call('bucket.create', { connectionId, name: bucket })).resolves.toEqual({ bucket });
    expect(await bucketExists(s, bucket)).toBe(true);
    await expect(core.call('bucket.delete', { connectionId, bucket })).resolves.toEqual({ deleted: true });
    expect(await bucketExists(s, bucket)).toBe(false);
  });

  it('refuses bad names before any request', async () => {
    const before = log.requests.length;
    for (const name of ['Ferry-Upper', 'ab', 'under_score', '10.0.0.1', 'dots..twice', 'ends-', 'xn--punycode']) {
      const e = await refusal(core, 'bucket.create', { connectionId, name });
      expect(e.code).toBe('invalid-arguments');
      expect(e.details?.field).toBe('name');
      expect(typeof e.details?.rule).toBe('string');
    }
    expect(log.requests.length).toBe(before);
  });

  it('refuses a taken name as a conflict', async () => {
    const bucket = uniqueBucket('taken');
    await core.call('bucket.create', { connectionId, name: bucket });
    const e = await refusal(core, 'bucket.create', { connectionId, name: bucket });
    expect(e.code).toBe('conflict');
    await core.call('bucket.delete', { connectionId, bucket });
  });

  it('refuses to delete a bucket that is not empty, with its count; "empty and delete" needs the typed name', async () => {
    const bucket = uniqueBucket('full');
    await core.call('bucket.create', { connectionId, name: bucket });
    for (let i = 0; i < 12; i++) await putObject(s, bucket, `k/${i}.txt`, Buffer.from(`object ${i}`));
    const e = await refusal(core, 'bucket.delete', { connectionId, bucket });
    expect(e.code).toBe('conflict');
    expect(e.details).toMatchObject({ bucket, objects: 12, more: false });
    expect(e.message).toContain('12 objects');
    expect(await bucketExists(s, bucket)).toBe(true);

    const wrong = await refusal(core, 'bucket.emptyAndDelete', { connectionId, bucket, confirmName: bucket.toUpperCase() });
    expect(wrong).toMatchObject({ code: 'invalid-arguments', details: { field: 'confirmName' } });
    expect(await bucketExists(s, bucket)).toBe(true);

    // It runs as a job in Transfers: every key, then the bucket itself as the job's last step.
    const started = await core.call<{ job: JobSnapshot }>('bucket.emptyAndDelete', { connectionId, bucket, confirmName: bucket });
    expect(started.job).toMatchObject({ mode: 'delete', label: `Empty and delete the bucket ${bucket}` });
    expect(await core.finished(started.job.id)).toMatchObject({ state: 'done', itemsDone: 12, itemsFailed: 0 });
    expect(await bucketExists(s, bucket)).toBe(false);
  });

  it('creates a versioned bucket where the server keeps versions, else says it is not supported and leaves nothing', async () => {
    const bucket = uniqueBucket('ver');
    const out = await core.core.dispatch('bucket.create', { connectionId, name: bucket, versioning: true });
    if (s.kind === 'minio') {
      expect(out.ok).toBe(true);
      await sdkClient(s).send(new PutObjectCommand({ Bucket: bucket, Key: 'a.txt', Body: 'one' }));
      await sdkClient(s).send(new PutObjectCommand({ Bucket: bucket, Key: 'a.txt', Body: 'two' }));
      const versions = await sdkClient(s).send(new ListObjectVersionsCommand({ Bucket: bucket }));
      expect(versions.Versions).toHaveLength(2);
      const e = await refusal(core, 'bucket.delete', { connectionId, bucket });
      expect(e.details).toMatchObject({ objects: 1, versions: 2 });
      const job = await core.call<{ job: JobSnapshot }>('bucket.emptyAndDelete', { connectionId, bucket, confirmName: bucket });
      // Two versions of one key, each its own item.
      expect(await core.finished(job.job.id)).toMatchObject({ state: 'done', itemsDone: 2 });
      expect(await bucketExists(s, bucket)).toBe(false);
      return;
    }
    if (out.ok) {
      // A server that kept it must really version.
      const job = await core.call<{ job: JobSnapshot }>('bucket.emptyAndDelete', { connectionId, bucket, confirmName: bucket });
      expect(await core.finished(job.job.id)).toMatchObject({ state: 'done' });
      return;
    }
    expect(out.error).toMatchObject({ code: 'unsupported', message: 'Versioning is not supported by this server.' });
    expect(await bucketExists(s, bucket)).toBe(false);
  });

  it('creates a bucket with object lock where the server has it, else says it is not supported', async () => {
    const bucket = uniqueBucket('lock');
    const out = await core.core.dispatch('bucket.create', { connectionId, name: bucket, objectLock: true });
    if (s.kind === 'minio') expect(out.ok).toBe(true);
    if (out.ok) {
      await core.call('bucket.delete', { connectionId, bucket });
      return;
    }
    expect(out.error.code).toBe('unsupported');
    expect(out.error.message).toMatch(/object lock is not supported by this server/i);
    expect(await bucketExists(s, bucket)).toBe(false);
  });
});
