// `ferry rm` and the delete engine against the real servers: a prefix of a
// few hundred keys goes in DeleteObjects batches (several in flight, while
// the listing pages on), one key goes alone, a prefix without -r is refused
// before anything is deleted, a key the server refuses is reported key by key
// with a non-zero exit, and a server without DeleteObjects gets one
// DeleteObject per key.
import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteObjects, type DeleteEnv } from '../../app/delete/delete-objects';
import { buildS3Client } from '../../app/s3/client-factory';
import type { Conn } from '../../app/s3/requests/request';
import { Scheduler } from '../../app/transfer/scheduler';
import { resolveTuning } from '../../app/transfer/tuning';
import { createRestrictedMinioUser, type TestServer } from '../../e2e/servers/harness';
import { createBucket, putObject, sdkClient, server, servers, uniqueBucket } from './support';
import { buildCli, cliEnv, listKeys, runCli } from './transfer-support';

let cli = '';
const proxies: Server[] = [];
beforeAll(async () => {
  cli = await buildCli();
}, 60_000);
afterAll(async () => {
  await Promise.all(proxies.map((p) => new Promise<void>((r) => p.close(() => r()))));
});

/** Keys worth deleting exactly: spaces, unicode, XML specials, a tab (which goes alone, outside the XML body). */
const ODD_KEYS = ['logs/a b.txt', 'logs/ünï cödé.txt', 'logs/plus+percent%25.txt', 'logs/amp&<lt>"q".txt', 'logs/tab\there.txt'];
const OUTSIDE = ['logs-old/a.txt', 'logsX.txt', 'other/b.txt', 'other/c.txt'];

async function seed(s: TestServer, bucket: string, keys: string[]): Promise<void> {
  const queue = [...keys];
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      // A folder marker holds no bytes (versitygw refuses any).
      for (let key = queue.shift(); key !== undefined; key = queue.shift()) {
        await putObject(s, bucket, key, key.endsWith('/') ? Buffer.alloc(0) : randomBytes(64));
      }
    }),
  );
}

function prefixKeys(n: number): string[] {
  return [...Array.from({ length: n }, (_, i) => `logs/${i % 7}/item-${String(i).padStart(4, '0')}.bin`), ...ODD_KEYS, 'logs/'];
}

interface RmSummary {
  state: string;
  objects: number;
  failed: number;
  requests: number;
  retries: number;
  errors: { bucket: string; key: string; code: string; message: string }[];
  error?: { code: string; message: string };
}

function conn(s: TestServer, endpoint = s.endpoint, deleteObjectsFeature = true): Conn {
  const summary = {
    id: `c-${s.kind}`,
    label: s.label,
    endpoint,
    region: s.region,
    pathStyle: true,
    accessKeyId: s.accessKeyId,
    features: {
      uploadPartCopy: true,
      tagging: true,
      acls: true,
      versioning: true,
      objectLock: true,
      ifNoneMatch: true,
      deleteObjects: deleteObjectsFeature,
    },
  };
  const client = buildS3Client(summary, { accessKeyId: s.accessKeyId, secretAccessKey: s.secretAccessKey });
  return { id: summary.id, summary, client };
}

function deleteEnv(): DeleteEnv {
  const tuning = resolveTuning({});
  return { scheduler: new Scheduler(tuning), tuning, stats: { requests: 0, retries: 0, stalls: 0 }, unsupported: new Set() };
}

