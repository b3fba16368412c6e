/**
 * The object calls of the demo server: GET and HEAD (ranges, part numbers,
 * conditions), PUT, CopyObject, DELETE and the object's tags.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, openSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { Readable, Transform } from 'node:stream';
import { parseRange, type ByteRange } from './byte-range.js';
import { header, intParam, isoDate, param, sendEmpty, sendXml, type Call } from './call.js';
import { checkConditions } from './conditions.js';
import { checkTags, keptHeaders, objectHeaders, tagsFromHeader, userMeta } from './object-fields.js';
import { checkKey, type Bucket, type StoredObject } from './object-store.js';
import { readSmallBody, writeBody } from './request-body.js';
import { S3Error } from './s3-error.js';
import { childrenNamed, childText, readXmlBody, xmlDocument } from './xml-doc.js';

/** The demo keeps one version of each object; S3 calls it "null". */
function checkVersion(call: Call): void {
  const v = param(call, 'versionId');
  if (v !== undefined && v !== 'null')
    throw new S3Error('NoSuchVersion', 404, `The version ${v.slice(0, 60)} of ${call.key} does not exist.`);
}

/** The bytes of part `n` of `o` (a single-PUT object has one part, itself). */
function partRange(o: StoredObject, n: number): ByteRange {
  const sizes = o.parts ?? [o.size];
  if (n > sizes.length) throw new S3Error('InvalidPartNumber', 416, `The object has ${sizes.length} part(s); part ${n} does not exist.`);
  const start = sizes.slice(0, n - 1).reduce((a, b) => a + b, 0);
  return { start, end: start + (sizes[n - 1] ?? 0) - 1 };
}

export function getObject(call: Call, bucket: Bucket, head: boolean): void {
  checkVersion(call);
  const o = call.store.get(bucket, call.key);
  checkConditions(call.req.headers, o, '', true);
  const headers = objectHeaders(o);
  let range: ByteRange | undefined;
  if (param(call, 'partNumber') !== undefined) {
    range = partRange(o, intParam(call, 'partNumber', 1, 1, 10000));
    headers['x-amz-mp-parts-count'] = String(o.parts?.length ?? 1);
  } else range = parseRange(header(call, 'range'), o.size);
  let status = 200;
  if (range && range.end >= range.start) {
    status = 206;
    headers['content-range'] = `bytes ${range.start}-${range.end}/${o.size}`;
  }
  const length = range ? range.end - range.start + 1 : o.size;
  headers['content-length'] = String(Math.max(0, length));
  if (head || length <= 0) {
    call.res.writeHead(status, headers);
    call.res.end();
    return;
  }
  // Opened now, so an overwrite that removes the file after this point cannot cut the answer short.
  const fd = openSync(o.file, 'r');
  const stream = createReadStream('', { fd, start: range?.start ?? 0, end: range?.end ?? o.size - 1 });
  call.res.writeHead(status, headers);
  // A reader gone midway ends the stream, which closes the file.
  pipeline(stream, call.res).catch(() => call.res.destroy());
}

export async function putObject(call: Call, bucket: Bucket): Promise<void> {
  checkKey(call.key);
  if (header(call, 'x-amz-copy-source') !== undefined) return copyObject(call, bucket);
  const headers = keptHeaders(call.req.headers);
  const meta = userMeta(call.req.headers);
  const tags = tagsFromHeader(header(call, 'x-amz-tagging'));
  checkConditions(call.req.headers, bucket.objects.get(call.key), '', false);
  const file = call.store.newFile();
  try {
    const body = await writeBody(call.req, file);
    // The key may have been written while these bytes arrived: the condition holds at the moment of writing.
    checkConditions(call.req.headers, bucket.objects.get(call.key), '', false);
    const etag = `"${body.md5.toString('hex')}"`;
    call.store.put(bucket, { key: call.key, file, size: body.size, etag, lastModified: new Date(), headers, meta, tags });
    sendEmpty(call, 200, { etag });
  } catch (err) {
    call.store.removeFile(file);
    throw err;
  }
}

