// Large downloads to local disk under real network faults (Toxiproxy between
// `ferry cp` and MinIO). Parallel ranges are written through the block
// writer and hashed by the hash workers; a range cut mid-way (reset or
// stall) must leave no stale write behind its retry, the file must come out
// identical, and the check must be the strongest the ETag allows: the
// composite of part MD5s for a multipart object, the whole MD5 otherwise.
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TestServer } from '../../e2e/servers/harness';
import { headObject } from '../../e2e/servers/s3-direct';
import { createBucket, sdkClient, server, sha256, uniqueBucket } from './support';
import { faultRig, cliEnv, spawnCli } from './transfer-support';
import { bytesLost, recordCell, strayFiles } from './fault-matrix';

const MiB = 1024 * 1024;
const minio = server('minio');
const rig = faultRig();

interface Summary {
  state: string;
  objects: number;
  bytes: number;
  retries: number;
  stalls: number;
  checks: Record<string, number>;
}

const flags = ['--json', '--part-size', '16MiB', '--parts', '3', '--bwlimit', '16MiB', '--idle-timeout', '1', '--retries', '10'];

async function setup(tag: string, multipart: boolean) {
  if (!rig.toxiproxy || !minio) throw new Error('unreachable');
  const bucket = uniqueBucket(tag);
  await createBucket(minio, bucket);
  // Ranges of 16 MiB: longer than the socket buffers on loopback (a few MiB), so a fault injected
  // mid-range meets bytes still in flight through the proxy rather than a range already buffered.
  const bytes = randomBytes(48 * MiB + 5);
  const client = sdkClient(minio);
  if (multipart) {
    await new Upload({ client, params: { Bucket: bucket, Key: 'big.bin', Body: bytes }, partSize: 16 * MiB, queueSize: 2 }).done();
  } else {
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: 'big.bin', Body: bytes }));
  }
  const etag = (await headObject(minio, bucket, 'big.bin')).ETag ?? '';
  expect(etag.includes('-')).toBe(multipart);
  const proxy = await rig.toxiproxy.proxy(`${tag}-${bucket}`, minio.endpoint);
  const data = await mkdtemp(path.join(tmpdir(), 'ferry-dlfaults-'));
  const dest = await mkdtemp(path.join(tmpdir(), 'ferry-dlfaults-out-'));
  const env = { FERRY_DATA_DIR: data, ...cliEnv('src', minio, proxy.endpoint) };
  return { bucket, bytes, proxy, dest, env };
}

