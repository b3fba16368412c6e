// Cross-cloud copies of a whole prefix through the engine, for every ordered
// pair of real servers: zero-byte objects, a folder marker, unicode, spaces
// and +%#? in keys, a key of exactly 1,024 bytes, and an object of 11 parts.
// Every object must arrive byte for byte, with its content headers, user
// metadata and tags (where both servers keep tags).
import { GetObjectTaggingCommand, HeadObjectCommand, PutObjectCommand, PutObjectTaggingCommand } from '@aws-sdk/client-s3';
import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../../e2e/servers/harness';
import { createBucket, objectBytes, sdkClient, servers, sha256, uniqueBucket } from './support';
import { allItems, listKeys, runJob, TransferTestCore } from './transfer-support';

const MiB = 1024 * 1024;

/** A key of exactly `bytes` bytes of UTF-8 under `prefix`, in segments short enough for any file system. */
function keyOfBytes(prefix: string, bytes: number): string {
  let key = prefix;
  while (Buffer.byteLength(key) + 201 < bytes) key += `${'k'.repeat(200)}/`;
  key += 'e'.repeat(bytes - Buffer.byteLength(key));
  return key;
}

const LONG_KEY = keyOfBytes('set/', 1024);

interface Seed {
  key: string;
  body: Buffer;
  headers?: Record<string, string | Record<string, string>>;
  tags?: Record<string, string>;
}

const seeds: Seed[] = [
  { key: 'set/empty-a', body: Buffer.alloc(0), headers: { ContentType: 'text/plain' } },
  { key: 'set/nested/empty-b', body: Buffer.alloc(0) },
  { key: 'set/folder/', body: Buffer.alloc(0) },
  { key: 'set/folder/inside.txt', body: Buffer.from('inside the folder\n') },
  {
    key: 'set/ünïcödé 文字 ✓.md',
    body: randomBytes(3000),
    headers: {
      ContentType: 'text/markdown; charset=utf-8',
      CacheControl: 'max-age=60, private',
      ContentDisposition: 'attachment; filename="notes.md"',
      ContentLanguage: 'fr',
      Metadata: { author: 'ferry', purpose: 'unicode' },
    },
    tags: { team: 'storage', level: 'two' },
  },
  { key: 'set/with space and  two spaces.txt', body: randomBytes(1000) },
  { key: 'set/plus+percent%hash#question?.bin', body: randomBytes(777), headers: { Metadata: { odd: 'chars' } } },
  {
    key: 'set/report.json.gz',
    body: gzipSync(Buffer.from('{"a":1}'.repeat(100))),
    headers: { ContentType: 'application/json', ContentEncoding: 'gzip' },
  },
  { key: LONG_KEY, body: Buffer.from('the longest key S3 allows\n') },
  {
    key: 'set/big.bin',
    body: randomBytes(50 * MiB + 17),
    headers: { ContentType: 'application/x-ferry-big', CacheControl: 'no-store', Metadata: { size: 'eleven-parts' } },
    tags: { kind: 'big' },
  },
];

const all = servers();
const pairs: [TestServer, TestServer][] = all.flatMap((a) => all.filter((b) => b !== a).map((b) => [a, b] as [TestServer, TestServer]));
const sourceBuckets = new Map<string, string>();
const t = new TransferTestCore({ partSize: 5 * MiB, multipartThreshold: 5 * MiB, partsInFlight: 8 });

async function seed(s: TestServer): Promise<string> {
  const bucket = uniqueBucket('xsrc');
  await createBucket(s, bucket);
  const client = sdkClient(s);
  for (const o of seeds) {
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: o.key, Body: o.body, ...(o.headers ?? {}) }));
    if (o.tags) {
      await client.send(
        new PutObjectTaggingCommand({
          Bucket: bucket,
          Key: o.key,
          Tagging: { TagSet: Object.entries(o.tags).map(([Key, Value]) => ({ Key, Value })) },
        }),
      );
    }
  }
  return bucket;
}

/**
 * Tags travel with the object where both servers handle them as S3 does.
 * s3rver keeps tags only through the ?tagging subresource: it ignores the
 * x-amz-tagging header on PUT and never reports x-amz-tagging-count, so
 * there is nothing to carry from it nor a way to write them on it.
 */
function carriesTags(s: TestServer): boolean {
  return s.kind !== 's3rver';
}

async function tagsOf(s: TestServer, bucket: string, key: string): Promise<Record<string, string> | null> {
  try {
    const out = await sdkClient(s).send(new GetObjectTaggingCommand({ Bucket: bucket, Key: key }));
    return Object.fromEntries((out.TagSet ?? []).map((tag) => [tag.Key ?? '', tag.Value ?? '']));
  } catch {
    return null;
  }
}

beforeAll(async () => {
  for (const s of all) sourceBuckets.set(s.kind, await seed(s));
}, 120_000);

afterAll(() => t.dispose());

describe.each(pairs.map(([a, b]) => [`${a.label} → ${b.label}`, a, b] as const))('cross-cloud copy %s', (_name, from, to) => {
  it('copies the prefix byte for byte with headers, metadata and tags', { timeout: 120_000 }, async () => {
    const srcBucket = sourceBuckets.get(from.kind) as string;
    const dstBucket = uniqueBucket('xdst');
    await createBucket(to, dstBucket);
    const job = await runJob(t, {
      sources: [{ kind: 's3-prefix', connectionId: await t.connect(from), bucket: srcBucket, prefix: 'set/' }],
      destination: { kind: 's3', connectionId: await t.connect(to), bucket: dstBucket, prefix: '' },
      conflict: 'overwrite',
    });
    expect(job.error).toBeUndefined();
    expect(job).toMatchObject({ state: 'done', itemsTotal: seeds.length, itemsDone: seeds.length, itemsFailed: 0 });
    const total = seeds.reduce((n, s) => n + s.body.length, 0);
    expect(job.bytesDone).toBe(total);

    // The label names what moved and where.
    expect(job.label).toBe(`set/ → ${dstBucket}/`);
    const items = await allItems(t, job.id);
    const methods = Object.fromEntries(items.map((i) => [i.destinationId, i.method]));
    expect(methods['set/big.bin']).toBe('multipart');
    expect(methods['set/empty-a']).toBe('single-put');
    expect(methods['set/folder/']).toBe('single-put');

    expect(await listKeys(sdkClient(to), dstBucket)).toEqual(seeds.map((s) => s.key).sort());
    for (const o of seeds) {
      expect(sha256(await objectBytes(to, dstBucket, o.key)), o.key).toBe(sha256(o.body));
      const head = await sdkClient(to).send(new HeadObjectCommand({ Bucket: dstBucket, Key: o.key }));
      const h = o.headers ?? {};
      if (h.ContentType) expect(head.ContentType, o.key).toBe(h.ContentType);
      if (h.CacheControl) expect(head.CacheControl, o.key).toBe(h.CacheControl);
      if (h.ContentDisposition) expect(head.ContentDisposition, o.key).toBe(h.ContentDisposition);
      if (h.ContentLanguage) expect(head.ContentLanguage, o.key).toBe(h.ContentLanguage);
      if (h.ContentEncoding) expect(head.ContentEncoding, o.key).toBe(h.ContentEncoding);
      expect(head.Metadata ?? {}, o.key).toEqual(h.Metadata ?? {});
      if (o.tags && carriesTags(from) && carriesTags(to)) {
        expect(await tagsOf(from, srcBucket, o.key), o.key).toEqual(o.tags);
        expect(await tagsOf(to, dstBucket, o.key), o.key).toEqual(o.tags);
      }
    }
  });
});
