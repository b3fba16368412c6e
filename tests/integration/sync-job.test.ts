// A sync is an ordinary transfer job: a dry run walks the plan and changes
// nothing, the real run does exactly that plan (or stops before changing
// anything if the locations moved under it), with and without deletes.
import { createHash } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Location, SyncRequest } from '../../app/api/types';
import { listDepsOf } from '../../app/cli/engine-deps';
import { dryRun } from '../../app/transfer/plan/sync-items';
import type { TestServer } from '../../e2e/servers/harness';
import { createBucket, putObject, server, uniqueBucket } from './support';
import { compareAll, engineRig, preparedPair, putMultipart, seedDir, seedS3, snapshot, type Rig } from './sync-support';

const minio = server('minio');
const versity = server('versitygw');

async function runSync(rig: Rig, sync: SyncRequest, expectDigest?: string) {
  const job = await rig.engine.start({
    sources: [{ kind: 'sync', sync, ...(expectDigest ? { expect: expectDigest } : {}) }],
    destination: sync.right,
    mode: 'copy',
    conflict: 'overwrite',
  });
  await job.start();
  await rig.engine.settle(job);
  return job;
}

function plan(rig: Rig, sync: SyncRequest) {
  return dryRun(listDepsOf(rig.engine, new AbortController().signal), { kind: 'sync', sync });
}

describe.runIf(minio && versity)('sync MinIO to versitygw', () => {
  let rig: Rig;
  const a = () => minio as TestServer;
  const b = () => versity as TestServer;
  beforeAll(async () => {
    rig = await engineRig({ left: a(), right: b() });
  });
  afterAll(async () => rig?.dispose());

  async function pair(): Promise<{ left: Location; right: Location; lb: string; rb: string }> {
    const lb = uniqueBucket('synl');
    const rb = uniqueBucket('synr');
    const p = preparedPair();
    await createBucket(a(), lb);
    await createBucket(b(), rb);
    await seedS3(a(), lb, 'src/', p.left);
    await seedS3(b(), rb, 'dst/', p.right);
    await putMultipart(a(), lb, 'src/mp.bin', p.big);
    await putObject(b(), rb, 'dst/mp.bin', p.big);
    return {
      left: { kind: 's3', connectionId: rig.id('left'), bucket: lb, prefix: 'src/' },
      right: { kind: 's3', connectionId: rig.id('right'), bucket: rb, prefix: 'dst/' },
      lb,
      rb,
    };
  }

  it('a dry run changes nothing, and the real run does exactly its plan (no deletes)', { timeout: 60_000 }, async () => {
    const { left, right, lb, rb } = await pair();
    const sync: SyncRequest = { left, right, mode: 'mirror', delete: false, compare: {} };
    const before = await snapshot({ server: b(), bucket: rb, prefix: 'dst/' });
    const dry = await plan(rig, sync);
    expect(await snapshot({ server: b(), bucket: rb, prefix: 'dst/' })).toEqual(before);
    expect(dry.actions['copy-right'].count).toBe(3);
    expect(dry.first['copy-right'].map((x) => [x.key, x.reason])).toEqual([
      ['content.txt', 'etag'],
      ['only-left.txt', 'missing'],
      ['size.txt', 'size'],
    ]);
    expect(dry.actions['delete-right'].count).toBe(0);
    expect(dry.compared.unknown.count).toBe(1);

    const job = await runSync(rig, sync, dry.digest);
    expect(job.state).toBe('done');
    const items = job.items(0, 100, false).items;
    expect(items.map((i) => i.destinationId).sort()).toEqual(['dst/content.txt', 'dst/only-left.txt', 'dst/size.txt']);
    expect(job.snapshot().itemsDone).toBe(3);

    const after = await snapshot({ server: b(), bucket: rb, prefix: 'dst/' });
    const src = await snapshot({ server: a(), bucket: lb, prefix: 'src/' });
    expect(after).toEqual({ ...src, 'only-right.txt': before['only-right.txt'] });
    // Compared again (deep, so the multipart object counts too): only what the right side alone holds differs.
    const rows = await compareAll(rig, left, right, { deep: true });
    expect(rows.filter((r) => r.cls !== 'same').map((r) => [r.key, r.cls])).toEqual([['only-right.txt', 'only-right']]);
  });

  it('with delete, the right side ends equal to the left', { timeout: 60_000 }, async () => {
    const { left, right, lb, rb } = await pair();
    const sync: SyncRequest = { left, right, mode: 'mirror', delete: true, compare: { deep: true } };
    const dry = await plan(rig, sync);
    expect(dry.actions['delete-right'].count).toBe(1);
    expect(dry.first['delete-right'].map((x) => x.key)).toEqual(['only-right.txt']);
    const job = await runSync(rig, sync, dry.digest);
    expect(job.state).toBe('done');
    expect(job.methods.delete).toBe(1);
    expect(await snapshot({ server: b(), bucket: rb, prefix: 'dst/' })).toEqual(
      await snapshot({ server: a(), bucket: lb, prefix: 'src/' }),
    );
    const again = await plan(rig, sync);
    expect(Object.values(again.actions).every((x) => x.count === 0)).toBe(true);
  });

  it('stops before changing anything when a side changed since the dry run', { timeout: 60_000 }, async () => {
    const { left, right, rb } = await pair();
    const sync: SyncRequest = { left, right, mode: 'mirror', delete: true, compare: {} };
    const dry = await plan(rig, sync);
    await putObject(b(), rb, 'dst/late.txt', Buffer.from('written after the dry run'));
    const before = await snapshot({ server: b(), bucket: rb, prefix: 'dst/' });
    const job = await runSync(rig, sync, dry.digest);
    expect(job.state).toBe('failed');
    expect(job.snapshot().error?.message).toMatch(/changed since the plan was made; nothing was changed/);
    expect(await snapshot({ server: b(), bucket: rb, prefix: 'dst/' })).toEqual(before);
  });
});

