// A ranged download killed half-way resumes from the ranges it finished:
// `ferry cp` downloads through a counting proxy, is SIGKILLed once a few
// ranges have landed, and `ferry resume` must ask only for the ranges the
// journal does not vouch for, ending byte-identical with no temp file left.
// Both kinds of source: a plain ETag (checked by one MD5 over the file) and a
// multipart one (rebuilt from the ranges' MD5s, the kept ones from the journal),
// and one that keeps a full-object CRC32 (the resumed file read back once for it).
// A pause inside a running app keeps the same ranges: resuming asks only for
// the rest.
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { randomBytes } from 'node:crypto';
import { request as httpRequest, createServer, type Server } from 'node:http';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../../e2e/servers/harness';
import { crc32, crc32Base64 } from '../../app/transfer/hash/crc32';
import { createBucket, sdkClient, server, sha256, uniqueBucket } from './support';
import { buildCli, cliEnv, runCli, spawnCli, TransferTestCore, waitForJob } from './transfer-support';
import type { JobSnapshot } from '../../app/api/types';
import { transferJournalDir } from '../../app/core/handlers/transfer-handlers';

const MiB = 1024 * 1024;
const SIZE = 40 * MiB + 123;
const minio = server('minio');
let cli = '';
const proxies: Server[] = [];

beforeAll(async () => {
  cli = await buildCli();
}, 60_000);
afterAll(() => Promise.all(proxies.map((p) => new Promise<void>((r) => (p.closeAllConnections(), p.close(() => r()))))));

/** Passes everything to the server; records the Range of every GET whose answer was sent whole. */
async function rangeCounter(to: TestServer): Promise<{ endpoint: string; ranges: string[] }> {
  const target = new URL(to.endpoint);
  const ranges: string[] = [];
  const proxy = createServer((req, res) => {
    const out = httpRequest(
      { host: target.hostname, port: Number(target.port), method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
        answer.on('end', () => {
          if (req.method === 'GET' && typeof req.headers.range === 'string' && answer.statusCode === 206) ranges.push(req.headers.range);
        });
      },
    );
    out.on('error', () => res.destroy());
    res.on('close', () => out.destroy());
    req.pipe(out);
  });
  proxies.push(proxy);
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', () => r()));
  return { endpoint: `http://127.0.0.1:${(proxy.address() as { port: number }).port}`, ranges };
}

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 1200 && !check(); i++) await new Promise((r) => setTimeout(r, 50));
  if (!check()) throw new Error(`timed out waiting for ${what}`);
}

