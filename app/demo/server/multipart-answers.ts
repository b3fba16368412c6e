/**
 * Multipart uploads on the demo server: create, upload a part (from the
 * body or copied from an object's range), list parts, complete (parts
 * joined on disk in order; the ETag is S3's composite, the MD5 of the parts'
 * MD5s followed by -N), abort, and the bucket's list of uploads.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { header, intParam, isoDate, param, sendEmpty, sendXml, type Call } from './call.js';
import { checkConditions } from './conditions.js';
import { copyBytes, copySource } from './object-answers.js';
import { keptHeaders, tagsFromHeader, userMeta } from './object-fields.js';
import { checkKey, type Bucket, type StoredPart, type Upload } from './object-store.js';
import { readSmallBody, writeBody } from './request-body.js';
import { S3Error } from './s3-error.js';
import { childrenNamed, childText, readXmlBody, xmlDocument } from './xml-doc.js';
import { compareKeys } from './key-order.js';

/** S3's smallest part, except the last. */
export const MIN_PART_SIZE = 5 * 1024 * 1024;

export function createUpload(call: Call, bucket: Bucket): void {
  checkKey(call.key);
  const upload: Upload = {
    id: randomUUID().replace(/-/g, ''),
    key: call.key,
    initiated: new Date(),
    headers: keptHeaders(call.req.headers),
    meta: userMeta(call.req.headers),
    tags: tagsFromHeader(header(call, 'x-amz-tagging')),
    parts: new Map(),
  };
  bucket.uploads.set(upload.id, upload);
  sendXml(call, 200, xmlDocument('InitiateMultipartUploadResult', { Bucket: bucket.name, Key: call.key, UploadId: upload.id }));
}

function uploadOf(call: Call, bucket: Bucket): Upload {
  const upload = call.store.upload(bucket, param(call, 'uploadId') ?? '');
  if (upload.key !== call.key) throw new S3Error('NoSuchUpload', 404, 'The multipart upload belongs to another key.');
  return upload;
}

function keepPart(call: Call, upload: Upload, part: StoredPart): void {
  const old = upload.parts.get(part.number);
  upload.parts.set(part.number, part);
  if (old) call.store.removeFile(old.file);
}

export async function uploadPart(call: Call, bucket: Bucket): Promise<void> {
  const upload = uploadOf(call, bucket);
  const number = intParam(call, 'partNumber', 0, 1, 10000);
  if (header(call, 'x-amz-copy-source') !== undefined) return uploadPartCopy(call, upload, number);
  const file = call.store.newFile();
  try {
    const body = await writeBody(call.req, file);
    const etag = `"${body.md5.toString('hex')}"`;
    // The upload may have been aborted while the bytes arrived.
    if (!bucket.uploads.has(upload.id)) throw new S3Error('NoSuchUpload', 404, 'The multipart upload was aborted.');
    keepPart(call, upload, { number, file, size: body.size, etag, md5: body.md5, lastModified: new Date() });
    sendEmpty(call, 200, { etag });
  } catch (err) {
    call.store.removeFile(file);
    throw err;
  }
}

async function uploadPartCopy(call: Call, upload: Upload, number: number): Promise<void> {
  const { object: src } = copySource(call);
  let start = 0;
  let length = src.size;
  const range = header(call, 'x-amz-copy-source-range');
  if (range !== undefined) {
    const m = /^bytes=(\d+)-(\d+)$/.exec(range.trim());
    if (!m || Number(m[2]) < Number(m[1]) || Number(m[2]) >= src.size)
      throw new S3Error(
        'InvalidArgument',
        400,
        `The x-amz-copy-source-range ${range.slice(0, 60)} is not a range inside the ${src.size}-byte source.`,
      );
    start = Number(m[1]);
    length = Number(m[2]) - start + 1;
  }
  const { file, md5 } = await copyBytes(call, src, start, length);
  const part: StoredPart = { number, file, size: length, etag: `"${md5.toString('hex')}"`, md5, lastModified: new Date() };
  keepPart(call, upload, part);
  sendXml(call, 200, xmlDocument('CopyPartResult', { LastModified: isoDate(part.lastModified), ETag: part.etag }));
}

