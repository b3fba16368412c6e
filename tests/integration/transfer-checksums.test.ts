// Full-object CRC32 end to end, with the real `ferry` command line: uploads
// by Ferry leave a FULL_OBJECT CRC32 on MinIO and versitygw (single PUTs and
// multipart, read back with HEAD in checksum mode through the SDK), a
// multipart upload's parts go there with their CRC32 alone (the servers check
// it: a byte changed on the way in is refused and no object is made); their
// downloads are checked by that CRC instead of MD5; a byte flipped on the way
// (a proxy between Ferry and the server) refuses the download and leaves
// nothing under its name, on the small, the direct-socket and the ranged
// path; an object that keeps only an MD5 ETag still gets the MD5 check; and
// s3rver, which keeps no checksums, goes on as before.
import { HeadObjectCommand, ListMultipartUploadsCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { crc32, crc32Base64 } from '../../app/transfer/hash/crc32';
import type { TestServer } from '../../e2e/servers/harness';
import { startFlipProxy } from './flip-proxy';
import { createBucket, sdkClient, servers, sha256, uniqueBucket } from './support';
import { buildCli, cliEnv, runCli } from './transfer-support';

const KiB = 1024;
const MiB = 1024 * KiB;
/** One of each download path: the small-file GET, one direct-socket GET, parallel ranges (5 MiB parts). */
const BODIES: Record<string, Buffer> = {
  'small.bin': randomBytes(100 * KiB + 3),
  'mid.bin': randomBytes(3 * MiB + 11),
  'big.bin': randomBytes(13 * MiB + 7),
};
const PART = ['--part-size', '5MiB'];

interface Summary {
  state: string;
  objects: number;
  failed: number;
  checks: Record<string, number>;
}

/** Every file under `dir` (temp files included), as relative paths. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
}

async function cli(args: string[], env: Record<string, string>) {
  const data = await mkdtemp(path.join(tmpdir(), 'ferry-crc-data-'));
  const result = await runCli(await buildCli(), [...args], { FERRY_DATA_DIR: data, ...env });
  const line = result.stdout.trim().split('\n').pop() ?? '';
  return { ...result, summary: (line.startsWith('{') ? JSON.parse(line) : undefined) as Summary | undefined };
}

/** Uploads BODIES with ferry into a new bucket; returns the bucket and how each upload was checked. */
async function uploadWithFerry(s: TestServer, tag: string): Promise<{ bucket: string; checks: Record<string, number> | undefined }> {
  const root = await mkdtemp(path.join(tmpdir(), 'ferry-crc-src-'));
  await mkdir(path.join(root, 'up'));
  for (const [name, body] of Object.entries(BODIES)) await writeFile(path.join(root, 'up', name), body);
  const bucket = uniqueBucket(tag);
  await createBucket(s, bucket);
  const up = await cli(['cp', '-r', '--json', ...PART, `${path.join(root, 'up')}/`, `dst:${bucket}/`], cliEnv('dst', s));
  expect(up.code, up.stderr).toBe(0);
  expect(up.summary).toMatchObject({ state: 'done', objects: 3 });
  return { bucket, checks: up.summary?.checks };
}

const checksumServers = servers().filter((s) => s.kind === 'minio' || s.kind === 'versitygw');
const s3rver = servers().find((s) => s.kind === 's3rver');

describe.each(checksumServers.map((s) => [s.label, s] as const))('full-object CRC32 on %s', (_label, s) => {
  it('uploads by ferry keep a FULL_OBJECT CRC32, and downloads are checked by it', { timeout: 120_000 }, async () => {
    const { bucket, checks } = await uploadWithFerry(s, 'crcup');
    // big.bin's parts and mid.bin's PUT by their CRC32 alone, which the server checked; small.bin (under 512 KiB)
    // asks nothing itself and goes by CRC32 too only if the answer came before it was sent, else by its MD5 ETag.
    expect(checks?.crc32, JSON.stringify(checks)).toBeGreaterThanOrEqual(2);
    expect((checks?.crc32 ?? 0) + (checks?.md5 ?? 0), JSON.stringify(checks)).toBe(3);
    const client = sdkClient(s);
    for (const [key, body] of Object.entries(BODIES)) {
      const head = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: `up/${key}`, ChecksumMode: 'ENABLED' }));
      expect({ key, crc: head.ChecksumCRC32, type: head.ChecksumType }).toEqual({
        key,
        crc: crc32Base64(crc32(body)),
        type: 'FULL_OBJECT',
      });
    }
    const dest = await mkdtemp(path.join(tmpdir(), 'ferry-crc-out-'));
    const down = await cli(['cp', '-r', '--json', ...PART, `src:${bucket}/`, `${dest}/`], cliEnv('src', s));
    expect(down.code, down.stderr).toBe(0);
    expect(down.summary?.checks).toEqual({ crc32: 3 });
    for (const [key, body] of Object.entries(BODIES)) expect(sha256(await readFile(path.join(dest, 'up', key))), key).toBe(sha256(body));
  });

  it('refuses a download whose bytes do not match its CRC32 and leaves nothing under its name', { timeout: 120_000 }, async () => {
    const { bucket } = await uploadWithFerry(s, 'crcflip');
    const proxy = await startFlipProxy(s.endpoint, () => true);
    try {
      const dest = await mkdtemp(path.join(tmpdir(), 'ferry-crc-flip-'));
      const down = await cli(['cp', '-r', '--json', ...PART, `src:${bucket}/`, `${dest}/`], cliEnv('src', s, proxy.endpoint));
      expect(down.code).not.toBe(0);
      expect(down.summary).toMatchObject({ failed: 3 });
      expect(proxy.flipped).toBeGreaterThanOrEqual(3);
      // Each item names the CRC check that caught it.
      expect(down.stderr.match(/CRC32 is [0-9a-f]{8}, the bytes received hash to/g)?.length, down.stderr).toBe(3);
      // No file, and no temp file, anywhere under the target.
      expect(await filesUnder(dest)).toEqual([]);
    } finally {
      await proxy.close();
    }
  });

  it('refuses an upload whose bytes arrive with one changed, and makes no object', { timeout: 120_000 }, async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'ferry-crc-upflip-'));
    for (const name of ['big.bin', 'mid.bin']) await writeFile(path.join(root, name), BODIES[name] as Buffer);
    const bucket = uniqueBucket('crcupflip');
    await createBucket(s, bucket);
    const proxy = await startFlipProxy(s.endpoint, () => true, 1000, { uploads: true });
    try {
      const up = await cli(['cp', '-r', '--json', ...PART, `${root}/`, `dst:${bucket}/`], cliEnv('dst', s, proxy.endpoint));
      expect(up.code).not.toBe(0);
      expect(up.summary).toMatchObject({ failed: 2 });
      // A part (big.bin) and a whole PUT (mid.bin), each without Content-MD5 and unsigned by SHA-256:
      // their CRC32 is what the server refused them by.
      expect(up.stderr.match(/checksum/gi)?.length, up.stderr).toBeGreaterThanOrEqual(2);
      expect(up.stderr).not.toMatch(/sha256|content-md5/i);
      expect(proxy.flipped).toBeGreaterThanOrEqual(3);
    } finally {
      await proxy.close();
    }
    const client = sdkClient(s);
    for (const key of ['big.bin', 'mid.bin']) {
      await expect(client.send(new HeadObjectCommand({ Bucket: bucket, Key: key })), key).rejects.toMatchObject({
        $metadata: { httpStatusCode: 404 },
      });
    }
    // The upload begun only to ask whether the server checks CRC32s (for mid.bin's PUT) was aborted.
    const uploads = await client.send(new ListMultipartUploadsCommand({ Bucket: bucket, Prefix: 'mid.bin' }));
    expect(uploads.Uploads ?? []).toEqual([]);
  });

  it('keeps the MD5 check for an object written without a checksum', { timeout: 60_000 }, async () => {
    const bucket = uniqueBucket('crcmd5');
    await createBucket(s, bucket);
    const body = randomBytes(3 * MiB + 1);
    // The SDK client of the tests sends checksums only when an operation requires one: this PUT carries Content-MD5 alone.
    await sdkClient(s).send(new PutObjectCommand({ Bucket: bucket, Key: 'plain.bin', Body: body }));
    // The object keeps no CRC32 (versitygw names a checksum type all the same, with no CRC32 value).
    const head = await sdkClient(s).send(new HeadObjectCommand({ Bucket: bucket, Key: 'plain.bin', ChecksumMode: 'ENABLED' }));
    expect(head.ChecksumCRC32).toBeUndefined();
    const dest = await mkdtemp(path.join(tmpdir(), 'ferry-crc-md5-'));
    const ok = await cli(['cp', '--json', ...PART, `src:${bucket}/plain.bin`, `${dest}/`], cliEnv('src', s));
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.summary?.checks).toEqual({ md5: 1 });
    const proxy = await startFlipProxy(s.endpoint, () => true);
    try {
      const bad = await mkdtemp(path.join(tmpdir(), 'ferry-crc-md5-bad-'));
      const refused = await cli(['cp', '--json', ...PART, `src:${bucket}/plain.bin`, `${bad}/`], cliEnv('src', s, proxy.endpoint));
      expect(refused.code).not.toBe(0);
      // Caught by MD5: the message names the MD5 the bytes hash to, not a CRC.
      expect(refused.stderr).toMatch(/Integrity check failed for .*the bytes read hash to [0-9a-f]{32}/);
      expect(await filesUnder(bad)).toEqual([]);
    } finally {
      await proxy.close();
    }
  });
});

