// Ferry's own demo S3 server (app/demo/server/), two of them in this process,
// driven by Ferry's own operations: the probe, listings by page over more than
// 1,000 keys, ranged reads, uploads single and multipart, a cross-cloud copy
// between the two through the transfer engine, a server-side copy, a delete
// of many, and refusals (wrong key or signature, bad digest, unknown calls).
import {
  GetObjectAclCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Listing } from '../../app/api/browse-types';
import type { DiagnosticReport } from '../../app/api/types';
import type { JobSnapshot } from '../../app/api/transfer-types';
import { startDemoS3Server, type DemoS3Server } from '../../app/demo/server/demo-s3-server';
import { isUnsupported } from '../../app/s3/requests/request';
import { allItems, runJob, TransferTestCore, waitForJob, ended } from './transfer-support';

const MiB = 1024 * 1024;
const folder = mkdtempSync(path.join(tmpdir(), 'ferry-demo-test-'));
let a: DemoS3Server;
let b: DemoS3Server;
const t = new TransferTestCore({ partSize: 5 * MiB, multipartThreshold: 5 * MiB, copyObjectMaxBytes: 5 * MiB, copyPartSize: 5 * MiB });
const ids: Record<string, string> = {};

function client(s: DemoS3Server, secret = s.keys.secretAccessKey, accessKeyId = s.keys.accessKeyId): S3Client {
  return new S3Client({
    endpoint: s.endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId, secretAccessKey: secret },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

const draft = (s: DemoS3Server, label: string) => ({
  label,
  providerId: 'other',
  endpoint: s.endpoint,
  region: 'us-east-1',
  pathStyle: true,
  accessKeyId: s.keys.accessKeyId,
  secretAccessKey: s.keys.secretAccessKey,
});

const md5 = (b: Buffer) => createHash('md5').update(b).digest();
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function bytesOf(s: DemoS3Server, bucket: string, key: string, range?: string): Promise<Buffer> {
  const out = await client(s).send(new GetObjectCommand({ Bucket: bucket, Key: key, ...(range ? { Range: range } : {}) }));
  return Buffer.from(await (out.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray());
}

/** Every entry of a location, page after page, as Ferry's window asks for them. */
async function browseAll(connectionId: string, bucket: string, prefix: string): Promise<{ names: string[]; pages: number }> {
  const names: string[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await t.call<Listing>('browse.list', {
      location: { kind: 's3', connectionId, bucket, prefix },
      ...(cursor ? { cursor } : {}),
    });
    names.push(...page.entries.map((e) => e.id));
    cursor = page.truncated ? page.nextCursor : undefined;
    pages++;
  } while (cursor);
  return { names, pages };
}

const manyKeys = Array.from({ length: 1205 }, (_, i) => `many/file-${String(i).padStart(4, '0')}.txt`);
const nested = ['many/sub/a.txt', 'many/sub/deeper/b.txt', 'many/zz/c.txt'];
const big = randomBytes(12 * MiB + 333);

beforeAll(async () => {
  a = await startDemoS3Server({ folder: path.join(folder, 'a') });
  b = await startDemoS3Server({ folder: path.join(folder, 'b') });
  const ca = client(a);
  ids.a = (await t.call<{ id: string }>('connections.add', draft(a, 'Demo A'))).id;
  await t.call('bucket.create', { connectionId: ids.a, name: 'alpha' });
  ids.b = (await t.call<{ id: string }>('connections.add', draft(b, 'Demo B'))).id;
  await t.call('bucket.create', { connectionId: ids.b, name: 'beta' });
  // A second connection on A's endpoint and keys: the engine copies inside one server.
  ids.a2 = (await t.call<{ id: string }>('connections.add', draft(a, 'Demo A again'))).id;
  for (let i = 0; i < manyKeys.length; i += 100)
    await Promise.all(
      manyKeys.slice(i, i + 100).map((Key) => ca.send(new PutObjectCommand({ Bucket: 'alpha', Key, Body: `body of ${Key}\n` }))),
    );
  for (const Key of nested) await ca.send(new PutObjectCommand({ Bucket: 'alpha', Key, Body: Key }));
}, 120_000);

afterAll(async () => {
  t.dispose();
  await Promise.all([a?.close(), b?.close()]);
  rmSync(folder, { recursive: true, force: true });
});

describe("Ferry's demo S3 server", () => {
  it("passes Ferry's connection test: buckets listed, versioning and object lock off, checksums not checked (Ferry checks MD5 itself)", async () => {
    const report = await t.call<DiagnosticReport>('connections.test', { draft: draft(a, 'Demo A'), bucket: 'alpha' });
    expect(report.probe).toMatchObject({ listBuckets: 'allowed', versioning: 'off', objectLock: 'off', checksums: 'ignored' });
    // The probe's checksum object is gone.
    expect((await client(a).send(new ListObjectsV2Command({ Bucket: 'alpha', Prefix: '.ferry-probe/' }))).KeyCount).toBe(0);
  });

  it('lists 1,208 keys by page as the window does, folders rolled up at the delimiter', async () => {
    const { names, pages } = await browseAll(ids.a ?? '', 'alpha', 'many/');
    expect(pages).toBeGreaterThan(1);
    // Each page puts its folders first; across pages every entry comes exactly once.
    expect(new Set(names).size).toBe(names.length);
    expect([...names].sort()).toEqual([...manyKeys, 'many/sub/', 'many/zz/'].sort());
    expect((await browseAll(ids.a ?? '', 'alpha', 'many/sub/')).names).toEqual(['many/sub/deeper/', 'many/sub/a.txt']);
  });

  it('pages ListObjectsV2 by max-keys, start-after and continuation token, and url-encodes keys when asked', async () => {
    const ca = client(a);
    const seen: string[] = [];
    let token: string | undefined;
    do {
      const out = await ca.send(
        new ListObjectsV2Command({
          Bucket: 'alpha',
          Prefix: 'many/',
          Delimiter: '/',
          MaxKeys: 300,
          StartAfter: 'many/file-0099.txt',
          ContinuationToken: token,
        }),
      );
      expect((out.Contents?.length ?? 0) + (out.CommonPrefixes?.length ?? 0)).toBeLessThanOrEqual(300);
      seen.push(...(out.Contents ?? []).map((o) => o.Key ?? ''), ...(out.CommonPrefixes ?? []).map((p) => p.Prefix ?? ''));
      token = out.IsTruncated ? out.NextContinuationToken : undefined;
    } while (token);
    expect(seen).toEqual([...manyKeys.slice(100), 'many/sub/', 'many/zz/']);
    await ca.send(new PutObjectCommand({ Bucket: 'alpha', Key: 'odd/a b+c%d\u0001.txt', Body: 'x' }));
    const enc = await ca.send(new ListObjectsV2Command({ Bucket: 'alpha', Prefix: 'odd/', EncodingType: 'url' }));
    expect(enc.EncodingType).toBe('url');
    expect(decodeURIComponent(enc.Contents?.[0]?.Key ?? '')).toBe('odd/a b+c%d\u0001.txt');
  });

  it('uploads through the engine, single and multipart (5 MiB parts), with ETag = MD5 and the composite ETag', async () => {
    const local = mkdtempSync(path.join(tmpdir(), 'ferry-demo-up-'));
    mkdirSync(path.join(local, 'up'));
    writeFileSync(path.join(local, 'up', 'small.txt'), 'small file\n');
    writeFileSync(path.join(local, 'up', 'big.bin'), big);
    const job = await runJob(t, {
      sources: [{ kind: 'local', path: path.join(local, 'up') }],
      destination: { kind: 's3', connectionId: ids.a, bucket: 'alpha', prefix: 'in/' },
      conflict: 'overwrite',
    });
    expect(job.error).toBeUndefined();
    expect(job).toMatchObject({ state: 'done', itemsDone: 2 });
    const methods = Object.fromEntries((await allItems(t, job.id)).map((i) => [i.destinationId, i.method]));
    expect(methods['in/up/big.bin']).toBe('multipart');
    const head = await client(a).send(new HeadObjectCommand({ Bucket: 'alpha', Key: 'in/up/big.bin' }));
    const parts = [big.subarray(0, 5 * MiB), big.subarray(5 * MiB, 10 * MiB), big.subarray(10 * MiB)];
    expect(head.ETag).toBe(`"${md5(Buffer.concat(parts.map(md5))).toString('hex')}-3"`);
    expect(head.ContentLength).toBe(big.length);
    const small = await client(a).send(new HeadObjectCommand({ Bucket: 'alpha', Key: 'in/up/small.txt' }));
    expect(small.ETag).toBe(`"${md5(Buffer.from('small file\n')).toString('hex')}"`);
    expect(sha(await bytesOf(a, 'alpha', 'in/up/big.bin'))).toBe(sha(big));
    rmSync(local, { recursive: true, force: true });
  });

  it('answers ranges with 206 and Content-Range, a part number with its part, and a range past the end with 416', async () => {
    const ca = client(a);
    const out = await ca.send(
      new GetObjectCommand({ Bucket: 'alpha', Key: 'in/up/big.bin', Range: `bytes=${5 * MiB - 3}-${5 * MiB + 4}` }),
    );
    expect(out.$metadata.httpStatusCode).toBe(206);
    expect(out.ContentRange).toBe(`bytes ${5 * MiB - 3}-${5 * MiB + 4}/${big.length}`);
    expect(Buffer.from(await (out.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray())).toEqual(
      big.subarray(5 * MiB - 3, 5 * MiB + 5),
    );
    expect(await bytesOf(a, 'alpha', 'in/up/big.bin', 'bytes=-10')).toEqual(big.subarray(big.length - 10));
    const part = await ca.send(new HeadObjectCommand({ Bucket: 'alpha', Key: 'in/up/big.bin', PartNumber: 3 }));
    expect(part).toMatchObject({ PartsCount: 3, ContentLength: big.length - 10 * MiB });
    await expect(
      ca.send(new GetObjectCommand({ Bucket: 'alpha', Key: 'in/up/big.bin', Range: `bytes=${big.length}-` })),
    ).rejects.toMatchObject({
      name: 'InvalidRange',
      $metadata: { httpStatusCode: 416 },
    });
  });

  it('downloads through the engine, byte for byte', async () => {
    const down = mkdtempSync(path.join(tmpdir(), 'ferry-demo-down-'));
    const job = await runJob(t, {
      sources: [{ kind: 's3-prefix', connectionId: ids.a, bucket: 'alpha', prefix: 'in/up/' }],
      destination: { kind: 'local', path: down },
      conflict: 'overwrite',
    });
    expect(job).toMatchObject({ state: 'done', itemsDone: 2 });
    expect(sha(readFileSync(path.join(down, 'up', 'big.bin')))).toBe(sha(big));
    rmSync(down, { recursive: true, force: true });
  });

  it('copies across the two demo clouds through the engine, metadata and bytes intact', async () => {
    await client(a).send(
      new PutObjectCommand({
        Bucket: 'alpha',
        Key: 'in/up/meta.json',
        Body: '{"a":1}',
        ContentType: 'application/json',
        Metadata: { owner: 'ferry' },
      }),
    );
    const job = await runJob(t, {
      sources: [{ kind: 's3-prefix', connectionId: ids.a, bucket: 'alpha', prefix: 'in/up/' }],
      destination: { kind: 's3', connectionId: ids.b, bucket: 'beta', prefix: 'copied/' },
      conflict: 'overwrite',
    });
    expect(job.error).toBeUndefined();
    expect(job).toMatchObject({ state: 'done', itemsDone: 3 });
    expect(sha(await bytesOf(b, 'beta', 'copied/up/big.bin'))).toBe(sha(big));
    const meta = await client(b).send(new HeadObjectCommand({ Bucket: 'beta', Key: 'copied/up/meta.json' }));
    expect(meta).toMatchObject({ ContentType: 'application/json', Metadata: { owner: 'ferry' } });
  });

  it('copies inside one server without the bytes passing through Ferry (CopyObject and UploadPartCopy)', async () => {
    const job = await runJob(t, {
      sources: [{ kind: 's3-prefix', connectionId: ids.a, bucket: 'alpha', prefix: 'in/up/' }],
      destination: { kind: 's3', connectionId: ids.a2, bucket: 'alpha', prefix: 'server-copied/' },
      conflict: 'overwrite',
    });
    expect(job.error).toBeUndefined();
    const methods = Object.fromEntries((await allItems(t, job.id)).map((i) => [i.destinationId, i.method]));
    expect(methods['server-copied/up/small.txt']).toBe('server-copy');
    expect(methods['server-copied/up/big.bin']).toBe('server-part-copy');
    const head = await client(a).send(new HeadObjectCommand({ Bucket: 'alpha', Key: 'server-copied/up/big.bin' }));
    const source = await client(a).send(new HeadObjectCommand({ Bucket: 'alpha', Key: 'in/up/big.bin' }));
    expect(head.ETag).toBe(source.ETag);
    expect(sha(await bytesOf(a, 'alpha', 'server-copied/up/big.bin'))).toBe(sha(big));
  });

  it('deletes 1,205 objects as a job (DeleteObjects in batches of at most 1,000)', async () => {
    const started = await t.call<{ job: JobSnapshot }>('delete.start', {
      selection: { kind: 's3', connectionId: ids.a, bucket: 'alpha', objects: manyKeys.map((key) => ({ key })), folders: [] },
    });
    const job = await waitForJob(t, started.job.id, ended);
    expect(job).toMatchObject({ state: 'done', itemsDone: manyKeys.length });
    expect((await browseAll(ids.a ?? '', 'alpha', 'many/')).names).toEqual(['many/sub/', 'many/zz/']);
  });

  it('refuses a wrong secret, an unknown key and a body that does not match its Content-MD5', async () => {
    await expect(client(a, 'not-the-secret').send(new ListObjectsV2Command({ Bucket: 'alpha' }))).rejects.toMatchObject({
      name: 'SignatureDoesNotMatch',
      $metadata: { httpStatusCode: 403 },
    });
    await expect(
      client(a, a.keys.secretAccessKey, 'FERRYDEMONOBODY').send(new ListObjectsV2Command({ Bucket: 'alpha' })),
    ).rejects.toMatchObject({
      name: 'InvalidAccessKeyId',
      $metadata: { httpStatusCode: 403 },
    });
    // B's keys do not open A.
    await expect(
      client(a, b.keys.secretAccessKey, b.keys.accessKeyId).send(new ListObjectsV2Command({ Bucket: 'alpha' })),
    ).rejects.toMatchObject({
      name: 'InvalidAccessKeyId',
    });
    await expect(
      client(a).send(
        new PutObjectCommand({ Bucket: 'alpha', Key: 'bad-md5', Body: 'abc', ContentMD5: md5(Buffer.from('abd')).toString('base64') }),
      ),
    ).rejects.toMatchObject({ name: 'BadDigest', $metadata: { httpStatusCode: 400 } });
    await expect(client(a).send(new HeadObjectCommand({ Bucket: 'alpha', Key: 'bad-md5' }))).rejects.toMatchObject({
      $metadata: { httpStatusCode: 404 },
    });
  });

  it('answers a call it does not keep with NotImplemented, which Ferry reads as "not supported"', async () => {
    const err = await client(a)
      .send(new GetObjectAclCommand({ Bucket: 'alpha', Key: 'in/up/small.txt' }))
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'NotImplemented', $metadata: { httpStatusCode: 501 } });
    expect(isUnsupported(err)).toBe(true);
  });

  it('stores keys by id, never as paths: "../" keys stay inside the demo folder and read back', async () => {
    const hostile = ['../../escape.txt', '/etc/passwd', 'a/../../b', 'C:\\windows\\x'];
    for (const Key of hostile) await client(a).send(new PutObjectCommand({ Bucket: 'alpha', Key, Body: Key }));
    for (const Key of hostile) expect((await bytesOf(a, 'alpha', Key)).toString()).toBe(Key);
    const stored = readdirSync(path.join(folder, 'a', 'data'));
    expect(stored.every((name) => /^[0-9a-f-]{36}$/.test(name))).toBe(true);
    expect(readdirSync(folder).sort()).toEqual(['a', 'b']);
  });
});