/** Resolves once the download's temp file holds some bytes: ranges are mid-way. */
async function downloading(dest: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const names = await readdir(dest);
    if (names.some((n) => n.endsWith('.part'))) return;
    if (Date.now() > deadline) throw new Error('the download did not start');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.runIf(minio)('large downloads under faults (Toxiproxy)', () => {
  it(
    'connections reset mid-range: ranges retried, file identical, checked against the multipart ETag',
    { timeout: 90_000 },
    async (ctx) => {
      if (!rig.toxiproxy) return ctx.skip(rig.skipReason);
      const s = await setup('dlreset', true);
      const run = spawnCli(rig.cli, ['cp', ...flags, `src:${s.bucket}/big.bin`, `${s.dest}/`], s.env);
      await downloading(s.dest, 30_000);
      await new Promise((r) => setTimeout(r, 300));
      // Both ways: a range already sitting in the socket's buffers would not see a reset of the answers alone.
      await s.proxy.addToxic({ name: 'reset-down', type: 'reset_peer', stream: 'downstream', attributes: { timeout: 0 } });
      await s.proxy.addToxic({ name: 'reset-up', type: 'reset_peer', stream: 'upstream', attributes: { timeout: 0 } });
      await new Promise((r) => setTimeout(r, 600));
      await s.proxy.removeToxic('reset-down');
      await s.proxy.removeToxic('reset-up');

      const result = await run.done;
      expect(result.stderr).not.toContain('failed:');
      expect(result.code).toBe(0);
      const summary = JSON.parse(result.stdout.trim()) as Summary;
      expect(summary).toMatchObject({ state: 'done', objects: 1, bytes: s.bytes.length, checks: { 'multipart-etag': 1 } });
      expect(summary.retries).toBeGreaterThanOrEqual(1);
      const got = await readFile(path.join(s.dest, 'big.bin'));
      expect(sha256(got)).toBe(sha256(s.bytes));
      expect(await readdir(s.dest)).toEqual(['big.bin']);
      recordCell({
        operation: 'download',
        fault: 'reset mid-way',
        server: (minio as TestServer).label,
        outcome: summary.state === 'done' ? 'completed' : 'resumable',
        bytesLost: bytesLost(s.bytes, got),
        orphanedUploads: 0,
        partialFiles: (await strayFiles(s.dest, ['big.bin'])) + (bytesLost(s.bytes, got) > 0 ? 1 : 0),
        test: 'transfer-download-faults.test.ts',
      });
    },
  );

  it(
    'a range that stalls is cut by the idle timeout and read again; a plain ETag is checked as the whole MD5',
    { timeout: 90_000 },
    async (ctx) => {
      if (!rig.toxiproxy) return ctx.skip(rig.skipReason);
      const s = await setup('dlstall', false);
      const run = spawnCli(rig.cli, ['cp', ...flags, `src:${s.bucket}/big.bin`, `${s.dest}/`], s.env);
      await downloading(s.dest, 30_000);
      await new Promise((r) => setTimeout(r, 300));
      await s.proxy.addToxic({ name: 'stall', type: 'timeout', stream: 'downstream', attributes: { timeout: 0 } });
      await new Promise((r) => setTimeout(r, 2_500));
      await s.proxy.removeToxic('stall');

      const result = await run.done;
      expect(result.code).toBe(0);
      const summary = JSON.parse(result.stdout.trim()) as Summary;
      expect(summary).toMatchObject({ state: 'done', objects: 1, bytes: s.bytes.length, checks: { md5: 1 } });
      expect(summary.stalls).toBeGreaterThanOrEqual(1);
      expect(summary.retries).toBeGreaterThanOrEqual(summary.stalls);
      const got = await readFile(path.join(s.dest, 'big.bin'));
      expect(sha256(got)).toBe(sha256(s.bytes));
      expect(await readdir(s.dest)).toEqual(['big.bin']);
      recordCell({
        operation: 'download',
        fault: 'stalled body',
        server: (minio as TestServer).label,
        outcome: summary.state === 'done' ? 'completed' : 'resumable',
        bytesLost: bytesLost(s.bytes, got),
        orphanedUploads: 0,
        partialFiles: (await strayFiles(s.dest, ['big.bin'])) + (bytesLost(s.bytes, got) > 0 ? 1 : 0),
        test: 'transfer-download-faults.test.ts',
      });
    },
  );
});

// The same object type without faults, on every server: the check must not depend on the path taken.
describe.each(['minio', 'versitygw'].map((k) => [k, server(k as 'minio' | 'versitygw')] as const))('large download from %s', (_k, s) => {
  it.runIf(s)('checks a multipart object against its composite ETag', { timeout: 60_000 }, async () => {
    const srv = s as TestServer;
    const bucket = uniqueBucket('dlcheck');
    await createBucket(srv, bucket);
    const bytes = randomBytes(17 * MiB + 3);
    await new Upload({ client: sdkClient(srv), params: { Bucket: bucket, Key: 'm.bin', Body: bytes }, partSize: 5 * MiB }).done();
    const dest = await mkdtemp(path.join(tmpdir(), 'ferry-dlcheck-'));
    const env = { FERRY_DATA_DIR: await mkdtemp(path.join(tmpdir(), 'ferry-dlcheck-data-')), ...cliEnv('src', srv) };
    const result = await spawnCli(rig.cli, ['cp', '--json', '--part-size', '5MiB', `src:${bucket}/m.bin`, `${dest}/`], env).done;
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout.trim()) as Summary;
    expect(summary.checks).toEqual({ 'multipart-etag': 1 });
    expect(sha256(await readFile(path.join(dest, 'm.bin')))).toBe(sha256(bytes));
  });
});
