// Local disk at either end: folders upload recursively, prefixes download into
// folders (through temp files renamed once verified), keys that would leave
// the chosen folder are refused per item, over-long keys are refused before
// any request, and conflict policies decide what happens to existing files.
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { JobSnapshot } from '../../app/api/types';
import type { TestServer } from '../../e2e/servers/harness';
import { startRequestLog } from '../../e2e/servers/request-log';
import { createBucket, objectBytes, sdkClient, servers, sha256, uniqueBucket } from './support';
import { allItems, inState, listKeys, runJob, TransferTestCore, waitForJob } from './transfer-support';

const MiB = 1024 * 1024;
const t = new TransferTestCore({ partSize: 5 * MiB, multipartThreshold: 5 * MiB });
afterAll(() => t.dispose());

async function walk(dir: string, base = dir): Promise<string[]> {
  const out: string[] = [];
  for (const d of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, d.name);
    if (d.isDirectory()) out.push(`${path.relative(base, full)}/`, ...(await walk(full, base)));
    else out.push(path.relative(base, full));
  }
  return out.sort();
}

describe.each(servers().map((s) => [s.label, s] as const))('local disk and %s', (_label, s) => {
  it('uploads a folder tree and downloads it back identical, with no temp file left', { timeout: 60_000 }, async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'ferry-tree-'));
    const tree = path.join(root, 'tree');
    await mkdir(path.join(tree, 'a', 'b'), { recursive: true });
    await mkdir(path.join(tree, 'empty-folder'));
    const files: Record<string, Buffer> = {
      'tree/top.txt': Buffer.from('top\n'),
      'tree/a/zero': Buffer.alloc(0),
      'tree/a/b/ünï cödé.bin': randomBytes(50_000),
      'tree/a/b/large.bin': randomBytes(16 * MiB + 9),
    };
    for (const [rel, body] of Object.entries(files)) await writeFile(path.join(root, rel), body);
    const bucket = uniqueBucket('tree');
    await createBucket(s, bucket);
    const id = await t.connect(s);

    const up = await runJob(t, {
      sources: [{ kind: 'local', path: tree }],
      destination: { kind: 's3', connectionId: id, bucket, prefix: 'backup/' },
      conflict: 'overwrite',
    });
    expect(up).toMatchObject({ state: 'done', itemsTotal: 4, itemsDone: 4 });
    expect(await listKeys(sdkClient(s), bucket)).toEqual(
      Object.keys(files)
        .map((k) => `backup/${k}`)
        .sort(),
    );
    for (const [rel, body] of Object.entries(files)) expect(sha256(await objectBytes(s, bucket, `backup/${rel}`))).toBe(sha256(body));

    const down = await mkdtemp(path.join(tmpdir(), 'ferry-down-'));
    const back = await runJob(t, {
      sources: [{ kind: 's3-prefix', connectionId: id, bucket, prefix: 'backup/tree/' }],
      destination: { kind: 'local', path: down },
      conflict: 'overwrite',
    });
    expect(back).toMatchObject({ state: 'done', itemsDone: 4 });
    expect((await allItems(t, back.id)).every((i) => i.method === 'download')).toBe(true);
    expect(await walk(down)).toEqual([
      'tree/',
      'tree/a/',
      'tree/a/b/',
      'tree/a/b/large.bin',
      'tree/a/b/ünï cödé.bin',
      'tree/a/zero',
      'tree/top.txt',
    ]);
    for (const [rel, body] of Object.entries(files)) expect(sha256(await readFile(path.join(down, rel)))).toBe(sha256(body));
  });

  it('refuses keys that would leave the chosen folder, and downloads the rest', { timeout: 30_000 }, async (ctx) => {
    const bucket = uniqueBucket('escape');
    await createBucket(s, bucket);
    // Keys ending in .. or . survive every HTTP path normaliser on the way; backslashes too.
    const hostile = ['esc/..', 'esc/sub/..', 'esc/.', 'esc/..\\..\\evil.txt', 'esc/a//b.txt'];
    const stored: string[] = [];
    for (const key of hostile) {
      const ok = await sdkClient(s)
        .send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: Buffer.from('hostile') }))
        .then(
          () => true,
          () => false,
        );
      if (ok) stored.push(key);
    }
    const present = await listKeys(sdkClient(s), bucket, 'esc/');
    const kept = stored.filter((k) => present.includes(k));
    // MinIO and versitygw refuse or normalise such keys at upload; s3rver keeps them as some clouds do.
    if (kept.length === 0) return ctx.skip(`${s.label} refuses or rewrites every key ending in .. or . or holding \\ or //`);
    await sdkClient(s).send(new PutObjectCommand({ Bucket: bucket, Key: 'esc/fine.txt', Body: Buffer.from('fine') }));

    const parent = await mkdtemp(path.join(tmpdir(), 'ferry-escape-'));
    const target = path.join(parent, 'inside');
    await mkdir(target);
    await writeFile(path.join(parent, 'keep.txt'), 'mine');
    const job = await runJob(t, {
      sources: [{ kind: 's3-prefix', connectionId: await t.connect(s), bucket, prefix: 'esc/' }],
      destination: { kind: 'local', path: target },
      conflict: 'overwrite',
    });
    expect(job).toMatchObject({ state: 'failed', itemsDone: 1, itemsFailed: kept.length });
    const failed = await allItems(t, job.id);
    for (const item of failed.filter((i) => i.state === 'failed')) expect(item.error?.code).toBe('unsafe-path');
    // What did arrive is inside the folder, and nothing hostile did.
    expect((await walk(target)).filter((p) => !p.endsWith('/'))).toEqual(['esc/fine.txt']);
    expect((await readdir(parent)).sort()).toEqual(['inside', 'keep.txt']);
    expect(await readFile(path.join(parent, 'keep.txt'), 'utf8')).toBe('mine');
  });
});

