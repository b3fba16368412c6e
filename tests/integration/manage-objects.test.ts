// New folder, rename and delete through the core, on every test server:
// a rename keeps bytes, metadata and tags and deletes each source only after
// its copy; a mixed selection of 2,500 keys deletes exactly those; and on a
// versioned MinIO bucket a delete adds markers while "delete permanently"
// (with the bucket's name typed) removes every version.
import {
  GetObjectTaggingCommand,
  HeadObjectCommand,
  ListObjectVersionsCommand,
  PutBucketVersioningCommand,
  PutObjectTaggingCommand,
} from '@aws-sdk/client-s3';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FerryErrorData } from '../../app/api/errors';
import type { JobSnapshot } from '../../app/api/types';
import { startRequestLog, type RequestLog } from '../../e2e/servers/request-log';
import type { TestServer } from '../../e2e/servers/harness';
import { createBucket, CoreUnderTest, objectBytes, putObject, sdkClient, server, servers, sha256, uniqueBucket } from './support';
import { seedKeys } from './manage-support';
import { listKeys } from './transfer-support';

const all = servers();

async function refusal(core: CoreUnderTest, method: Parameters<CoreUnderTest['call']>[0], args: unknown): Promise<FerryErrorData> {
  const out = await core.core.dispatch(method, args);
  if (out.ok) throw new Error(`${method} should have been refused`);
  return out.error;
}

async function tagsOf(s: TestServer, bucket: string, key: string): Promise<Record<string, string> | null> {
  try {
    const out = await sdkClient(s).send(new GetObjectTaggingCommand({ Bucket: bucket, Key: key }));
    return Object.fromEntries((out.TagSet ?? []).map((t) => [t.Key, t.Value]));
  } catch {
    return null;
  }
}

describe.runIf(all.length > 0).each(all.map((s) => [s.label, s] as const))('folders, renames and deletes on %s', (_label, s) => {
  let core: CoreUnderTest;
  let log: RequestLog;
  let connectionId = '';
  const bucket = uniqueBucket('manage');
  beforeAll(async () => {
    await createBucket(s, bucket);
    core = new CoreUnderTest();
    log = await startRequestLog(s.endpoint);
    connectionId = await core.connect({ ...s, endpoint: log.endpoint });
  });
  afterAll(async () => {
    core.dispose();
    await log.stop();
  });
  const at = (prefix: string) => ({ kind: 's3', connectionId, bucket, prefix });

  it('makes a folder as a zero-byte marker, and refuses the same name twice', async () => {
    await expect(core.call('folder.create', { location: at('docs/'), name: 'new folder' })).resolves.toEqual({ id: 'docs/new folder/' });
    const head = await sdkClient(s).send(new HeadObjectCommand({ Bucket: bucket, Key: 'docs/new folder/' }));
    expect(head.ContentLength).toBe(0);
    expect(await refusal(core, 'folder.create', { location: at('docs/'), name: 'new folder' })).toMatchObject({ code: 'conflict' });
    expect(await refusal(core, 'folder.create', { location: at('docs/'), name: 'a/b' })).toMatchObject({
      code: 'invalid-arguments',
      details: { field: 'name' },
    });
  });

  it('renames an object in place, keeping bytes, metadata and tags', async () => {
    const bytes = randomBytes(200_000);
    await putObject(s, bucket, 'r/photo.jpg', bytes, { ContentType: 'image/jpeg', Metadata: { camera: 'x100', taken: '2024-05-01' } });
    const tags = [
      { Key: 'album', Value: 'spring' },
      { Key: 'place', Value: 'Lisboa + Porto' },
    ];
    await sdkClient(s).send(new PutObjectTaggingCommand({ Bucket: bucket, Key: 'r/photo.jpg', Tagging: { TagSet: tags } }));
    const out = await core.call<{ id: string; job: JobSnapshot }>('entry.rename', {
      item: { kind: 's3', connectionId, bucket, key: 'r/photo.jpg' },
      name: 'holiday.jpg',
    });
    expect(out.id).toBe('r/holiday.jpg');
    expect(await core.finished(out.job.id)).toMatchObject({ state: 'done', itemsDone: 1, mode: 'move' });
    expect(await listKeys(sdkClient(s), bucket, 'r/')).toEqual(['r/holiday.jpg']);
    expect(sha256(await objectBytes(s, bucket, 'r/holiday.jpg'))).toBe(sha256(bytes));
    const head = await sdkClient(s).send(new HeadObjectCommand({ Bucket: bucket, Key: 'r/holiday.jpg' }));
    expect(head.ContentType).toBe('image/jpeg');
    expect(head.Metadata).toMatchObject({ camera: 'x100', taken: '2024-05-01' });
    // s3rver's CopyObject drops tags: Ferry writes them back before the source goes.
    expect(await tagsOf(s, bucket, 'r/holiday.jpg')).toEqual({ album: 'spring', place: 'Lisboa + Porto' });
    // The copy ran inside the server, and the source went only after it.
    const copy = log.requests.findIndex((r) => r.method === 'PUT' && r.path.endsWith('/r/holiday.jpg') && r.copySource !== undefined);
    const del = log.requests.findIndex((r) => r.method === 'DELETE' && r.path.endsWith('/r/photo.jpg'));
    expect(copy).toBeGreaterThanOrEqual(0);
    expect(del).toBeGreaterThan(copy);
  });

  it("renames a folder keeping every object's tags, even where the server's copy drops them", async () => {
    await seedKeys(s, bucket, ['tf/a.txt', 'tf/sub/b.txt', 'tf/plain.txt']);
    for (const key of ['tf/a.txt', 'tf/sub/b.txt']) {
      await sdkClient(s).send(
        new PutObjectTaggingCommand({ Bucket: bucket, Key: key, Tagging: { TagSet: [{ Key: 'origin', Value: key }] } }),
      );
    }
    const out = await core.call<{ id: string; job: JobSnapshot }>('entry.rename', {
      item: { kind: 's3', connectionId, bucket, key: 'tf/' },
      name: 'tagged',
    });
    expect(await core.finished(out.job.id)).toMatchObject({ state: 'done', itemsDone: 3 });
    expect(await tagsOf(s, bucket, 'tagged/a.txt')).toEqual({ origin: 'tf/a.txt' });
    expect(await tagsOf(s, bucket, 'tagged/sub/b.txt')).toEqual({ origin: 'tf/sub/b.txt' });
    expect(await tagsOf(s, bucket, 'tagged/plain.txt')).toEqual({});
    expect(await listKeys(sdkClient(s), bucket, 'tf/')).toEqual([]);
  });

  it('refuses a rename onto a name that is taken, and changes nothing', async () => {
    await seedKeys(s, bucket, ['t/a.txt', 't/b.txt']);
    const e = await refusal(core, 'entry.rename', { item: { kind: 's3', connectionId, bucket, key: 't/a.txt' }, name: 'b.txt' });
    expect(e).toMatchObject({ code: 'conflict', details: { field: 'name' } });
    expect(await objectBytes(s, bucket, 't/b.txt')).toEqual(Buffer.from('t/b.txt'));
    expect(await listKeys(sdkClient(s), bucket, 't/')).toEqual(['t/a.txt', 't/b.txt']);
  });

  it('deletes a mixed selection of 2,500 keys, exactly those', async () => {
    const f1 = Array.from({ length: 1000 }, (_, i) => `mix/f1/${String(i).padStart(4, '0')}.bin`);
    const f2 = [...Array.from({ length: 999 }, (_, i) => `mix/f2/deep/${i}.bin`), 'mix/f2/'];
    const loose = Array.from({ length: 500 }, (_, i) => `mix/loose-${i}.txt`);
    const kept = ['mix/f10/keep.bin', 'mix/f1x.txt', 'mix/loose-500.txt', 'mix/f2x', 'other/f1/x.bin'];
    await seedKeys(s, bucket, [...f1, ...f2, ...loose, ...kept]);
    const selection = {
      kind: 's3',
      connectionId,
      bucket,
      objects: loose.map((key) => ({ key, size: Buffer.byteLength(key) })),
      folders: ['mix/f1/', 'mix/f2/'],
    };
    const summary = await core.call<{ totalObjects: number; message: string }>('delete.summary', { selection });
    expect(summary.totalObjects).toBe(2500);
    expect(summary.message).toMatch(/^Delete 500 objects and 2 folders \(2,500 objects, [\d.]+ KiB\)\?$/);
    const done = await core.call<{ deleted: number; failed: number }>('delete.run', { selection });
    expect(done).toMatchObject({ deleted: 2500, failed: 0 });
    expect((await listKeys(sdkClient(s), bucket, 'mix/')).sort()).toEqual(kept.filter((k) => k.startsWith('mix/')).sort());
    expect(await listKeys(sdkClient(s), bucket, 'other/')).toEqual(['other/f1/x.bin']);
  }, 120_000);
});