describe.each(servers().map((s) => [s.label, s] as const))('ferry rm on %s', (_label, s) => {
  it('deletes a prefix of a few hundred keys in batches and nothing outside it', { timeout: 90_000 }, async () => {
    const bucket = uniqueBucket('rmprefix');
    await createBucket(s, bucket);
    const inside = prefixKeys(300);
    await seed(s, bucket, [...inside, ...OUTSIDE]);
    const env = { FERRY_DATA_DIR: await mkdtemp(path.join(tmpdir(), 'ferry-rm-')), ...cliEnv('store', s) };

    const run = await runCli(cli, ['rm', '-r', '--json', '--batch-size', '50', '--batches', '4', `store:${bucket}/logs/`], env);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout.trim()) as RmSummary;
    expect(summary).toMatchObject({ state: 'done', objects: inside.length, failed: 0, errors: [] });
    // One listing page, seven DeleteObjects of at most 50 keys, and the tab key alone.
    expect(summary.requests - summary.retries).toBe(1 + Math.ceil((inside.length - 1) / 50) + 1);
    expect(await listKeys(sdkClient(s), bucket, 'logs/')).toEqual([]);
    expect(await listKeys(sdkClient(s), bucket)).toEqual([...OUTSIDE].sort());
  });

  it(
    'the engine pages the listing while batches are in flight, and honours a provider without DeleteObjects',
    { timeout: 90_000 },
    async () => {
      const bucket = uniqueBucket('rmpages');
      await createBucket(s, bucket);
      const keys = prefixKeys(250);
      await seed(s, bucket, [...keys, ...OUTSIDE]);
      const env = deleteEnv();
      const progress: number[] = [];
      const paged = await deleteObjects(env, { conn: conn(s), bucket, key: 'logs/0/', prefix: true }, new AbortController().signal, {
        pageSize: 10,
        batchSize: 4,
        batchesInFlight: 3,
        onProgress: (p) => progress.push(p.deleted),
      });
      const inZero = keys.filter((k) => k.startsWith('logs/0/'));
      expect(paged).toEqual({ deleted: inZero.length, failed: 0, failures: [] });
      expect(progress.at(-1)).toBe(inZero.length);
      // Pages of ten keys, each split into batches of four (a batch never spans two pages).
      let expected = 0;
      for (let left = inZero.length; left > 0; left -= 10) expected += 1 + Math.ceil(Math.min(10, left) / 4);
      expect(env.stats.requests - env.stats.retries).toBe(expected);
      expect(await listKeys(sdkClient(s), bucket, 'logs/0/')).toEqual([]);

      // A provider that lacks DeleteObjects: one DeleteObject per key, none batched.
      const single = deleteEnv();
      const each = await deleteObjects(
        single,
        { conn: conn(s, s.endpoint, false), bucket, key: 'logs/1/', prefix: true },
        new AbortController().signal,
      );
      const inOne = keys.filter((k) => k.startsWith('logs/1/'));
      expect(each).toEqual({ deleted: inOne.length, failed: 0, failures: [] });
      expect(single.stats.requests - single.stats.retries).toBe(1 + inOne.length);
      expect(await listKeys(sdkClient(s), bucket, 'logs/1/')).toEqual([]);
      expect(await listKeys(sdkClient(s), bucket, 'other/')).toEqual(['other/b.txt', 'other/c.txt']);
    },
  );

  it('deletes one key; refuses a prefix or folder without -r; reports a missing key', { timeout: 60_000 }, async () => {
    const bucket = uniqueBucket('rmone');
    await createBucket(s, bucket);
    await seed(s, bucket, ['docs/a.txt', 'docs/b.txt', 'docs/deep/c.txt', 'top.txt']);
    const env = { FERRY_DATA_DIR: await mkdtemp(path.join(tmpdir(), 'ferry-rm-')), ...cliEnv('store', s) };

    const one = await runCli(cli, ['rm', `store:${bucket}/docs/a.txt`], env);
    expect(one.code).toBe(0);
    expect(one.stdout).toMatch(/^deleted 1 objects in \d+\.\d\d s\n$/);
    expect(await listKeys(sdkClient(s), bucket)).toEqual(['docs/b.txt', 'docs/deep/c.txt', 'top.txt']);

    for (const [operand, message] of [
      [`store:${bucket}/docs/`, 'is a prefix (a folder): add -r'],
      [`store:${bucket}/docs`, 'is a folder: add -r'],
      [`store:${bucket}/`, 'is the whole bucket: add -r'],
    ] as const) {
      // The refusal comes before anything is deleted, even for operands listed ahead of it.
      const refused = await runCli(cli, ['rm', `store:${bucket}/top.txt`, operand], env);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain(message);
      expect(refused.stdout).toBe('');
    }
    expect(await listKeys(sdkClient(s), bucket)).toEqual(['docs/b.txt', 'docs/deep/c.txt', 'top.txt']);

    const missing = await runCli(cli, ['rm', `store:${bucket}/docs/nope.txt`], env);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toMatch(/^deleted 0 objects in /);
    expect(missing.stderr).toContain(`ferry: failed: ${bucket}/docs/nope.txt: NoSuchKey: No such object.`);

    // With -r, a name that is not an object is the folder of that name.
    const folder = await runCli(cli, ['rm', '-r', `store:${bucket}/docs`], env);
    expect(folder.code).toBe(0);
    expect(folder.stdout).toMatch(/^deleted 2 objects in /);
    expect(await listKeys(sdkClient(s), bucket)).toEqual(['top.txt']);
  });
});

