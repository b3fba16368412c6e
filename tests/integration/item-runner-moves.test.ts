// The item runner's last steps, run in this process so a mutation run sees
// them (the command-line versions in move-guards.test.ts run in a child): a
// move deletes its source only after the copy checked out; a local source
// that changed while it was sent fails the item, stays with its new bytes and
// leaves no object under the name (what went up was part old, part new);
// a move between buckets keeps the source's tags even on s3rver, whose
// CopyObject drops them.
import { GetObjectTaggingCommand, HeadObjectCommand, PutObjectTaggingCommand } from '@aws-sdk/client-s3';
import { randomBytes } from 'node:crypto';
import { mkdtemp, open, readFile, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../../e2e/servers/harness';
import { createBucket, objectBytes, putObject, sdkClient, server, sha256, uniqueBucket } from './support';
import { allItems, ended, inState, listKeys, runJob, TransferTestCore, waitForJob } from './transfer-support';

const MiB = 1024 * 1024;
const minio = server('minio');
const s3rver = server('s3rver');

describe.runIf(minio)('moves from this machine (MinIO)', () => {
  // One part at a time, read at 6 MiB/s: a 24 MiB file takes about four seconds to send.
  const t = new TransferTestCore({ partSize: 5 * MiB, multipartThreshold: 5 * MiB, partsInFlight: 1, bandwidthBytesPerSecond: 6 * MiB });
  afterAll(() => t.dispose());

  it('a move deletes the local file only after the object checked out', { timeout: 90_000 }, async () => {
    const s = minio as TestServer;
    const bucket = uniqueBucket('mvrun');
    await createBucket(s, bucket);
    const dir = await mkdtemp(path.join(tmpdir(), 'ferry-mvrun-'));
    const file = path.join(dir, 'small.bin');
    const body = randomBytes(64 * 1024);
    await writeFile(file, body);
    const job = await runJob(t, {
      sources: [{ kind: 'local', path: file }],
      destination: { kind: 's3', connectionId: await t.connect(s), bucket, prefix: 'in/' },
      mode: 'move',
      conflict: 'overwrite',
    });
    expect(job).toMatchObject({ state: 'done', itemsDone: 1 });
    expect(sha256(await objectBytes(s, bucket, 'in/small.bin'))).toBe(sha256(body));
    await expect(stat(file)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it(
    'a local file rewritten while it is sent fails the item, keeps its new bytes, and what was uploaded is removed',
    { timeout: 90_000 },
    async () => {
      const s = minio as TestServer;
      const bucket = uniqueBucket('mvrun');
      await createBucket(s, bucket);
      const dir = await mkdtemp(path.join(tmpdir(), 'ferry-mvrun-'));
      const file = path.join(dir, 'report.bin');
      await writeFile(file, randomBytes(24 * MiB));
      const started = await t.call<{ id: string }>('transfer.start', {
        sources: [{ kind: 'local', path: file }],
        destination: { kind: 's3', connectionId: await t.connect(s), bucket, prefix: 'in/' },
        mode: 'move',
        conflict: 'overwrite',
      });
      await waitForJob(t, started.id, (j) => j.bytesDone >= 5 * MiB || ended(j));
      // Same size, new bytes in place, a new time: what an editor saving over the file does.
      const edited = randomBytes(24 * MiB);
      const handle = await open(file, 'r+');
      await handle.write(edited, 0, edited.length, 0);
      await handle.close();
      const later = new Date(Date.now() + 5_000);
      await utimes(file, later, later);
      const job = await waitForJob(t, started.id, inState('done', 'failed', 'cancelled'));
      expect(job.state).toBe('failed');
      const [item] = await allItems(t, job.id);
      expect(item?.error?.message).toContain('changed while it was being copied');
      expect(sha256(await readFile(file))).toBe(sha256(edited));
      // The object went up part old, part new: it is removed, not left under the name.
      expect(item?.error?.message).toContain('Ferry removed what it wrote (in/report.bin)');
      expect(await listKeys(sdkClient(s), bucket)).toEqual([]);
    },
  );
});

describe.runIf(s3rver)('moves between buckets keep tags (s3rver)', () => {
  const t = new TransferTestCore();
  afterAll(() => t.dispose());

  it('the moved object carries the source tags, and the source is gone', { timeout: 90_000 }, async () => {
    const s = s3rver as TestServer;
    const from = uniqueBucket('mvtagsrc');
    const to = uniqueBucket('mvtagdst');
    await createBucket(s, from);
    await createBucket(s, to);
    await putObject(s, from, 'tagged.txt', Buffer.from('tagged body'));
    const client = sdkClient(s);
    const tags = [
      { Key: 'project', Value: 'ferry' },
      { Key: 'tier', Value: 'cold' },
    ];
    await client.send(new PutObjectTaggingCommand({ Bucket: from, Key: 'tagged.txt', Tagging: { TagSet: tags } }));
    const job = await runJob(t, {
      sources: [{ kind: 's3', connectionId: await t.connect(s), bucket: from, key: 'tagged.txt' }],
      destination: { kind: 's3', connectionId: await t.connect(s), bucket: to, prefix: '' },
      mode: 'move',
      conflict: 'overwrite',
    });
    expect(job).toMatchObject({ state: 'done', itemsDone: 1 });
    const moved = await client.send(new GetObjectTaggingCommand({ Bucket: to, Key: 'tagged.txt' }));
    expect([...(moved.TagSet ?? [])].sort((a, b) => (a.Key ?? '').localeCompare(b.Key ?? ''))).toEqual(tags);
    expect((await objectBytes(s, to, 'tagged.txt')).toString()).toBe('tagged body');
    expect(await listKeys(client, from)).toEqual([]);
    await expect(client.send(new HeadObjectCommand({ Bucket: from, Key: 'tagged.txt' }))).rejects.toMatchObject({ name: 'NotFound' });
  });
});