describe.runIf(minio).each([['a plain ETag'], ['a multipart ETag'], ['a full-object CRC32']])(
  'a killed download of an object with %s',
  (kind) => {
    it('resumes asking only for the ranges it did not finish', { timeout: 120_000 }, async () => {
      const s = minio as TestServer;
      const bucket = uniqueBucket('dlresume');
      await createBucket(s, bucket);
      const bytes = randomBytes(SIZE);
      if (kind === 'a plain ETag') await sdkClient(s).send(new PutObjectCommand({ Bucket: bucket, Key: 'big.bin', Body: bytes }));
      else if (kind === 'a full-object CRC32') {
        const checksum = crc32Base64(crc32(bytes));
        await sdkClient(s).send(new PutObjectCommand({ Bucket: bucket, Key: 'big.bin', Body: bytes, ChecksumCRC32: checksum }));
      } else await new Upload({ client: sdkClient(s), params: { Bucket: bucket, Key: 'big.bin', Body: bytes }, partSize: 5 * MiB }).done();

      const counter = await rangeCounter(s);
      const dir = await mkdtemp(path.join(tmpdir(), 'ferry-dlresume-'));
      const into = path.join(dir, 'out');
      const env = { FERRY_DATA_DIR: path.join(dir, 'data'), ...cliEnv('src', s, counter.endpoint) };
      const args = ['--part-size', '4MiB', '--parts', '2', '--multipart-threshold', '8MiB'];
      const first = spawnCli(cli, ['cp', ...args, '--bwlimit', '8MiB', `src:${bucket}/big.bin`, into], env);
      await until(() => counter.ranges.length >= 5, 'five ranges through the proxy');
      // Past the journal's flush interval, so the finished ranges are on disk when the kill comes.
      await new Promise((r) => setTimeout(r, 600));
      first.child.kill('SIGKILL');
      expect((await first.done).signal).toBe('SIGKILL');

      const journalDir = path.join(dir, 'data', 'cli-transfers');
      const [journal] = (await readdir(journalDir)).filter((n) => n.endsWith('.jsonl'));
      const records = (await readFile(path.join(journalDir, journal ?? ''), 'utf8'))
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as { t: string; partSize?: number });
      const kept = records.filter((r) => r.t === 'range').length;
      const partSize = records.find((r) => r.t === 'dl')?.partSize ?? 0;
      const total = Math.ceil(SIZE / partSize);
      expect(kept).toBeGreaterThanOrEqual(2);
      expect(kept).toBeLessThan(total);

      const before = counter.ranges.length;
      const resumed = await runCli(cli, ['resume', '--all', '--json', ...args], env);
      expect(resumed.stderr).not.toContain('failed');
      expect(resumed.code).toBe(0);
      const checks = (JSON.parse(resumed.stdout.trim().split('\n').pop() ?? '{}') as { checks?: Record<string, number> }).checks;
      expect(checks).toEqual(
        kind === 'a full-object CRC32' ? { crc32: 1 } : kind === 'a plain ETag' ? { md5: 1 } : { 'multipart-etag': 1 },
      );
      expect(counter.ranges.length - before).toBe(total - kept);
      expect(sha256(await readFile(path.join(into, 'big.bin')))).toBe(sha256(bytes));
      expect(await readdir(into)).toEqual(['big.bin']);
    });
  },
);

describe.runIf(minio)('a paused download in a running app', () => {
  it('resumes from the ranges it finished, not from zero', { timeout: 120_000 }, async () => {
    const s = minio as TestServer;
    const bucket = uniqueBucket('dlpause');
    await createBucket(s, bucket);
    const bytes = randomBytes(SIZE);
    await new Upload({ client: sdkClient(s), params: { Bucket: bucket, Key: 'big.bin', Body: bytes }, partSize: 5 * MiB }).done();
    const counter = await rangeCounter(s);
    const into = await mkdtemp(path.join(tmpdir(), 'ferry-dlpause-'));
    const core = new TransferTestCore({
      partSize: 4 * MiB,
      partsInFlight: 2,
      multipartThreshold: 8 * MiB,
      bandwidthBytesPerSecond: 8 * MiB,
    });
    try {
      const conn = await core.connect(s, counter.endpoint);
      const job = await core.call<JobSnapshot>('transfer.start', {
        sources: [{ kind: 's3', connectionId: conn, bucket, key: 'big.bin' }],
        destination: { kind: 'local', path: into },
        conflict: 'overwrite',
      });
      await until(() => counter.ranges.length >= 4, 'four ranges through the proxy');
      const journal = path.join(transferJournalDir(core.userDataDir), `${job.id}.jsonl`);
      for (let i = 0; i < 400 && !(await readFile(journal, 'utf8').catch(() => '')).includes('"t":"range"'); i++)
        await new Promise((r) => setTimeout(r, 50));
      await core.call('transfer.pause', { jobId: job.id });
      const beforeResume = counter.ranges.length;
      const total = Math.ceil(SIZE / (4 * MiB));
      expect(beforeResume).toBeLessThan(total);
      // While paused, the temp file stays beside the target (and no file under the final name).
      const held = await readdir(into);
      expect(held).toHaveLength(1);
      expect(held[0]).not.toBe('big.bin');

      await core.call('transfer.resume', { jobId: job.id });
      const done = await waitForJob(core, job.id, (j) => j.state === 'done' || j.state === 'failed', 90_000);
      expect(done).toMatchObject({ state: 'done', itemsDone: 1 });
      // Ranges whose answers were whole before the pause are not asked for again (at most the two cut mid-write are).
      const after = counter.ranges.length - beforeResume;
      expect(after).toBeLessThanOrEqual(total - beforeResume + 2);
      expect(after).toBeLessThan(total);
      expect(sha256(await readFile(path.join(into, 'big.bin')))).toBe(sha256(bytes));
      expect(await readdir(into)).toEqual(['big.bin']);
    } finally {
      core.dispose();
    }
  });

  it('removes the kept temp file when the paused job is cancelled', { timeout: 120_000 }, async () => {
    const s = minio as TestServer;
    const bucket = uniqueBucket('dlpausecancel');
    await createBucket(s, bucket);
    await sdkClient(s).send(new PutObjectCommand({ Bucket: bucket, Key: 'big.bin', Body: randomBytes(24 * MiB) }));
    const counter = await rangeCounter(s);
    const into = await mkdtemp(path.join(tmpdir(), 'ferry-dlpausecancel-'));
    const core = new TransferTestCore({
      partSize: 4 * MiB,
      partsInFlight: 2,
      multipartThreshold: 8 * MiB,
      bandwidthBytesPerSecond: 8 * MiB,
    });
    try {
      const conn = await core.connect(s, counter.endpoint);
      const job = await core.call<JobSnapshot>('transfer.start', {
        sources: [{ kind: 's3', connectionId: conn, bucket, key: 'big.bin' }],
        destination: { kind: 'local', path: into },
        conflict: 'overwrite',
      });
      // Ferry journals a range once its bytes are in the file: pause after the first one.
      const journal = path.join(transferJournalDir(core.userDataDir), `${job.id}.jsonl`);
      for (let i = 0; i < 400 && !(await readFile(journal, 'utf8').catch(() => '')).includes('"t":"range"'); i++)
        await new Promise((r) => setTimeout(r, 50));
      await core.call('transfer.pause', { jobId: job.id });
      expect(await readdir(into)).toHaveLength(1);
      await core.call('transfer.cancel', { jobId: job.id });
      expect(await readdir(into)).toEqual([]);
    } finally {
      core.dispose();
    }
  });
});

