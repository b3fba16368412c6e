/**
 * An edit of many objects runs as a job in Transfers: every object changed
 * with everything else kept, a failure per object listed, limits refused
 * before the job exists, pause and cancel, and a job paused when Ferry
 * stops resumes after a restart without rewriting what it had done.
 */
import { DeleteObjectCommand, GetObjectTaggingCommand, ListObjectVersionsCommand, PutBucketVersioningCommand } from '@aws-sdk/client-s3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ObjectInspection } from '../../app/api/inspect-types';
import type { JobItemSnapshot, JobSnapshot } from '../../app/api/types';
import { createCore, type FerryCore } from '../../app/core/ferry-core';
import type { TestServer } from '../../e2e/servers/harness';
import { connectCore } from './inspect-support';
import { CoreUnderTest, createBucket, expectOk, putObject, sdkClient, server, servers, uniqueBucket } from './support';

const keysOf = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => `${prefix}/${String(i).padStart(2, '0')}.txt`);

async function seed(srv: TestServer, bucket: string, keys: string[]) {
  for (const key of keys)
    await putObject(srv, bucket, key, Buffer.from(`body of ${key}`), {
      ContentType: 'application/octet-stream',
      Metadata: { owner: 'ada' },
    });
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

const jobOf = async (core: FerryCore, id: string) => {
  const jobs = await expectOk<JobSnapshot[]>(core.dispatch('transfer.list', {}));
  const job = jobs.find((j) => j.id === id);
  if (!job) throw new Error(`job ${id} is not listed`);
  return job;
};

describe.each(servers().map((s) => [s.label, s] as const))('an edit job on %s', (_label, srv) => {
  const t = new CoreUnderTest();
  const bucket = uniqueBucket('editjob');
  const keys = keysOf(12, 'batch');
  let connectionId = '';
  const inspect = (key: string) => t.call<ObjectInspection>('inspect.object', { item: { kind: 's3', connectionId, bucket, key } });

  beforeAll(async () => {
    connectionId = await t.connect(srv);
    await createBucket(srv, bucket);
    await seed(srv, bucket, keys);
  });
  afterAll(() => t.dispose());

  it('changes every object, keeps their metadata, and lists the one that failed', async () => {
    // One selected object is gone by the time the job reaches it.
    await sdkClient(srv).send(new DeleteObjectCommand({ Bucket: bucket, Key: keys[5] }));
    const started = await t.call<JobSnapshot>('inspect.startEditJob', {
      connectionId,
      bucket,
      keys,
      task: { kind: 'attributes', edit: { headers: { contentType: 'text/plain', cacheControl: 'max-age=60' } } },
    });
    expect(started).toMatchObject({ mode: 'edit', label: `Content-Type, Cache-Control of 12 objects in ${bucket}` });
    const end = await t.finished(started.id);
    expect(end).toMatchObject({ state: 'failed', itemsTotal: 12, itemsDone: 11, itemsFailed: 1, error: { code: 'partial' } });
    const failed = await t.call<{ items: JobItemSnapshot[] }>('transfer.items', { jobId: started.id, only: 'failed' });
    expect(failed.items).toEqual([
      expect.objectContaining({ destinationId: keys[5], state: 'failed', error: expect.objectContaining({ code: 'not-found' }) }),
    ]);
    for (const key of keys.filter((_, i) => i !== 5)) {
      const d = await inspect(key);
      expect(d.headers.values).toMatchObject({ contentType: 'text/plain', cacheControl: 'max-age=60' });
      expect(d.metadata).toEqual({ owner: 'ada' });
    }
  });

  it('refuses a limit broken before any job exists', async () => {
    const before = await t.call<JobSnapshot[]>('transfer.list', {});
    const out = await t.core.dispatch('inspect.startEditJob', {
      connectionId,
      bucket,
      keys,
      task: { kind: 'attributes', edit: { metadata: { put: { big: 'x'.repeat(2100) } } } },
    });
    expect(out).toMatchObject({ ok: false, error: { code: 'invalid-arguments', message: expect.stringMatching(/2048 bytes/) } });
    expect(await t.call<JobSnapshot[]>('transfer.list', {})).toHaveLength(before.length);
  });
});

const minio = server('minio');
describe.skipIf(!minio)('an edit job paused, restarted and resumed on MinIO', () => {
  const srv = minio as TestServer;
  const bucket = uniqueBucket('editresume');
  const keys = keysOf(30, 'many');
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'ferry-data-'));
  // One object at a time, so the pause lands with the job part-way.
  const open = () => createCore({ shell: 'serve', homeDir: tmpdir(), userDataDir, transfer: { objectsInFlight: 1 } });
  let core = open();

  beforeAll(async () => {
    await createBucket(srv, bucket);
    await sdkClient(srv).send(new PutBucketVersioningCommand({ Bucket: bucket, VersioningConfiguration: { Status: 'Enabled' } }));
    await seed(srv, bucket, keys);
  });
  afterAll(() => core.dispose());

  it('resumes after a restart where it stopped: every object rewritten exactly once, keeping its metadata', async () => {
    const connectionId = await connectCore(core, srv);
    const started = await expectOk<JobSnapshot>(
      core.dispatch('inspect.startEditJob', {
        connectionId,
        bucket,
        keys,
        task: { kind: 'attributes', edit: { headers: { contentLanguage: 'en' }, metadata: { put: { reviewed: 'yes' } } } },
      }),
    );
    await until(
      () => jobOf(core, started.id),
      (j) => j.itemsDone >= 3,
      'three objects edited',
    );
    const paused = await expectOk<JobSnapshot>(core.dispatch('transfer.pause', { jobId: started.id }));
    expect(paused.state).toBe('paused');
    expect(paused.itemsDone).toBeLessThan(keys.length);
    core.dispose();

    core = open();
    const restored = await until(
      () => jobOf(core, started.id),
      () => true,
      'the journalled job',
    );
    expect(restored).toMatchObject({ state: 'paused', mode: 'edit', itemsDone: paused.itemsDone });
    // Serve mode keeps secrets for the session only: the user types the key again, as after any restart.
    await expectOk(
      core.dispatch('connections.update', {
        id: connectionId,
        label: srv.label,
        endpoint: srv.endpoint,
        region: srv.region,
        accessKeyId: srv.accessKeyId,
        secretAccessKey: srv.secretAccessKey,
        pathStyle: true,
      }),
    );
    await expectOk(core.dispatch('transfer.resume', { jobId: started.id }));
    const end = await until(
      () => jobOf(core, started.id),
      (j) => j.state === 'done' || j.state === 'failed',
      'the job to end',
    );
    expect(end).toMatchObject({ state: 'done', itemsDone: keys.length, itemsFailed: 0 });

    const versions = await sdkClient(srv).send(new ListObjectVersionsCommand({ Bucket: bucket, Prefix: 'many/' }));
    const perKey = new Map<string, number>();
    for (const v of versions.Versions ?? []) perKey.set(v.Key ?? '', (perKey.get(v.Key ?? '') ?? 0) + 1);
    // The original and one rewrite: nothing done before the restart was done again.
    expect([...perKey.values()]).toEqual(keys.map(() => 2));
    for (const key of [keys[0], keys.at(-1)] as string[]) {
      const d = await expectOk<ObjectInspection>(core.dispatch('inspect.object', { item: { kind: 's3', connectionId, bucket, key } }));
      expect(d.headers.values.contentLanguage).toBe('en');
      expect(d.metadata).toEqual({ owner: 'ada', reviewed: 'yes' });
    }
  });

  it('a tag job cancelled part-way leaves the rest untouched', async () => {
    const connectionId = await connectCore(core, srv);
    const started = await expectOk<JobSnapshot>(
      core.dispatch('inspect.startEditJob', { connectionId, bucket, keys, task: { kind: 'tags', edit: { put: { stage: 'final' } } } }),
    );
    await until(
      () => jobOf(core, started.id),
      (j) => j.itemsDone >= 2,
      'two objects tagged',
    );
    const cancelled = await expectOk<JobSnapshot>(core.dispatch('transfer.cancel', { jobId: started.id }));
    expect(cancelled.state).toBe('cancelled');
    const tagged = [];
    for (const key of keys) {
      const out = await sdkClient(srv).send(new GetObjectTaggingCommand({ Bucket: bucket, Key: key }));
      if ((out.TagSet ?? []).some((x) => x.Key === 'stage' && x.Value === 'final')) tagged.push(key);
    }
    expect(tagged.length).toBe(cancelled.itemsDone);
    expect(tagged.length).toBeLessThan(keys.length);
    // Tagged in the order chosen: the first ones.
    expect(tagged).toEqual(keys.slice(0, tagged.length));
  });
});