const minio = server('minio');

/** Answers DeleteObjects like a server that does not have it (501) and passes every other request through. */
async function withoutDeleteObjects(to: TestServer, seen: { batches: number; single: number }): Promise<string> {
  const target = new URL(to.endpoint);
  const proxy = createServer((req, res) => {
    if (req.method === 'DELETE') seen.single++;
    if (req.method === 'POST' && /[?&]delete(=|&|$)/.test(req.url ?? '')) {
      seen.batches++;
      req.resume();
      res.writeHead(501, { 'content-type': 'application/xml' });
      res.end('<?xml version="1.0"?><Error><Code>NotImplemented</Code><Message>POST ?delete is not implemented.</Message></Error>');
      return;
    }
    const upstream = httpRequest(
      { host: target.hostname, port: Number(target.port), method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  proxies.push(proxy);
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', () => r()));
  return `http://127.0.0.1:${(proxy.address() as { port: number }).port}`;
}

describe.runIf(minio)('ferry rm where the server says no (MinIO)', () => {
  it('a user without delete rights: every refused key is reported, nothing claimed, exit 1', { timeout: 90_000 }, async () => {
    const s = minio as TestServer;
    const bucket = uniqueBucket('rmdenied');
    await createBucket(s, bucket);
    const keys = Array.from({ length: 30 }, (_, i) => `keep/${String(i).padStart(2, '0')}.txt`);
    await seed(s, bucket, keys);
    const user = await createRestrictedMinioUser(s, bucket, ['s3:GetObject', 's3:PutObject', 's3:ListBucket']);
    const limited = { ...s, accessKeyId: user.accessKeyId, secretAccessKey: user.secretAccessKey };
    const env = { FERRY_DATA_DIR: await mkdtemp(path.join(tmpdir(), 'ferry-rm-')), ...cliEnv('limited', limited) };

    const run = await runCli(cli, ['rm', '-r', '--json', `limited:${bucket}/keep/`], env);
    expect(run.code).toBe(1);
    const summary = JSON.parse(run.stdout.trim()) as RmSummary;
    expect(summary).toMatchObject({ state: 'failed', objects: 0, failed: keys.length });
    expect(summary.errors.map((e) => e.key).sort()).toEqual(keys);
    for (const e of summary.errors) expect(e).toMatchObject({ bucket, code: 'AccessDenied' });

    const one = await runCli(cli, ['rm', `limited:${bucket}/keep/00.txt`], env);
    expect(one.code).toBe(1);
    expect(one.stdout).toMatch(/^deleted 0 objects in /);
    expect(one.stderr).toContain(`ferry: failed: ${bucket}/keep/00.txt: AccessDenied: `);
    expect(one.stderr).toContain('ferry: 1 objects could not be deleted.');
    expect(await listKeys(sdkClient(s), bucket)).toEqual(keys);
  });

  it('a server that answers DeleteObjects with NotImplemented gets one DeleteObject per key', { timeout: 60_000 }, async () => {
    const s = minio as TestServer;
    const bucket = uniqueBucket('rmnobatch');
    await createBucket(s, bucket);
    const keys = Array.from({ length: 40 }, (_, i) => `old/${String(i).padStart(2, '0')}.txt`);
    await seed(s, bucket, [...keys, 'new/x.txt']);
    const seen = { batches: 0, single: 0 };
    const endpoint = await withoutDeleteObjects(s, seen);
    const env = { FERRY_DATA_DIR: await mkdtemp(path.join(tmpdir(), 'ferry-rm-')), ...cliEnv('gcsish', s, endpoint) };

    const run = await runCli(cli, ['rm', '-r', '--json', '--batch-size', '10', `gcsish:${bucket}/old/`], env);
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout.trim()) as RmSummary;
    expect(summary).toMatchObject({ state: 'done', objects: keys.length, failed: 0 });
    // Once refused, DeleteObjects is not asked again in this run: only the batches already in flight
    // (four of ten keys, at most eight at once) heard the answer; then one DeleteObject per key.
    expect(seen.batches).toBeGreaterThanOrEqual(1);
    expect(seen.batches).toBeLessThanOrEqual(keys.length / 10);
    expect(seen.single).toBe(keys.length);
    expect(summary.requests - summary.retries).toBe(1 + seen.batches + keys.length);
    expect(await listKeys(sdkClient(s), bucket)).toEqual(['new/x.txt']);
  });
});
