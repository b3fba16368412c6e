// A server (or a gateway in front of one) that ignores Range answers a ranged
// GET with the whole object. Ferry's large downloads are ranged; before, each
// range failed as "Received N of M bytes" until the retries ran out. Now the
// download goes on as one stream and is still checked (a plain MD5 ETag, a
// kept CRC32, or a multipart ETag rebuilt from the file's parts), and a copy,
// which must read its source in parts, fails saying why and what to do. A
// preview further into the object shows the bytes asked for, and a deep
// compare hashes the whole object the first range brought.
// The server is real MinIO; a proxy plays the gateway that drops Range.
import {
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  ListMultipartUploadsCommand,
  PutObjectCommand,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBucket, sdkClient, servers, sha256, uniqueBucket } from './support';
import { buildCli, cliEnv, listKeys, runCli, TransferTestCore } from './transfer-support';
import type { RunningProxy } from './unsigned-proxy';
import { publicRead, startWholeAnswerProxy } from './whole-answer-proxy';

const MiB = 1024 * 1024;
const PLAIN = randomBytes(13 * MiB + 7);
const PARTS = [randomBytes(5 * MiB), randomBytes(5 * MiB), randomBytes(2 * MiB + 5)];
const s = servers().find((x) => x.kind === 'minio');
if (!s) throw new Error('the integration servers include MinIO');

let proxy: RunningProxy;
let bucket: string;

beforeAll(async () => {
  const client = sdkClient(s);
  bucket = uniqueBucket('whole-answers');
  await createBucket(s, bucket);
  await publicRead(client, bucket);
  await client.send(new PutObjectCommand({ Bucket: bucket, Key: 'plain.bin', Body: PLAIN }));
  // A multipart ETag ("…-3"): checked by rebuilding it from the downloaded file's parts.
  const { UploadId } = await client.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: 'parts.bin' }));
  const done = [];
  for (const [i, body] of PARTS.entries()) {
    const part = await client.send(new UploadPartCommand({ Bucket: bucket, Key: 'parts.bin', UploadId, PartNumber: i + 1, Body: body }));
    done.push({ PartNumber: i + 1, ETag: part.ETag });
  }
  await client.send(new CompleteMultipartUploadCommand({ Bucket: bucket, Key: 'parts.bin', UploadId, MultipartUpload: { Parts: done } }));
  // Multipart, with the full-object CRC32 Ferry's uploads leave.
  const dir = await mkdtemp(path.join(tmpdir(), 'ferry-ranges-src-'));
  await writeFile(path.join(dir, 'ferry.bin'), PLAIN);
  const up = await cli(['cp', '--part-size', '5MiB', path.join(dir, 'ferry.bin'), `dst:${bucket}/`], cliEnv('dst', s));
  if (up.code !== 0) throw new Error(up.stderr);
  proxy = await startWholeAnswerProxy(s.endpoint);
});
afterAll(() => proxy?.close());

async function cli(args: string[], env: Record<string, string>) {
  const data = await mkdtemp(path.join(tmpdir(), 'ferry-ranges-data-'));
  const result = await runCli(await buildCli(), args, { FERRY_DATA_DIR: data, ...env });
  const line = result.stdout.trim().split('\n').pop() ?? '';
  return { ...result, summary: (line.startsWith('{') ? JSON.parse(line) : undefined) as Record<string, unknown> | undefined };
}