describe('a server without checksums (s3rver)', () => {
  it.runIf(s3rver)('uploads and downloads as before, checked by MD5 or size', { timeout: 120_000 }, async () => {
    const s = s3rver as TestServer;
    const { bucket, checks } = await uploadWithFerry(s, 'crcnone');
    // s3rver accepts a wrong CRC32: the parts keep their MD5, and the probe's part 1 was replaced by the real one (read back below).
    expect(checks).toEqual({ md5: 2, parts: 1 });
    const dest = await mkdtemp(path.join(tmpdir(), 'ferry-crc-none-'));
    const down = await cli(['cp', '-r', '--json', ...PART, `src:${bucket}/`, `${dest}/`], cliEnv('src', s));
    expect(down.code, down.stderr).toBe(0);
    expect(down.summary?.checks.crc32).toBeUndefined();
    for (const [key, body] of Object.entries(BODIES)) expect(sha256(await readFile(path.join(dest, 'up', key))), key).toBe(sha256(body));
    // A byte flipped on the way is still caught (small and single GETs by MD5).
    const proxy = await startFlipProxy(s.endpoint, (key) => key !== 'up/big.bin');
    try {
      const bad = await mkdtemp(path.join(tmpdir(), 'ferry-crc-none-bad-'));
      const refused = await cli(['cp', '-r', '--json', ...PART, `src:${bucket}/`, `${bad}/`], cliEnv('src', s, proxy.endpoint));
      expect(refused.summary).toMatchObject({ failed: 2 });
      expect(await filesUnder(bad)).toEqual(['up/big.bin']);
    } finally {
      await proxy.close();
    }
  });
});
