// Network faults, injected for real by Toxiproxy between `ferry cp` and the
// servers: connections reset mid-transfer (reads and uploads), and a body
// that stops arriving mid-part. The job must complete with identical content;
// the stall must be cut by Ferry's idle timeout (reported as a stall) rather
// than waited out.
import { ListMultipartUploadsCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TestServer } from '../../e2e/servers/harness';
import { createBucket, objectBytes, sdkClient, server, sha256, uniqueBucket } from './support';
import { faultRig, cliEnv, spawnCli } from './transfer-support';
import { bytesLost, openUploadCount, recordCell } from './fault-matrix';

const MiB = 1024 * 1024;
const from = server('minio');
const to = server('versitygw');
const rig = faultRig();

interface Summary {
  state: string;
  objects: number;
  bytes: number;
  retries: number;
  stalls: number;
}

async function until(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** True once the destination holds a multipart upload in progress: the copy is mid-object. */
async function uploading(s: TestServer, bucket: string): Promise<boolean> {
  const out = await sdkClient(s).send(new ListMultipartUploadsCommand({ Bucket: bucket }));
  return (out.Uploads?.length ?? 0) > 0;
}

async function setup(tag: string) {
  if (!rig.toxiproxy || !from || !to) throw new Error('unreachable');
  const srcBucket = uniqueBucket(`${tag}src`);
  const dstBucket = uniqueBucket(`${tag}dst`);
  await createBucket(from, srcBucket);
  await createBucket(to, dstBucket);
  const bytes = randomBytes(30 * MiB + 5);
  await sdkClient(from).send(new PutObjectCommand({ Bucket: srcBucket, Key: 'faulty/big.bin', Body: bytes }));
  const small = randomBytes(300 * 1024);
  await sdkClient(from).send(new PutObjectCommand({ Bucket: srcBucket, Key: 'faulty/small.bin', Body: small }));
  const srcProxy = await rig.toxiproxy.proxy(`${tag}-src-${srcBucket}`, from.endpoint);
  const dstProxy = await rig.toxiproxy.proxy(`${tag}-dst-${dstBucket}`, to.endpoint);
  const dir = await mkdtemp(path.join(tmpdir(), 'ferry-faults-'));
  const env = { FERRY_DATA_DIR: dir, ...cliEnv('src', from, srcProxy.endpoint), ...cliEnv('dst', to, dstProxy.endpoint) };
  return { srcBucket, dstBucket, bytes, small, srcProxy, dstProxy, env };
}

const flags = ['--json', '--part-size', '5MiB', '--parts', '3', '--bwlimit', '12MiB', '--idle-timeout', '1', '--retries', '10'];

describe.runIf(from && to)('faults between Ferry and the servers (Toxiproxy)', () => {
  it('connection resets on reads and on uploads: retried, content identical', { timeout: 90_000 }, async (ctx) => {
    if (!rig.toxiproxy) return ctx.skip(rig.skipReason);
    const s = await setup('reset');
    const run = spawnCli(rig.cli, ['cp', '-r', ...flags, `src:${s.srcBucket}/faulty/`, `dst:${s.dstBucket}/`], s.env);
    await until(() => uploading(to as TestServer, s.dstBucket), 30_000, 'the multipart upload to start');
    // Reset every connection to the source for a moment, then every connection to the destination.
    await s.srcProxy.addToxic({ name: 'reset', type: 'reset_peer', stream: 'downstream', attributes: { timeout: 0 } });
    await new Promise((r) => setTimeout(r, 400));
    await s.srcProxy.removeToxic('reset');
    await new Promise((r) => setTimeout(r, 300));
    await s.dstProxy.addToxic({ name: 'reset', type: 'reset_peer', stream: 'upstream', attributes: { timeout: 0 } });
    await new Promise((r) => setTimeout(r, 400));
    await s.dstProxy.removeToxic('reset');

    const result = await run.done;
    expect(result.stderr).not.toContain('failed:');
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout.trim()) as Summary;
    expect(summary).toMatchObject({ state: 'done', objects: 2, bytes: s.bytes.length + s.small.length });
    expect(summary.retries).toBeGreaterThanOrEqual(1);
    const [big, small] = [
      await objectBytes(to as TestServer, s.dstBucket, 'faulty/big.bin'),
      await objectBytes(to as TestServer, s.dstBucket, 'faulty/small.bin'),
    ];
    expect(sha256(big)).toBe(sha256(s.bytes));
    expect(sha256(small)).toBe(sha256(s.small));
    const lost = bytesLost(s.bytes, big) + bytesLost(s.small, small);
    recordCell({
      operation: 'cross-cloud copy',
      fault: 'reset mid-way',
      server: `${from?.label} → ${to?.label}`,
      outcome: summary.state === 'done' ? 'completed' : 'resumable',
      bytesLost: lost,
      orphanedUploads: await openUploadCount(to as TestServer, s.dstBucket),
      partialFiles: lost > 0 ? 1 : 0,
      test: 'transfer-faults.test.ts',
    });
  });

  it('a body that stalls mid-part is cut by the idle timeout and read again', { timeout: 90_000 }, async (ctx) => {
    if (!rig.toxiproxy) return ctx.skip(rig.skipReason);
    const s = await setup('stall');
    const run = spawnCli(rig.cli, ['cp', ...flags, `src:${s.srcBucket}/faulty/big.bin`, `dst:${s.dstBucket}/`], s.env);
    await until(() => uploading(to as TestServer, s.dstBucket), 30_000, 'the multipart upload to start');
    // From now on nothing comes back from the source: bodies in flight stop mid-way, and so do new answers.
    await s.srcProxy.addToxic({ name: 'stall', type: 'timeout', stream: 'downstream', attributes: { timeout: 0 } });
    await new Promise((r) => setTimeout(r, 2_500));
    await s.srcProxy.removeToxic('stall');

    const result = await run.done;
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout.trim()) as Summary;
    expect(summary).toMatchObject({ state: 'done', objects: 1, bytes: s.bytes.length });
    // Cut by the 1 s idle timeout (the client's own socket timeout is a minute), then retried.
    expect(summary.stalls).toBeGreaterThanOrEqual(1);
    expect(summary.retries).toBeGreaterThanOrEqual(summary.stalls);
    const big = await objectBytes(to as TestServer, s.dstBucket, 'big.bin');
    expect(sha256(big)).toBe(sha256(s.bytes));
    recordCell({
      operation: 'cross-cloud copy',
      fault: 'stalled body',
      server: `${from?.label} → ${to?.label}`,
      outcome: summary.state === 'done' ? 'completed' : 'resumable',
      bytesLost: bytesLost(s.bytes, big),
      orphanedUploads: await openUploadCount(to as TestServer, s.dstBucket),
      partialFiles: bytesLost(s.bytes, big) > 0 ? 1 : 0,
      test: 'transfer-faults.test.ts',
    });
  });
});
