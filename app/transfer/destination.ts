/**
 * Writes one stream to an S3 prefix or a local folder. Small objects go as a
 * single PUT with Content-MD5 so the server checks every byte; larger ones as
 * a multipart upload with a bounded number of part buffers, so memory never
 * grows with object size. Local files are written beside the target and
 * renamed once complete, so a failure never leaves a half-written file under
 * the real name.
 */
import { HeadObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { access, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { FerryError } from '../api/errors.js';
import type { Location } from '../api/types.js';
import { requireAbsolute } from '../local/local-browse.js';
import type { CarriedAttributes } from './source.js';

export const PART_SIZE = 8 * 1024 * 1024;
const PARTS_IN_FLIGHT = 4;

export interface WriteResult {
  destinationId: string;
  method: 'single-put' | 'multipart' | 'local-write';
}

async function exists(client: S3Client, bucket: string, key: string, signal: AbortSignal): Promise<boolean> {
  try {
    await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }), { abortSignal: signal });
    return true;
  } catch (err) {
    const status = (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    if (status === 404) return false;
    throw err;
  }
}

async function readAll(body: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

export async function writeToS3(
  client: S3Client,
  location: Extract<Location, { kind: 's3' }>,
  name: string,
  size: number,
  body: Readable,
  attributes: CarriedAttributes,
  signal: AbortSignal,
): Promise<WriteResult> {
  if (!location.bucket) throw new FerryError('invalid-arguments', 'Open a bucket before dropping objects on it.');
  const key = location.prefix + name;
  if (await exists(client, location.bucket, key, signal)) {
    body.destroy();
    throw new FerryError('conflict', `"${key}" already exists in ${location.bucket}; Ferry did not overwrite it.`, {
      details: { bucket: location.bucket, key },
    });
  }
  const common = {
    Bucket: location.bucket,
    Key: key,
    ContentType: attributes.contentType,
    CacheControl: attributes.cacheControl,
    ContentDisposition: attributes.contentDisposition,
    ContentEncoding: attributes.contentEncoding,
    ContentLanguage: attributes.contentLanguage,
    Metadata: attributes.metadata,
  };
  if (size < PART_SIZE) {
    // Zero-byte and small objects: one PUT, never multipart, with an MD5 the server verifies.
    const bytes = await readAll(body);
    const md5 = createHash('md5').update(bytes).digest('base64');
    await client.send(new PutObjectCommand({ ...common, Body: bytes, ContentLength: bytes.length, ContentMD5: md5 }), {
      abortSignal: signal,
    });
    return { destinationId: key, method: 'single-put' };
  }
  const upload = new Upload({
    client,
    params: { ...common, Body: body },
    partSize: PART_SIZE,
    queueSize: PARTS_IN_FLIGHT,
    leavePartsOnError: false,
  });
  const abort = (): void => void upload.abort();
  signal.addEventListener('abort', abort, { once: true });
  try {
    await upload.done();
  } finally {
    signal.removeEventListener('abort', abort);
  }
  return { destinationId: key, method: 'multipart' };
}

/** Refuses names that would place the file anywhere but directly inside the chosen folder. */
export function safeLocalTarget(folder: string, name: string): string {
  const dir = requireAbsolute(folder);
  if (name === '' || name === '.' || name === '..' || name.includes('/') || name.includes('\\') || name.includes('\0')) {
    throw new FerryError('unsafe-path', `"${name}" cannot be written as a file name inside ${dir}.`, { details: { name } });
  }
  const target = path.resolve(dir, name);
  if (path.dirname(target) !== path.resolve(dir)) {
    throw new FerryError('unsafe-path', `"${name}" would leave the folder ${dir}.`, { details: { name } });
  }
  return target;
}

export async function writeToLocal(folder: string, name: string, body: Readable, signal: AbortSignal): Promise<WriteResult> {
  const target = safeLocalTarget(folder, name);
  const taken = await access(target).then(
    () => true,
    () => false,
  );
  if (taken) {
    body.destroy();
    throw new FerryError('conflict', `${target} already exists; Ferry did not overwrite it.`, { details: { path: target } });
  }
  const temp = path.join(path.dirname(target), `.${name}.ferry-${randomBytes(4).toString('hex')}.part`);
  try {
    await pipeline(body, createWriteStream(temp, { flags: 'wx' }), { signal });
    await rename(temp, target);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
  return { destinationId: target, method: 'local-write' };
}