describe('keys and conflicts', () => {
  const s = servers()[0] as TestServer;

  it('refuses a destination key over 1,024 bytes before any request, naming the limit', async () => {
    const bucket = uniqueBucket('long');
    await createBucket(s, bucket);
    const dir = await mkdtemp(path.join(tmpdir(), 'ferry-long-'));
    const name = 'n'.repeat(200);
    await writeFile(path.join(dir, name), 'x');
    const log = await startRequestLog(s.endpoint);
    try {
      const id = await t.connect(s, log.endpoint);
      const job = await runJob(t, {
        sources: [{ kind: 'local', path: path.join(dir, name) }],
        destination: { kind: 's3', connectionId: id, bucket, prefix: `${'p/'.repeat(420)}` },
        conflict: 'overwrite',
      });
      expect(job).toMatchObject({ state: 'failed', itemsFailed: 1 });
      const [item] = await allItems(t, job.id);
      expect(item?.error).toMatchObject({ code: 'invalid-arguments' });
      expect(item?.error?.message).toContain('1024 bytes');
      expect(log.requests).toEqual([]);
    } finally {
      await log.stop();
    }
  });

  it('skip, keep both, overwrite if newer, and ask with an answer for all', { timeout: 60_000 }, async () => {
    const bucket = uniqueBucket('conflict');
    await createBucket(s, bucket);
    const id = await t.connect(s);
    const dir = await mkdtemp(path.join(tmpdir(), 'ferry-conflict-'));
    await writeFile(path.join(dir, 'a.txt'), 'first a');
    await writeFile(path.join(dir, 'b.txt'), 'first b');
    const sources = [
      { kind: 'local', path: path.join(dir, 'a.txt') },
      { kind: 'local', path: path.join(dir, 'b.txt') },
    ];
    const destination = { kind: 's3', connectionId: id, bucket, prefix: 'c/' };
    expect(await runJob(t, { sources, destination, conflict: 'overwrite' })).toMatchObject({ state: 'done', itemsDone: 2 });

    await writeFile(path.join(dir, 'a.txt'), 'second a');
    await writeFile(path.join(dir, 'b.txt'), 'second b');
    expect(await runJob(t, { sources, destination, conflict: 'skip' })).toMatchObject({ state: 'done', itemsSkipped: 2, itemsDone: 0 });
    expect((await objectBytes(s, bucket, 'c/a.txt')).toString()).toBe('first a');

    expect(await runJob(t, { sources, destination, conflict: 'keep-both' })).toMatchObject({ state: 'done', itemsDone: 2 });
    expect(await listKeys(sdkClient(s), bucket)).toEqual(['c/a (1).txt', 'c/a.txt', 'c/b (1).txt', 'c/b.txt']);
    expect((await objectBytes(s, bucket, 'c/a (1).txt')).toString()).toBe('second a');

    // a.txt is older than the object (its time set to the past); b.txt is newer.
    const past = new Date(Date.now() - 86_400_000);
    await utimes(path.join(dir, 'a.txt'), past, past);
    const future = new Date(Date.now() + 86_400_000);
    await utimes(path.join(dir, 'b.txt'), future, future);
    expect(await runJob(t, { sources, destination, conflict: 'overwrite-if-newer' })).toMatchObject({ itemsDone: 1, itemsSkipped: 1 });
    expect((await objectBytes(s, bucket, 'c/a.txt')).toString()).toBe('first a');
    expect((await objectBytes(s, bucket, 'c/b.txt')).toString()).toBe('second b');

    await writeFile(path.join(dir, 'a.txt'), 'third a!');
    await writeFile(path.join(dir, 'b.txt'), 'third b!');
    const asking = await t.call<JobSnapshot>('transfer.start', { sources, destination, conflict: 'ask' });
    const waiting = await waitForJob(t, asking.id, (j) => j.state === 'waiting' && j.question?.kind === 'conflict');
    expect(waiting.question).toMatchObject({ kind: 'conflict', destinationId: expect.stringMatching(/^c\/[ab]\.txt$/) });
    const answered = await t.call<JobSnapshot>('transfer.answer', { jobId: asking.id, decision: 'overwrite', applyToAll: true });
    expect(answered.conflict).toBe('overwrite');
    const done = await waitForJob(t, asking.id, inState('done', 'failed'));
    expect(done).toMatchObject({ state: 'done', itemsDone: 2 });
    expect((await objectBytes(s, bucket, 'c/a.txt')).toString()).toBe('third a!');
    expect((await objectBytes(s, bucket, 'c/b.txt')).toString()).toBe('third b!');
    const mtime = (await stat(path.join(dir, 'a.txt'))).mtimeMs;
    expect(mtime).toBeGreaterThan(0);
  });
});

