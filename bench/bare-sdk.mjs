#!/usr/bin/env node
// The benchmark's baseline: the simplest honest program on the same AWS SDK
// that Ferry uses, with a plain pool of concurrent files and lib-storage for
// multipart uploads. Comparing Ferry with it shows what Ferry's engine adds
// (or costs) over the SDK itself. It reads locations and connections exactly
// like Ferry's command line: `name:bucket/prefix` or a local folder, with
// FERRY_<NAME>_ENDPOINT / _REGION / _ACCESS_KEY_ID / _SECRET_ACCESS_KEY.
//
//   node bench/bare-sdk.mjs copy SRC DST [--files N] [--parts N] [--part-size BYTES] [--checksums]
//   node bench/bare-sdk.mjs delete LOCATION [--files N]
//   node bench/bare-sdk.mjs list LOCATION
import {
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  UploadPartCopyCommand,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, readFile, stat } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';

const MAX_SINGLE_COPY = 5 * 1024 * 1024 * 1024;

function parseArgs(argv) {
  const [command, ...rest] = argv;
  const positional = [];
  // Defaults: lib-storage's own (5 MiB parts, 4 in flight per upload) and 16 files at a time.
  const opts = { files: 16, parts: 4, partSize: 5 * 1024 * 1024, checksums: false };
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (a === '--files') opts.files = Number(rest[++i]);
    else if (a === '--parts') opts.parts = Number(rest[++i]);
    else if (a === '--part-size') opts.partSize = Number(rest[++i]);
    else if (a === '--checksums') opts.checksums = true;
    else positional.push(a);
  }
  return { command, positional, opts };
}

function parseLocation(text) {
  const m = /^([A-Za-z][\w-]*):([^/]+)\/?(.*)$/.exec(text);
  if (!m) return { kind: 'local', dir: text.replace(/\/+$/, '') || '/' };
  return { kind: 's3', name: m[1], bucket: m[2], prefix: m[3] };
}

const clients = new Map();
// By default only the checksums the protocol requires, like Ferry's clients on non-AWS endpoints;
// --checksums turns on the SDK's CRC32 on uploads and its validation on downloads.
let checksumMode = 'WHEN_REQUIRED';
function client(name) {
  if (!clients.has(name)) {
    const p = `FERRY_${name.toUpperCase()}_`;
    const endpoint = process.env[`${p}ENDPOINT`];
    if (!endpoint) throw new Error(`connection ${name}: set ${p}ENDPOINT`);
    clients.set(
      name,
      new S3Client({
        endpoint,
        region: process.env[`${p}REGION`] || 'us-east-1',
        forcePathStyle: process.env[`${p}PATH_STYLE`] !== 'false',
        credentials: { accessKeyId: process.env[`${p}ACCESS_KEY_ID`] ?? '', secretAccessKey: process.env[`${p}SECRET_ACCESS_KEY`] ?? '' },
        requestChecksumCalculation: checksumMode,
        responseChecksumValidation: checksumMode,
      }),
    );
  }
  return clients.get(name);
}

async function pool(items, limit, fn) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}

