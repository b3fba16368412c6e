// Moves delete a source only after its copy checked out; when the destination
// fails mid-job (its bucket removed), every source object is still there.
// Pause keeps a multipart upload for resume; cancel aborts every started one,
// so ListMultipartUploads is empty afterwards.
import { DeleteBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { JobSnapshot } from '../../app/api/types';
import type { TestServer } from '../../e2e/servers/harness';
import { createBucket, objectBytes, sdkClient, server, servers, sha256, uniqueBucket } from './support';
import { allItems, inState, listKeys, openUploads, runJob, TransferTestCore, waitForJob } from './transfer-support';

const MiB = 1024 * 1024;
const t = new TransferTestCore({ partSize: 5 * MiB, multipartThreshold: 5 * MiB, partsInFlight: 6 });
// Slow on purpose: the test acts while parts are in flight.
const slow = new TransferTestCore({ partSize: 5 * MiB, multipartThreshold: 5 * MiB, partsInFlight: 4, bandwidthBytesPerSecond: 8 * MiB });
afterAll(() => {
  t.dispose();
  slow.dispose();
});

/** MinIO removes a bucket with its contents when asked with x-minio-force-delete, as `mc rb --force` does. */
async function forceDeleteBucket(s: TestServer, bucket: string): Promise<void> {
  const command = new DeleteBucketCommand({ Bucket: bucket });
  command.middlewareStack.add(
    (next) => (args) => {
      (args.request as { headers: Record<string, string> }).headers['x-minio-force-delete'] = 'true';
      return next(args);
    },
    { step: 'build', name: 'forceDelete' },
  );
  await sdkClient(s).send(command);
}

async function until(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('move', () => {
  const minio = server('minio');
  const other = servers().find((s) => s.kind !== 'minio');

  it.runIf(minio && other)('keeps every source object when the destination bucket disappears mid-job', { timeout: 60_000 }, async () => {
    const from = other as TestServer;
    const to = minio as TestServer;
    const src = uniqueBucket('mvsrc');
    const dst = uniqueBucket('mvdst');
    await createBucket(from, src);
    await createBucket(to, dst);
    const objects = [0, 1, 2].map((i) => ({ key: `batch/part-${i}.bin`, body: randomBytes(12 * MiB + i) }));
    for (const o of objects) await sdkClient(from).send(new PutObjectCommand({ Bucket: src, Key: o.key, Body: o.body }));

    const job = await slow.call<JobSnapshot>('transfer.start', {
      sources: [{ kind: 's3-prefix', connectionId: await slow.connect(from), bucket: src, prefix: 'batch/' }],
      destination: { kind: 's3', connectionId: await slow.connect(to), bucket: dst, prefix: '' },
      mode: 'move',
      conflict: 'overwrite',
    });
    await until(async () => (await openUploads(to, dst)).length > 0, 30_000, 'an upload at the destination');
    await forceDeleteBucket(to, dst);

    const end = await waitForJob(slow, job.id, inState('done', 'failed'));
    // The job stops whole with one error naming the bucket; no item is marked failed, they wait for a retry.
    expect(end.state).toBe('failed');
    expect(end.error?.code).toBe('not-found');
    expect(end.error?.message).toContain(`The bucket "${dst}" does not exist`);
    expect(end.itemsFailed).toBe(0);
    const items = await allItems(slow, job.id);
    expect(items.some((i) => i.state === 'failed')).toBe(false);
    // Nothing finished before the bucket went, so nothing was deleted: every source object is intact.
    expect(end.itemsDone).toBe(0);
    expect(await listKeys(sdkClient(from), src)).toEqual(objects.map((o) => o.key));
    for (const o of objects) expect(sha256(await objectBytes(from, src, o.key))).toBe(sha256(o.body));
  });

  it.runIf(servers().length >= 2)(
    'moves a local folder and a prefix: sources gone only once the copies check out',
    { timeout: 60_000 },
    async () => {
      const [a, b] = servers() as [TestServer, TestServer];
      const dir = await mkdtemp(path.join(tmpdir(), 'ferry-mv-'));
      await mkdir(path.join(dir, 'album', 'raw'), { recursive: true });
      const files = {
        'album/cover.jpg': randomBytes(40_000),
        'album/raw/frame.bin': randomBytes(7 * MiB),
        'album/raw/empty': Buffer.alloc(0),
      };
      for (const [rel, body] of Object.entries(files)) await writeFile(path.join(dir, rel), body);
      const bucketA = uniqueBucket('mva');
      const bucketB = uniqueBucket('mvb');
      await createBucket(a, bucketA);
      await createBucket(b, bucketB);
      const idA = await t.connect(a);
      const idB = await t.connect(b);

      const up = await runJob(t, {
        sources: [{ kind: 'local', path: path.join(dir, 'album') }],
        destination: { kind: 's3', connectionId: idA, bucket: bucketA, prefix: 'in/' },
        mode: 'move',
        conflict: 'overwrite',
      });
      expect(up).toMatchObject({ state: 'done', itemsDone: 3 });
      // The files are gone, and so are the folders they emptied.
      expect(await readdir(dir)).toEqual([]);

      const across = await runJob(t, {
        sources: [{ kind: 's3-prefix', connectionId: idA, bucket: bucketA, prefix: 'in/album/' }],
        destination: { kind: 's3', connectionId: idB, bucket: bucketB, prefix: '' },
        mode: 'move',
        conflict: 'overwrite',
      });
      expect(across).toMatchObject({ state: 'done', itemsDone: 3 });
      expect(await listKeys(sdkClient(a), bucketA)).toEqual([]);
      for (const [rel, body] of Object.entries(files)) expect(sha256(await objectBytes(b, bucketB, rel))).toBe(sha256(body));
    },
  );
});

describe.each(
  servers()
    .filter((s) => s.kind !== 's3rver')
    .map((s) => [s.label, s] as const),
)('pause and cancel on %s', (_l, s) => {
  // (s3rver cannot list or abort multipart uploads, so there is nothing to observe there.)
  it('pause keeps the multipart upload; cancel aborts it and every other', { timeout: 60_000 }, async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'ferry-cancel-'));
    for (const name of ['one.bin', 'two.bin']) await writeFile(path.join(dir, name), randomBytes(25 * MiB));
    const bucket = uniqueBucket('cancel');
    await createBucket(s, bucket);
    const job = await slow.call<JobSnapshot>('transfer.start', {
      sources: [
        { kind: 'local', path: path.join(dir, 'one.bin') },
        { kind: 'local', path: path.join(dir, 'two.bin') },
      ],
      destination: { kind: 's3', connectionId: await slow.connect(s), bucket, prefix: '' },
      conflict: 'overwrite',
    });
    await until(async () => (await openUploads(s, bucket)).length === 2, 30_000, 'two uploads');

    const paused = await slow.call<JobSnapshot>('transfer.pause', { jobId: job.id });
    expect(paused.state).toBe('paused');
    expect((await allItems(slow, job.id)).map((i) => i.state)).toEqual(['paused', 'paused']);
    expect(await openUploads(s, bucket)).toHaveLength(2);

    await slow.call('transfer.resume', { jobId: job.id });
    await waitForJob(slow, job.id, (j) => j.state === 'running' && j.bytesDone > 0);
    const cancelled = await slow.call<JobSnapshot>('transfer.cancel', { jobId: job.id });
    expect(cancelled.state).toBe('cancelled');
    expect(await openUploads(s, bucket)).toEqual([]);
    expect(await listKeys(sdkClient(s), bucket)).toEqual([]);

    expect(await slow.call('transfer.dismiss', { jobId: job.id })).toEqual({ removed: true });
    expect((await slow.call<JobSnapshot[]>('transfer.list', {})).some((j) => j.id === job.id)).toBe(false);
  });
});