/** `x-amz-copy-source` (`/bucket/key` or `bucket/key`, percent-encoded, perhaps `?versionId=`) → its object. */
export function copySource(call: Call): { bucket: Bucket; object: StoredObject } {
  const raw = header(call, 'x-amz-copy-source') ?? '';
  const [pathPart, query = ''] = raw.split('?', 2) as [string, string?];
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathPart.replace(/^\//, ''));
  } catch {
    throw new S3Error('InvalidArgument', 400, 'x-amz-copy-source is not valid percent-encoding.');
  }
  const slash = decoded.indexOf('/');
  if (slash <= 0 || slash === decoded.length - 1)
    throw new S3Error('InvalidArgument', 400, 'x-amz-copy-source must name a bucket and a key.');
  const version = new URLSearchParams(query).get('versionId');
  const bucket = call.store.bucket(decoded.slice(0, slash));
  const key = decoded.slice(slash + 1);
  if (version !== null && version !== 'null')
    throw new S3Error('NoSuchVersion', 404, `The version ${version.slice(0, 60)} of ${key} does not exist.`);
  const object = call.store.get(bucket, key);
  checkConditions(call.req.headers, object, 'x-amz-copy-source-', false);
  return { bucket, object };
}

/** Copies `length` bytes of `src` from `start` into a new file of the store, hashing them. */
export async function copyBytes(call: Call, src: StoredObject, start: number, length: number): Promise<{ file: string; md5: Buffer }> {
  const file = call.store.newFile();
  const md5 = createHash('md5');
  try {
    const hasher = new Transform({
      transform(chunk: Buffer, _e, cb) {
        md5.update(chunk);
        cb(null, chunk);
      },
    });
    const from = length > 0 ? createReadStream('', { fd: openSync(src.file, 'r'), start, end: start + length - 1 }) : Readable.from([]);
    await pipeline(from, hasher, createWriteStream(file));
    return { file, md5: md5.digest() };
  } catch (err) {
    call.store.removeFile(file);
    throw err;
  }
}

async function copyObject(call: Call, bucket: Bucket): Promise<void> {
  const { bucket: fromBucket, object: src } = copySource(call);
  const replaceMeta = (header(call, 'x-amz-metadata-directive') ?? 'COPY').toUpperCase() === 'REPLACE';
  const replaceTags = (header(call, 'x-amz-tagging-directive') ?? 'COPY').toUpperCase() === 'REPLACE';
  if (fromBucket === bucket && src.key === call.key && !replaceMeta)
    throw new S3Error(
      'InvalidRequest',
      400,
      "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata.",
    );
  const headers = replaceMeta ? keptHeaders(call.req.headers) : { ...src.headers };
  const meta = replaceMeta ? userMeta(call.req.headers) : { ...src.meta };
  const tags = replaceTags ? tagsFromHeader(header(call, 'x-amz-tagging')) : { ...src.tags };
  checkConditions(call.req.headers, bucket.objects.get(call.key), '', false);
  const { file, md5 } = await copyBytes(call, src, 0, src.size);
  // A copy is one object however its source was written: its ETag is the MD5 of its bytes.
  const stored: StoredObject = {
    key: call.key,
    file,
    size: src.size,
    etag: `"${md5.toString('hex')}"`,
    lastModified: new Date(),
    headers,
    meta,
    tags,
  };
  call.store.put(bucket, stored);
  sendXml(call, 200, xmlDocument('CopyObjectResult', { LastModified: isoDate(stored.lastModified), ETag: stored.etag }));
}

export function deleteObject(call: Call, bucket: Bucket): void {
  checkVersion(call);
  call.store.delete(bucket, call.key);
  sendEmpty(call, 204);
}

export async function objectTagging(call: Call, bucket: Bucket, method: string): Promise<void> {
  checkVersion(call);
  const o = call.store.get(bucket, call.key);
  if (method === 'GET') {
    const tags = Object.entries(o.tags).map(([Key, Value]) => ({ Key, Value }));
    return sendXml(call, 200, xmlDocument('Tagging', { TagSet: { Tag: tags } }));
  }
  if (method === 'DELETE') {
    o.tags = {};
    return sendEmpty(call, 204);
  }
  const doc = readXmlBody(await readSmallBody(call.req), 'Tagging');
  const tags: Record<string, string> = {};
  for (const set of childrenNamed(doc, 'TagSet'))
    for (const tag of childrenNamed(set, 'Tag')) {
      const k = childText(tag, 'Key') ?? '';
      if (k in tags) throw new S3Error('InvalidTag', 400, `Cannot provide multiple tags with the same key (${k.slice(0, 40)}).`);
      tags[k] = childText(tag, 'Value') ?? '';
    }
  o.tags = checkTags(tags);
  sendEmpty(call, 200);
}

/** A request id for the answer's headers and error documents. */
export const requestId = () => randomUUID().replace(/-/g, '').slice(0, 16).toUpperCase();