const minio = server('minio');
describe.runIf(minio !== undefined)('a versioned MinIO bucket', () => {
  const s = minio as TestServer;
  let core: CoreUnderTest;
  let connectionId = '';
  const bucket = uniqueBucket('versions');
  beforeAll(async () => {
    await createBucket(s, bucket);
    await sdkClient(s).send(new PutBucketVersioningCommand({ Bucket: bucket, VersioningConfiguration: { Status: 'Enabled' } }));
    core = new CoreUnderTest();
    connectionId = await core.connect(s);
  });
  afterAll(() => core.dispose());

  async function versions(prefix: string) {
    const out = await sdkClient(s).send(new ListObjectVersionsCommand({ Bucket: bucket, Prefix: prefix }));
    return { versions: out.Versions?.length ?? 0, markers: out.DeleteMarkers?.length ?? 0 };
  }

  it('adds delete markers on delete, and "delete permanently" removes every version', async () => {
    const keys = ['v/a.txt', 'v/b.txt', 'v/sub/c.txt'];
    await seedKeys(s, bucket, keys);
    await seedKeys(s, bucket, keys, (k) => Buffer.from(`${k} again`));
    await seedKeys(s, bucket, ['keep/me.txt']);
    const selection = { kind: 's3', connectionId, bucket, objects: [{ key: 'v/a.txt' }, { key: 'v/b.txt' }], folders: ['v/sub/'] };
    const summary = await core.call<{ versioning: string; message: string }>('delete.summary', { selection });
    expect(summary.versioning).toBe('enabled');
    expect(summary.message).toContain('delete markers are added and nothing is destroyed');

    await expect(core.call('delete.run', { selection })).resolves.toMatchObject({ deleted: 3, failed: 0 });
    expect(await listKeys(sdkClient(s), bucket, 'v/')).toEqual([]);
    expect(await versions('v/')).toEqual({ versions: 6, markers: 3 });

    const wrong = await core.core.dispatch('delete.run', { selection, permanently: true, confirmName: 'not-it' });
    expect(wrong.ok ? null : wrong.error).toMatchObject({ code: 'invalid-arguments', details: { field: 'confirmName' } });
    expect(await versions('v/')).toEqual({ versions: 6, markers: 3 });

    await expect(core.call('delete.run', { selection, permanently: true, confirmName: bucket })).resolves.toMatchObject({
      deleted: 9,
      failed: 0,
    });
    expect(await versions('v/')).toEqual({ versions: 0, markers: 0 });
    expect(await versions('keep/')).toEqual({ versions: 1, markers: 0 });
  });
});