export async function completeUpload(call: Call, bucket: Bucket): Promise<void> {
  const upload = uploadOf(call, bucket);
  const doc = readXmlBody(await readSmallBody(call.req), 'CompleteMultipartUpload');
  const listed = childrenNamed(doc, 'Part').map((p) => ({
    number: Number(childText(p, 'PartNumber')),
    etag: (childText(p, 'ETag') ?? '').trim(),
  }));
  if (listed.length === 0) throw new S3Error('MalformedXML', 400, 'The list of parts to complete is empty.');
  const parts: StoredPart[] = [];
  let previous = 0;
  for (const p of listed) {
    if (!(p.number > previous))
      throw new S3Error('InvalidPartOrder', 400, 'The list of parts was not in ascending order. Parts must be ordered by part number.');
    const part = upload.parts.get(p.number);
    if (!part || (part.etag !== p.etag && part.etag !== `"${p.etag}"`))
      throw new S3Error('InvalidPart', 400, `Part ${p.number} was not uploaded, or its ETag does not match ${p.etag.slice(0, 40)}.`);
    parts.push(part);
    previous = p.number;
  }
  for (const part of parts.slice(0, -1))
    if (part.size < MIN_PART_SIZE)
      throw new S3Error(
        'EntityTooSmall',
        400,
        `Part ${part.number} has ${part.size} bytes; every part but the last needs at least ${MIN_PART_SIZE}.`,
      );
  checkConditions(call.req.headers, bucket.objects.get(call.key), '', false);
  const file = call.store.newFile();
  try {
    const out = createWriteStream(file);
    for (const part of parts) await pipeline(createReadStream(part.file), out, { end: false });
    await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  } catch (err) {
    call.store.removeFile(file);
    throw err;
  }
  const composite = createHash('md5');
  for (const part of parts) composite.update(part.md5);
  const etag = `"${composite.digest('hex')}-${parts.length}"`;
  const size = parts.reduce((n, p) => n + p.size, 0);
  call.store.put(bucket, {
    key: call.key,
    file,
    size,
    etag,
    lastModified: new Date(),
    headers: upload.headers,
    meta: upload.meta,
    tags: upload.tags,
    parts: parts.map((p) => p.size),
  });
  // Parts named in the list became the object; the others are dropped with the upload.
  for (const part of parts) call.store.removeFile(part.file);
  call.store.dropUpload(bucket, upload);
  sendXml(
    call,
    200,
    xmlDocument('CompleteMultipartUploadResult', {
      Location: `/${bucket.name}/${call.key}`,
      Bucket: bucket.name,
      Key: call.key,
      ETag: etag,
    }),
  );
}

export function abortUpload(call: Call, bucket: Bucket): void {
  call.store.dropUpload(bucket, uploadOf(call, bucket));
  sendEmpty(call, 204);
}

export function listParts(call: Call, bucket: Bucket): void {
  const upload = uploadOf(call, bucket);
  const marker = intParam(call, 'part-number-marker', 0, 0, 10000);
  const max = intParam(call, 'max-parts', 1000, 0, 1000);
  const all = [...upload.parts.values()].filter((p) => p.number > marker).sort((a, b) => a.number - b.number);
  const page = all.slice(0, max);
  const truncated = all.length > page.length;
  sendXml(
    call,
    200,
    xmlDocument('ListPartsResult', {
      Bucket: bucket.name,
      Key: upload.key,
      UploadId: upload.id,
      PartNumberMarker: marker,
      ...(truncated ? { NextPartNumberMarker: page[page.length - 1]?.number ?? marker } : {}),
      MaxParts: max,
      IsTruncated: truncated,
      Part: page.map((p) => ({ PartNumber: p.number, LastModified: isoDate(p.lastModified), ETag: p.etag, Size: p.size })),
      StorageClass: 'STANDARD',
    }),
  );
}

export function listUploads(call: Call, bucket: Bucket): void {
  const prefix = param(call, 'prefix') ?? '';
  const uploads = [...bucket.uploads.values()]
    .filter((u) => u.key.startsWith(prefix))
    .sort((a, b) => compareKeys(a.key, b.key) || a.initiated.getTime() - b.initiated.getTime());
  const max = intParam(call, 'max-uploads', 1000, 0, 1000);
  const page = uploads.slice(0, max);
  sendXml(
    call,
    200,
    xmlDocument('ListMultipartUploadsResult', {
      Bucket: bucket.name,
      Prefix: prefix,
      MaxUploads: max,
      IsTruncated: uploads.length > page.length,
      Upload: page.map((u) => ({ Key: u.key, UploadId: u.id, Initiated: isoDate(u.initiated), StorageClass: 'STANDARD' })),
    }),
  );
}