describe('a full disk', () => {
  const s = servers()[0] as TestServer;

  it('fails the download that does not fit, removes its temp file, and keeps the rest', { timeout: 60_000 }, async (ctx) => {
    const disk = await mkdtemp(path.join(tmpdir(), 'ferry-tiny-'));
    // A real 4 MiB file system; mounting needs root (as on CI), elsewhere this test says why it skipped.
    const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', disk]);
    if (mounted.status !== 0) return ctx.skip(`cannot mount a small tmpfs here: ${mounted.stderr.toString().trim() || 'not permitted'}`);
    try {
      const bucket = uniqueBucket('full');
      await createBucket(s, bucket);
      const a = randomBytes(3 * MiB);
      const b = randomBytes(3 * MiB);
      await sdkClient(s).send(new PutObjectCommand({ Bucket: bucket, Key: 'two/a.bin', Body: a }));
      await sdkClient(s).send(new PutObjectCommand({ Bucket: bucket, Key: 'two/b.bin', Body: b }));
      const job = await runJob(t, {
        sources: [{ kind: 's3-prefix', connectionId: await t.connect(s), bucket, prefix: 'two/' }],
        destination: { kind: 'local', path: disk },
        conflict: 'overwrite',
      });
      // Both fit the free space when they start; together they do not: the disk fills while writing.
      expect(job.state).toBe('failed');
      expect(job.itemsFailed).toBeGreaterThanOrEqual(1);
      const items = await allItems(t, job.id);
      for (const item of items.filter((i) => i.state === 'failed')) {
        // Named by folder and file, not Node's bare "ENOSPC: no space left on device, write".
        expect(item.error).toMatchObject({
          code: 'local-fs',
          message: expect.stringMatching(/^Not enough free space in .+: the disk filled up while writing [ab]\.bin \(3145728 bytes\)\.$/),
        });
      }
      // No temp file stays behind, and whatever did arrive is whole.
      const left = await walk(disk);
      expect(left.filter((p) => p.includes('.ferry-'))).toEqual([]);
      for (const name of left.filter((p) => p.endsWith('.bin'))) {
        expect(sha256(await readFile(path.join(disk, name)))).toBe(sha256(name.endsWith('a.bin') ? a : b));
      }
      expect(left.filter((p) => p.endsWith('.bin'))).toHaveLength(job.itemsDone);

      // An object larger than the free space is refused before a byte is written.
      await sdkClient(s).send(new PutObjectCommand({ Bucket: bucket, Key: 'big/c.bin', Body: randomBytes(5 * MiB) }));
      const big = await runJob(t, {
        sources: [{ kind: 's3-prefix', connectionId: await t.connect(s), bucket, prefix: 'big/' }],
        destination: { kind: 'local', path: disk },
        conflict: 'overwrite',
      });
      const [refused] = await allItems(t, big.id);
      expect(refused?.error).toMatchObject({ code: 'local-fs', message: expect.stringContaining('Not enough free space') });
      expect((await walk(disk)).filter((p) => p.includes('c.bin') || p.includes('.ferry-'))).toEqual([]);
    } finally {
      spawnSync('umount', [disk]);
    }
  });
});

describe('progress events', () => {
  const s = servers()[0] as TestServer;

  it('come batched and throttled: about ten a second, however many items finish', { timeout: 60_000 }, async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'ferry-many-'));
    await mkdir(path.join(dir, 'many'));
    for (let i = 0; i < 300; i++) await writeFile(path.join(dir, 'many', `f${i}.txt`), `file ${i}\n`);
    const bucket = uniqueBucket('many');
    await createBucket(s, bucket);
    const id = await t.connect(s);
    const events: number[] = [];
    const off = t.core.events.subscribe((name, payload) => {
      if (name === 'transfer.progress') {
        expect(Array.isArray(payload)).toBe(true);
        events.push(Date.now());
      }
    });
    try {
      const started = Date.now();
      const job = await runJob(t, {
        sources: [{ kind: 'local', path: path.join(dir, 'many') }],
        destination: { kind: 's3', connectionId: id, bucket, prefix: '' },
        conflict: 'overwrite',
      });
      const seconds = (Date.now() - started) / 1000;
      expect(job).toMatchObject({ state: 'done', itemsDone: 300 });
      // 300 items finished, yet the window heard ten ticks a second plus the few changes of state.
      expect(events.length).toBeLessThanOrEqual(Math.ceil(seconds * 10) + 6);
    } finally {
      off();
    }
  });
});