describe('a server that answers ranged GETs with the whole object', () => {
  it('downloads large objects as one stream each, checked, with nothing left beside them', { timeout: 120_000 }, async () => {
    const dest = await mkdtemp(path.join(tmpdir(), 'ferry-ranges-out-'));
    const before = proxy.rewritten;
    const down = await cli(['cp', '-r', '--json', '--part-size', '5MiB', `src:${bucket}/`, `${dest}/`], cliEnv('src', s, proxy.endpoint));
    expect(down.code, down.stderr).toBe(0);
    expect(down.summary).toMatchObject({ state: 'done', objects: 3, failed: 0 });
    // The ranged reads were tried, and answered whole.
    expect(proxy.rewritten).toBeGreaterThan(before);
    expect(sha256(await readFile(path.join(dest, 'plain.bin')))).toBe(sha256(PLAIN));
    expect(sha256(await readFile(path.join(dest, 'parts.bin')))).toBe(sha256(Buffer.concat(PARTS)));
    expect(sha256(await readFile(path.join(dest, 'ferry.bin')))).toBe(sha256(PLAIN));
    // Every byte checked, none on its size alone: plain.bin by its MD5 ETag, parts.bin by its multipart ETag rebuilt
    // from the file's parts, ferry.bin by the full-object CRC32 MinIO keeps for what Ferry uploads.
    expect(down.summary?.checks).toEqual({ md5: 1, 'multipart-etag': 1, crc32: 1 });
    expect((await readdir(dest)).sort()).toEqual(['ferry.bin', 'parts.bin', 'plain.bin']);
    expect(down.stderr).not.toMatch(/Received \d+ of \d+ bytes/);
  });

  it('fails a copy that needs its source in parts, saying why and what to do, and leaves no upload', { timeout: 120_000 }, async () => {
    const into = uniqueBucket('whole-answers-to');
    await createBucket(s, into);
    const copy = await cli(['cp', '--part-size', '5MiB', `src:${bucket}/plain.bin`, `dst:${into}/`], {
      ...cliEnv('src', s, proxy.endpoint),
      ...cliEnv('dst', s),
    });
    expect(copy.code).toBe(1);
    expect(copy.stderr).toContain('ignores Range');
    expect(copy.stderr).toContain('Download it to a folder, then upload it from there.');
    expect(await listKeys(sdkClient(s), into)).toEqual([]);
    const uploads = await sdkClient(s).send(new ListMultipartUploadsCommand({ Bucket: into }));
    expect(uploads.Uploads ?? []).toEqual([]);
  });

  it('previews the slice asked for, not the first bytes of the object again', async () => {
    const t = new TransferTestCore();
    try {
      const connectionId = await t.connect(s, proxy.endpoint);
      const at = 5 * MiB + 3;
      const before = proxy.rewritten;
      const slice = await t.core.readPreview(
        { kind: 's3', connectionId, bucket, key: 'plain.bin' },
        { offset: at, length: 4096 },
        AbortSignal.timeout(30_000),
      );
      expect(proxy.rewritten).toBe(before + 1);
      expect(slice.size).toBe(PLAIN.length);
      expect(Buffer.from(slice.bytes).equals(PLAIN.subarray(at, at + 4096))).toBe(true);
    } finally {
      t.dispose();
    }
  });

  it('compares content (--deep) by the whole object the first range brought', { timeout: 60_000 }, async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'ferry-ranges-deep-'));
    await writeFile(path.join(dir, 'plain.bin'), PLAIN);
    await writeFile(path.join(dir, 'parts.bin'), Buffer.concat(PARTS));
    await writeFile(path.join(dir, 'ferry.bin'), PLAIN);
    const env = cliEnv('src', s, proxy.endpoint);
    const before = proxy.rewritten;
    const same = await cli(['diff', '--deep', dir, `src:${bucket}`], env);
    expect([same.code, same.stdout, same.stderr]).toEqual([0, '', 'ferry: 0 only-left, 0 only-right, 3 same, 0 different, 0 unknown\n']);
    // parts.bin and ferry.bin have multipart ETags: their content was read, each in one GET.
    expect(proxy.rewritten).toBe(before + 2);
    const changed = Buffer.concat(PARTS);
    changed[9 * MiB] = (changed[9 * MiB] ?? 0) ^ 1;
    await writeFile(path.join(dir, 'parts.bin'), changed);
    const differ = await cli(['diff', '--deep', dir, `src:${bucket}`], env);
    expect([differ.code, differ.stdout]).toEqual([1, '! parts.bin  (content)\n']);
  });
});
