/**
 * The benchmark's own S3 access, outside every measured tool: creating and
 * emptying buckets, seeding data sets, and reading results back to verify
 * them. None of this is timed.
 */
import {
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  ListMultipartUploadsCommand,
  AbortMultipartUploadCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { Agent } from 'node:http';
import { join, relative, sep } from 'node:path';
import type { Readable } from 'node:stream';
import type { TestServer } from '../../e2e/servers/harness';
import { contentBuffer, contentStream, fingerprint, type Dataset, type Entry, type Expected } from './datasets';

const clients = new Map<string, S3Client>();

export function clientFor(s: TestServer): S3Client {
  let c = clients.get(s.endpoint);
  if (!c) {
    c = new S3Client({
      endpoint: s.endpoint,
      region: s.region,
      forcePathStyle: true,
      credentials: { accessKeyId: s.accessKeyId, secretAccessKey: s.secretAccessKey },
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      requestHandler: new NodeHttpHandler({ httpAgent: new Agent({ keepAlive: true, maxSockets: 64 }) }),
    });
    clients.set(s.endpoint, c);
  }
  return c;
}

export function forgetClients(): void {
  for (const c of clients.values()) c.destroy();
  clients.clear();
}

/** Runs `fn` over `items` with at most `limit` at a time. */
export async function pool<T>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      await fn(items[i] as T, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

export async function createBucket(s: TestServer, bucket: string): Promise<void> {
  await clientFor(s).send(new CreateBucketCommand({ Bucket: bucket }));
}

export async function listKeys(s: TestServer, bucket: string, prefix = ''): Promise<{ key: string; size: number }[]> {
  const out: { key: string; size: number }[] = [];
  let token: string | undefined;
  do {
    const page = await clientFor(s).send(
      new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix || undefined, ContinuationToken: token }),
    );
    for (const o of page.Contents ?? []) if (o.Key !== undefined) out.push({ key: o.Key, size: o.Size ?? 0 });
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return out;
}

/** Deletes every object (and unfinished upload) in a bucket, then the bucket. */
export async function dropBucket(s: TestServer, bucket: string): Promise<void> {
  const c = clientFor(s);
  const keys = await listKeys(s, bucket).catch(() => null);
  if (keys === null) return; // no such bucket
  const batches: string[][] = [];
  for (let i = 0; i < keys.length; i += 1000) batches.push(keys.slice(i, i + 1000).map((k) => k.key));
  await pool(batches, 4, async (batch) => {
    await c.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true } }));
  });
  const uploads = await c.send(new ListMultipartUploadsCommand({ Bucket: bucket })).catch(() => ({ Uploads: [] }));
  for (const u of uploads.Uploads ?? []) {
    await c.send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: u.Key, UploadId: u.UploadId })).catch(() => undefined);
  }
  await c.send(new DeleteBucketCommand({ Bucket: bucket })).catch(() => undefined);
}

/** Uploads a data set straight from its generator (no local copy needed). */
export async function seed(s: TestServer, bucket: string, ds: Dataset, opts: { concurrency?: number } = {}): Promise<void> {
  const c = clientFor(s);
  await pool(ds.files, opts.concurrency ?? 32, async (f) => {
    if (f.size <= 16 * 1024 * 1024) {
      await c.send(new PutObjectCommand({ Bucket: bucket, Key: f.key, Body: contentBuffer(ds.seed, f.key, f.size) }));
    } else {
      await new Upload({
        client: c,
        params: { Bucket: bucket, Key: f.key, Body: contentStream(ds.seed, f.key, f.size) },
        partSize: 64 * 1024 * 1024,
        queueSize: 4,
      }).done();
    }
  });
}

/** Empty objects named by `keys`, as fast as the server takes them (for listing and delete workloads). */
export async function seedEmpty(s: TestServer, bucket: string, keys: string[], concurrency = 64): Promise<void> {
  const c = clientFor(s);
  const empty = Buffer.alloc(0);
  await pool(keys, concurrency, async (Key) => {
    await c.send(new PutObjectCommand({ Bucket: bucket, Key, Body: empty }));
  });
}

async function hashStream(body: Readable): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of body) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), size };
}

/** Reads every object of a bucket back and fingerprints it: what the tool really wrote, byte for byte. */
export async function remoteFingerprint(s: TestServer, bucket: string): Promise<Expected> {
  const c = clientFor(s);
  const keys = await listKeys(s, bucket);
  const entries: Entry[] = [];
  await pool(keys, 16, async ({ key }) => {
    const out = await c.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    const { sha256, size } = await hashStream(out.Body as Readable);
    entries.push({ key, size, sha256 });
  });
  return fingerprint(entries);
}

/** Fingerprints a local folder, with keys relative to it and '/' as separator. */
export async function localFingerprint(dir: string): Promise<Expected> {
  const entries: Entry[] = [];
  const files: string[] = [];
  for (const d of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (d.isFile()) files.push(join(d.parentPath, d.name));
  }
  await pool(files, 8, async (path) => {
    const { sha256, size } = await hashStream(createReadStream(path, { highWaterMark: 1024 * 1024 }));
    if (size !== (await stat(path)).size) throw new Error(`size of ${path} changed while hashing`);
    entries.push({ key: relative(dir, path).split(sep).join('/'), size, sha256 });
  });
  return fingerprint(entries);
}
