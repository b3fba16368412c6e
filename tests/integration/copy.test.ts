// Cross-cloud copies through the core, between different real servers: the
// bytes must be identical (hashed on both sides) and content type and user
// metadata must survive. Large objects take the multipart path.
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { JobSnapshot } from '../../app/api/types';
import type { TestServer } from '../../e2e/servers/harness';
import { CoreUnderTest, createBucket, objectBytes, putObject, sdkClient, server, servers, sha256, uniqueBucket } from './support';
import { allItems, inState, runJob, waitForJob } from './transfer-support';

const pairs: [TestServer, TestServer][] = [];
for (const [from, to] of [
  ['minio', 'versitygw'],
  ['versitygw', 'minio'],
  ['s3rver', 'minio'],
  ['minio', 's3rver'],
] as const) {
  const a = server(from);
  const b = server(to);
  if (a && b) pairs.push([a, b]);
}

const t = new CoreUnderTest();
afterAll(() => t.dispose());

async function copy(source: unknown, destination: unknown): Promise<JobSnapshot> {
  return runJob(t, { sources: [source], destination });
}

describe.each(pairs.map(([a, b]) => [`${a.label} → ${b.label}`, a, b] as const))('copy %s', (_name, from, to) => {
  const cases = [
    { key: 'in/small report+1 #?.txt', bytes: randomBytes(100 * 1024), method: 'single-put' },
    { key: 'in/empty', bytes: Buffer.alloc(0), method: 'single-put' },
    { key: 'in/big.bin', bytes: randomBytes(19 * 1024 * 1024 + 123), method: 'multipart' },
  ];

  it.each(cases.map((c) => [c.key, c] as const))('copies %s byte for byte, with type and metadata', async (_key, c) => {
    const src = uniqueBucket('src');
    const dst = uniqueBucket('dst');
    await createBucket(from, src);
    await createBucket(to, dst);
    await putObject(from, src, c.key, c.bytes, {
      ContentType: 'application/x-ferry-test',
      Metadata: { origin: from.kind, note: 'carried' },
    });
    const fromId = await t.connect(from);
    const toId = await t.connect(to);

    const job = await copy(
      { kind: 's3', connectionId: fromId, bucket: src, key: c.key },
      { kind: 's3', connectionId: toId, bucket: dst, prefix: 'out/' },
    );

    expect(job.error).toBeUndefined();
    expect(job).toMatchObject({ state: 'done', itemsTotal: 1, itemsDone: 1, bytesDone: c.bytes.length, bytesTotal: c.bytes.length });
    const name = c.key.slice(c.key.lastIndexOf('/') + 1);
    const [item] = await allItems(t, job.id);
    expect(item).toMatchObject({ state: 'done', method: c.method, destinationId: `out/${name}` });
    expect(sha256(await objectBytes(to, dst, `out/${name}`))).toBe(sha256(c.bytes));
    const head = await sdkClient(to).send(new HeadObjectCommand({ Bucket: dst, Key: `out/${name}` }));
    expect(head.ContentType).toBe('application/x-ferry-test');
    expect(head.Metadata).toEqual({ origin: from.kind, note: 'carried' });
  });
});

describe('copy between local disk and a server', () => {
  const srv = servers()[0];

  it.runIf(srv)('uploads a local file and downloads it back, identical, without overwriting', async () => {
    if (!srv) return;
    const dir = await mkdtemp(path.join(tmpdir(), 'ferry-local-'));
    const bytes = randomBytes(300 * 1024);
    await writeFile(path.join(dir, 'photo.png'), bytes);
    const bucket = uniqueBucket('local');
    await createBucket(srv, bucket);
    const id = await t.connect(srv);

    const up = await copy({ kind: 'local', path: path.join(dir, 'photo.png') }, { kind: 's3', connectionId: id, bucket, prefix: '' });
    expect(up.state).toBe('done');
    const head = await sdkClient(srv).send(new HeadObjectCommand({ Bucket: bucket, Key: 'photo.png' }));
    expect(head.ContentType).toBe('image/png');

    const downDir = await mkdtemp(path.join(tmpdir(), 'ferry-down-'));
    const down = await copy({ kind: 's3', connectionId: id, bucket, key: 'photo.png' }, { kind: 'local', path: downDir });
    expect(down.state).toBe('done');
    expect(sha256(await readFile(path.join(downDir, 'photo.png')))).toBe(sha256(bytes));
    // Only the finished file is there: the temp file beside it was renamed, not left behind.
    expect(await readdir(downDir)).toEqual(['photo.png']);

    // A second drop onto the same place must not silently replace the file: the job asks.
    const started = await t.call<JobSnapshot>('transfer.start', {
      sources: [{ kind: 's3', connectionId: id, bucket, key: 'photo.png' }],
      destination: { kind: 'local', path: downDir },
    });
    const asking = await waitForJob(t, started.id, inState('waiting'));
    expect(asking.question).toMatchObject({ kind: 'conflict', destinationId: path.join(downDir, 'photo.png') });
    await t.call('transfer.answer', { jobId: started.id, decision: 'skip', applyToAll: false });
    const skipped = await waitForJob(t, started.id, inState('done'));
    expect(skipped).toMatchObject({ itemsSkipped: 1, itemsDone: 0 });
    expect(sha256(await readFile(path.join(downDir, 'photo.png')))).toBe(sha256(bytes));
    expect(await readdir(downDir)).toEqual(['photo.png']);
  });

  it('refuses to download a key whose name would leave the chosen folder', async (ctx) => {
    // MinIO and versitygw refuse such keys at upload; s3rver keeps them, as some clouds do.
    let holder: { srv: TestServer; bucket: string } | undefined;
    for (const candidate of servers()) {
      const bucket = uniqueBucket('escape');
      await createBucket(candidate, bucket);
      const stored = await putObject(candidate, bucket, 'x/..', Buffer.from('sneaky')).then(
        () => true,
        () => false,
      );
      if (stored) {
        holder = { srv: candidate, bucket };
        break;
      }
    }
    if (!holder) {
      ctx.skip('no running server stores a key ending in "/.."');
      return;
    }
    const id = await t.connect(holder.srv);
    const parent = await mkdtemp(path.join(tmpdir(), 'ferry-escape-'));
    const target = path.join(parent, 'inside');
    await writeFile(path.join(parent, 'keep.txt'), 'mine');
    await mkdir(target);

    const job = await copy({ kind: 's3', connectionId: id, bucket: holder.bucket, key: 'x/..' }, { kind: 'local', path: target });
    expect(job).toMatchObject({ state: 'failed', itemsFailed: 1 });
    const [item] = await allItems(t, job.id);
    expect(item).toMatchObject({ state: 'failed', error: { code: 'unsafe-path' } });
    expect(await readdir(target)).toEqual([]);
    expect((await readdir(parent)).sort()).toEqual(['inside', 'keep.txt']);
    expect(await readFile(path.join(parent, 'keep.txt'), 'utf8')).toBe('mine');
  });
});