// A kill can come before the first range, within the journal's batching interval: the temp file must already be on
// record, or the resume would start a new one and leave the first behind as a hidden file no run ever removes.
describe.runIf(minio)('a download killed the moment its temp file exists', () => {
  it('leaves only the finished file after the resume', { timeout: 120_000 }, async () => {
    const s = minio as TestServer;
    const bucket = uniqueBucket('dlkillearly');
    await createBucket(s, bucket);
    const bytes = randomBytes(12 * MiB);
    await sdkClient(s).send(new PutObjectCommand({ Bucket: bucket, Key: 'big.bin', Body: bytes }));
    const dir = await mkdtemp(path.join(tmpdir(), 'ferry-dlkillearly-'));
    const into = path.join(dir, 'out');
    const env = { FERRY_DATA_DIR: path.join(dir, 'data'), ...cliEnv('src', s) };
    const args = ['--part-size', '4MiB', '--parts', '2', '--multipart-threshold', '8MiB', '--bwlimit', '1MiB'];
    const first = spawnCli(cli, ['cp', ...args, `src:${bucket}/big.bin`, into], env);
    const temps = async () => (await readdir(into).catch(() => [] as string[])).filter((n) => n.endsWith('.part'));
    for (let i = 0; i < 6000 && (await temps()).length === 0; i++) await new Promise((r) => setTimeout(r, 2));
    expect(await temps()).toHaveLength(1);
    first.child.kill('SIGKILL');
    expect((await first.done).signal).toBe('SIGKILL');

    const resumed = await runCli(cli, ['resume', '--all', ...args.slice(0, -2)], env);
    expect(resumed.code).toBe(0);
    expect(sha256(await readFile(path.join(into, 'big.bin')))).toBe(sha256(bytes));
    expect(await readdir(into)).toEqual(['big.bin']);
    await rm(dir, { recursive: true, force: true });
  });
});
