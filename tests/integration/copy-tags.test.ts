// A plain copy inside one server keeps the source's tags on every test
// server. MinIO and versitygw carry them on CopyObject, and Ferry then writes
// no tags itself (no PutObjectTagging for a copied object, counted at a
// logging proxy); s3rver's CopyObject drops them, which Ferry learns once
// per connection with a probe under .ferry-probe/ (removed again), and then
// writes each copied object's tags after its copy has verified.
import {
  CopyObjectCommand,
  GetObjectTaggingCommand,
  ListObjectVersionsCommand,
  PutBucketVersioningCommand,
  PutObjectTaggingCommand,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobSnapshot } from '../../app/api/types';
import type { TestServer } from '../../e2e/servers/harness';
import { startRequestLog, type RequestLog } from '../../e2e/servers/request-log';
import { createBucket, CoreUnderTest, putObject, sdkClient, servers, uniqueBucket } from './support';
import { listKeys } from './transfer-support';

const all = servers();

async function tagsOf(s: TestServer, bucket: string, key: string): Promise<Record<string, string>> {
  const out = await sdkClient(s).send(new GetObjectTaggingCommand({ Bucket: bucket, Key: key }));
  return Object.fromEntries((out.TagSet ?? []).map((t) => [t.Key, t.Value]));
}

describe.runIf(all.length > 0).each(all.map((s) => [s.label, s] as const))('a plain copy keeps tags on %s', (_label, s) => {
  let core: CoreUnderTest;
  let log: RequestLog;
  let connectionId = '';
  const bucket = uniqueBucket('copytags');
  const tags = { project: 'ferry', owner: 'Ana + Rui' };

  beforeAll(async () => {
    await createBucket(s, bucket);
    for (const key of ['src/a.txt', 'src/b.txt', 'src/plain.txt']) await putObject(s, bucket, key, Buffer.from(`${key}\n`));
    for (const key of ['src/a.txt', 'src/b.txt']) {
      const TagSet = Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
      await sdkClient(s).send(new PutObjectTaggingCommand({ Bucket: bucket, Key: key, Tagging: { TagSet } }));
    }
    log = await startRequestLog(s.endpoint);
    core = new CoreUnderTest();
    connectionId = await core.connect({ ...s, endpoint: log.endpoint });
  }, 60_000);
  afterAll(async () => {
    core?.dispose();
    await log?.stop();
  });

  it('copies every object with its tags, and writes tags itself only where the server dropped them', async () => {
    // What the server does on its own, asked directly: copy a tagged object with the SDK and read the copy's tags.
    await sdkClient(s).send(new CopyObjectCommand({ Bucket: bucket, Key: 'direct/a.txt', CopySource: `${bucket}/src/a.txt` }));
    const copyKeepsTags = Object.keys(await tagsOf(s, bucket, 'direct/a.txt')).length > 0;
    const since = log.requests.length;
    const job = await core.call<JobSnapshot>('transfer.start', {
      sources: [{ kind: 's3-prefix', connectionId, bucket, prefix: 'src/' }],
      destination: { kind: 's3', connectionId, bucket, prefix: 'dst/' },
      mode: 'copy',
      conflict: 'overwrite',
    });
    expect(await core.finished(job.id)).toMatchObject({ state: 'done', itemsFailed: 0 });
    expect(await tagsOf(s, bucket, 'dst/src/a.txt')).toEqual(tags);
    expect(await tagsOf(s, bucket, 'dst/src/b.txt')).toEqual(tags);
    expect(await tagsOf(s, bucket, 'dst/src/plain.txt')).toEqual({});
    const tagWrites = log.requests
      .slice(since)
      .filter((r) => r.method === 'PUT' && r.query.has('tagging') && r.path.includes('/dst/'))
      .map((r) => r.path);
    expect(tagWrites.length).toBe(copyKeepsTags ? 0 : 2);
    // The probe leaves nothing behind.
    expect(await listKeys(sdkClient(s), bucket, '.ferry-probe/')).toEqual([]);
  });

  it('leaves no version or delete marker of its probe in a bucket that keeps versions', async () => {
    const versioned = uniqueBucket('copytagsv');
    await createBucket(s, versioned);
    const kept = await sdkClient(s)
      .send(new PutBucketVersioningCommand({ Bucket: versioned, VersioningConfiguration: { Status: 'Enabled' } }))
      .then(
        () => true,
        () => false,
      );
    await putObject(s, versioned, 'a.txt', Buffer.from('a\n'));
    // A core of its own: the probe runs once per connection, and this one has not asked yet.
    const fresh = new CoreUnderTest();
    try {
      const id = await fresh.connect(s);
      const job = await fresh.call<JobSnapshot>('transfer.start', {
        sources: [{ kind: 's3', connectionId: id, bucket: versioned, key: 'a.txt' }],
        destination: { kind: 's3', connectionId: id, bucket: versioned, prefix: 'copy/' },
        mode: 'copy',
        conflict: 'overwrite',
      });
      expect(await fresh.finished(job.id)).toMatchObject({ state: 'done', itemsFailed: 0 });
    } finally {
      fresh.dispose();
    }
    const left = await sdkClient(s)
      .send(new ListObjectVersionsCommand({ Bucket: versioned, Prefix: '.ferry-probe/' }))
      .catch(() => null);
    if (kept && left) expect([...(left.Versions ?? []), ...(left.DeleteMarkers ?? [])]).toEqual([]);
    expect(await listKeys(sdkClient(s), versioned, '.ferry-probe/')).toEqual([]);
  });
});