describe.runIf(minio)('two-way sync with a local folder', () => {
  let rig: Rig;
  beforeAll(async () => {
    rig = await engineRig({ left: minio as TestServer });
  });
  afterAll(async () => rig?.dispose());

  it('copies the newer side each way and lists a conflict it cannot order', { timeout: 60_000 }, async () => {
    const s = minio as TestServer;
    const bucket = uniqueBucket('twoway');
    await createBucket(s, bucket);
    const dir = await mkdtemp(path.join(tmpdir(), 'ferry-twoway-'));
    await seedS3(s, bucket, '', { 'cloud-only.txt': Buffer.from('c'), 'older-on-disk.txt': Buffer.from('cloud, newer') });
    await seedDir(dir, {
      'disk-only.txt': Buffer.from('d'),
      'older-on-disk.txt': Buffer.from('disk, old'),
      'newer-on-disk.txt': Buffer.from('disk, new!'),
    });
    await seedS3(s, bucket, '', { 'newer-on-disk.txt': Buffer.from('cloud, old') });
    const { utimes } = await import('node:fs/promises');
    const hourAgo = new Date(Date.now() - 3600_000);
    const inAnHour = new Date(Date.now() + 3600_000);
    await utimes(path.join(dir, 'older-on-disk.txt'), hourAgo, hourAgo);
    await utimes(path.join(dir, 'newer-on-disk.txt'), inAnHour, inAnHour);
    const left: Location = { kind: 'local', path: dir };
    const right: Location = { kind: 's3', connectionId: rig.id('left'), bucket, prefix: '' };
    // A file of the same size as its object and a time within the tolerance: no side is newer.
    await writeFile(path.join(dir, 'tie.txt'), 'tie-a');
    await putObject(s, bucket, 'tie.txt', Buffer.from('tie-b'));
    const sync: SyncRequest = { left, right, mode: 'newer', delete: false, compare: {} };
    const dry = await plan(rig, sync);
    expect(dry.first['copy-right'].map((x) => x.key)).toEqual(['disk-only.txt', 'newer-on-disk.txt']);
    expect(dry.first['copy-left'].map((x) => x.key)).toEqual(['cloud-only.txt', 'older-on-disk.txt']);
    expect(dry.first.conflict.map((x) => x.key)).toEqual(['tie.txt']);
    const job = await runSync(rig, sync, dry.digest);
    expect(job.state).toBe('done');
    const disk = await snapshot({ dir });
    const cloud = await snapshot({ server: s, bucket, prefix: '' });
    expect(Object.keys(disk).sort()).toEqual(Object.keys(cloud).sort());
    for (const k of Object.keys(disk)) if (k !== 'tie.txt') expect([k, disk[k]]).toEqual([k, cloud[k]]);
    expect(disk['tie.txt']).not.toEqual(cloud['tie.txt']);
  });
  it('copies each conflict the way the user resolved it, under the digest the compare showed', { timeout: 60_000 }, async () => {
    const s = minio as TestServer;
    const bucket = uniqueBucket('resolve');
    await createBucket(s, bucket);
    const dir = await mkdtemp(path.join(tmpdir(), 'ferry-resolve-'));
    // Equal sizes, other bytes, times within the tolerance: three conflicts.
    await seedDir(dir, {
      'keep-left.txt': Buffer.from('disk-1'),
      'keep-right.txt': Buffer.from('disk-2'),
      'skip.txt': Buffer.from('disk-3'),
    });
    await seedS3(s, bucket, '', {
      'keep-left.txt': Buffer.from('obj--1'),
      'keep-right.txt': Buffer.from('obj--2'),
      'skip.txt': Buffer.from('obj--3'),
    });
    const left: Location = { kind: 'local', path: dir };
    const right: Location = { kind: 's3', connectionId: rig.id('left'), bucket, prefix: '' };
    const sync: SyncRequest = { left, right, mode: 'newer', delete: false, compare: {} };
    const unresolved = await plan(rig, sync);
    expect(unresolved.first.conflict.map((x) => x.key)).toEqual(['keep-left.txt', 'keep-right.txt', 'skip.txt']);
    const resolved: SyncRequest = { ...sync, resolve: { 'keep-left.txt': 'left', 'keep-right.txt': 'right' } };
    const dry = await plan(rig, resolved);
    expect(dry.first['copy-right'].map((x) => [x.key, x.resolved])).toEqual([['keep-left.txt', 'left']]);
    expect(dry.first['copy-left'].map((x) => [x.key, x.resolved])).toEqual([['keep-right.txt', 'right']]);
    expect(dry.first.conflict.map((x) => x.key)).toEqual(['skip.txt']);
    // The resolutions are in the request, so the plan the window showed still pins the run.
    expect(dry.digest).toBe(unresolved.digest);
    const job = await runSync(rig, resolved, unresolved.digest);
    expect(job.state).toBe('done');
    const disk = await snapshot({ dir });
    const cloud = await snapshot({ server: s, bucket, prefix: '' });
    const sha = (t: string) => createHash('sha256').update(t).digest('hex');
    expect([disk['keep-left.txt'], cloud['keep-left.txt']]).toEqual([sha('disk-1'), sha('disk-1')]);
    expect([disk['keep-right.txt'], cloud['keep-right.txt']]).toEqual([sha('obj--2'), sha('obj--2')]);
    expect([disk['skip.txt'], cloud['skip.txt']]).toEqual([sha('disk-3'), sha('obj--3')]);
  });
});