async function* listObjects(loc) {
  let token;
  do {
    const page = await client(loc.name).send(
      new ListObjectsV2Command({ Bucket: loc.bucket, Prefix: loc.prefix || undefined, ContinuationToken: token }),
    );
    yield (page.Contents ?? []).map((o) => ({ key: o.Key, size: o.Size ?? 0 }));
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
}

async function sourceItems(loc) {
  if (loc.kind === 'local') {
    const items = [];
    for (const d of await readdir(loc.dir, { recursive: true, withFileTypes: true })) {
      if (!d.isFile()) continue;
      const path = join(d.parentPath, d.name);
      items.push({ key: relative(loc.dir, path).split(sep).join('/'), path, size: (await stat(path)).size });
    }
    return items;
  }
  const items = [];
  for await (const page of listObjects(loc)) {
    for (const o of page) items.push({ key: o.key.slice(loc.prefix.length), srcKey: o.key, size: o.size });
  }
  return items;
}

async function multipartCopy(s3, from, srcKey, to, key, size, opts) {
  const partSize = Math.max(opts.partSize, Math.ceil(size / 10_000));
  const { UploadId } = await s3.send(new CreateMultipartUploadCommand({ Bucket: to.bucket, Key: key }));
  const ranges = [];
  for (let start = 0, n = 1; start < size; start += partSize, n++) ranges.push({ n, start, end: Math.min(size, start + partSize) - 1 });
  const parts = [];
  await pool(ranges, opts.parts, async (r) => {
    const out = await s3.send(
      new UploadPartCopyCommand({
        Bucket: to.bucket,
        Key: key,
        UploadId,
        PartNumber: r.n,
        CopySource: copySource(from.bucket, srcKey),
        CopySourceRange: `bytes=${r.start}-${r.end}`,
      }),
    );
    parts.push({ PartNumber: r.n, ETag: out.CopyPartResult?.ETag });
  });
  parts.sort((a, b) => a.PartNumber - b.PartNumber);
  await s3.send(new CompleteMultipartUploadCommand({ Bucket: to.bucket, Key: key, UploadId, MultipartUpload: { Parts: parts } }));
}

function copySource(bucket, key) {
  return `${bucket}/${encodeURIComponent(key).replace(/%2F/g, '/')}`;
}

async function putBody(to, key, body, size, opts) {
  const s3 = client(to.name);
  if (size <= opts.partSize) {
    await s3.send(new PutObjectCommand({ Bucket: to.bucket, Key: key, Body: body, ContentLength: size }));
  } else {
    await new Upload({
      client: s3,
      params: { Bucket: to.bucket, Key: key, Body: body },
      partSize: opts.partSize,
      queueSize: opts.parts,
    }).done();
  }
}

async function copyOne(from, to, item, opts) {
  const destKey = to.kind === 's3' ? to.prefix + item.key : undefined;
  if (from.kind === 'local') {
    const body = item.size <= opts.partSize ? await readFile(item.path) : createReadStream(item.path);
    return putBody(to, destKey, body, item.size, opts);
  }
  const s3 = client(from.name);
  if (to.kind === 's3' && to.name === from.name) {
    if (item.size > MAX_SINGLE_COPY) return multipartCopy(s3, from, item.srcKey, to, destKey, item.size, opts);
    await s3.send(new CopyObjectCommand({ Bucket: to.bucket, Key: destKey, CopySource: copySource(from.bucket, item.srcKey) }));
    return;
  }
  const out = await s3.send(new GetObjectCommand({ Bucket: from.bucket, Key: item.srcKey }));
  if (to.kind === 'local') {
    const path = join(to.dir, ...item.key.split('/'));
    await mkdir(dirname(path), { recursive: true });
    await pipeline(out.Body, createWriteStream(path));
    return;
  }
  const body = item.size <= opts.partSize ? Buffer.from(await out.Body.transformToByteArray()) : out.Body;
  await putBody(to, destKey, body, item.size, opts);
}

async function main() {
  const { command, positional, opts } = parseArgs(process.argv.slice(2));
  if (opts.checksums) checksumMode = 'WHEN_SUPPORTED';
  const started = Date.now();
  switch (command) {
    case 'copy': {
      const [src, dst] = positional.map(parseLocation);
      if (!src || !dst) throw new Error('copy needs SRC and DST');
      const items = await sourceItems(src);
      await pool(items, opts.files, (item) => copyOne(src, dst, item, opts));
      const bytes = items.reduce((s, i) => s + i.size, 0);
      console.log(`copied ${items.length} objects, ${bytes} bytes in ${((Date.now() - started) / 1000).toFixed(2)} s`);
      return;
    }
    case 'delete': {
      const loc = parseLocation(positional[0] ?? '');
      if (loc.kind !== 's3') throw new Error('delete needs name:bucket/prefix');
      let deleted = 0;
      const batches = [];
      for await (const page of listObjects(loc)) batches.push(page.map((o) => ({ Key: o.key })));
      await pool(batches, opts.files, async (Objects) => {
        if (Objects.length === 0) return;
        const out = await client(loc.name).send(new DeleteObjectsCommand({ Bucket: loc.bucket, Delete: { Objects, Quiet: true } }));
        if (out.Errors?.length) throw new Error(`${out.Errors.length} deletes failed, first: ${out.Errors[0].Code} ${out.Errors[0].Key}`);
        deleted += Objects.length;
      });
      console.log(`deleted ${deleted} objects`);
      return;
    }
    case 'list': {
      const loc = parseLocation(positional[0] ?? '');
      if (loc.kind !== 's3') throw new Error('list needs name:bucket/prefix');
      for await (const page of listObjects(loc)) {
        if (page.length && !process.stdout.write(page.map((o) => o.key).join('\n') + '\n')) {
          await new Promise((r) => process.stdout.once('drain', r));
        }
      }
      return;
    }
    default:
      throw new Error(`unknown command ${command}; use copy, delete or list`);
  }
}

main().then(
  () => {
    for (const c of clients.values()) c.destroy();
  },
  (err) => {
    console.error(`bare-sdk: ${err?.name ?? 'Error'}: ${err?.message ?? err}`);
    process.exit(1);
  },
);
