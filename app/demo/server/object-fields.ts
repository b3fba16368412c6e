/**
 * What an object keeps from the request that wrote it — its content
 * headers, x-amz-meta-* and tags — and how it answers with them.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { StoredHeaders, StoredObject } from './object-store.js';
import { S3Error } from './s3-error.js';

const KEPT = ['content-type', 'content-encoding', 'content-disposition', 'content-language', 'cache-control', 'expires'];
const MAX_META_BYTES = 2048;
const MAX_TAGS = 10;

function text(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v.join(',') : v;
}

export function keptHeaders(headers: IncomingHttpHeaders): StoredHeaders {
  const out: StoredHeaders = {};
  for (const name of KEPT) {
    const v = text(headers[name]);
    if (v !== undefined) out[name] = v;
  }
  // Ferry never stores aws-chunked: it is how the body travelled, not what it is.
  if (out['content-encoding'])
    out['content-encoding'] = out['content-encoding']
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s && s !== 'aws-chunked')
      .join(',');
  if (!out['content-encoding']) delete out['content-encoding'];
  out['content-type'] ??= 'binary/octet-stream';
  return out;
}

export function userMeta(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  let bytes = 0;
  for (const [name, v] of Object.entries(headers)) {
    if (!name.startsWith('x-amz-meta-')) continue;
    const value = text(v) ?? '';
    out[name.slice('x-amz-meta-'.length)] = value;
    bytes += name.length - 'x-amz-meta-'.length + Buffer.byteLength(value);
  }
  if (bytes > MAX_META_BYTES)
    throw new S3Error(
      'MetadataTooLarge',
      400,
      `Your metadata headers exceed the maximum allowed metadata size (${bytes} of ${MAX_META_BYTES} bytes).`,
    );
  return out;
}

/** Tags from an `x-amz-tagging` header (a URL query string). */
export function tagsFromHeader(value: string | undefined): Record<string, string> {
  const tags: Record<string, string> = {};
  if (!value) return tags;
  for (const [k, v] of new URLSearchParams(value)) tags[k] = v;
  return checkTags(tags);
}

export function checkTags(tags: Record<string, string>): Record<string, string> {
  const n = Object.keys(tags).length;
  if (n > MAX_TAGS) throw new S3Error('BadRequest', 400, `Object tags cannot be greater than ${MAX_TAGS} (${n} given).`);
  for (const [k, v] of Object.entries(tags))
    if (k.length === 0 || k.length > 128 || v.length > 256)
      throw new S3Error(
        'InvalidTag',
        400,
        `The tag "${k.slice(0, 40)}" is not valid: a tag key has 1–128 characters and its value at most 256.`,
      );
  return tags;
}

/** The headers a GET or HEAD of `o` answers with (length and range are the caller's). */
export function objectHeaders(o: StoredObject): Record<string, string> {
  const out: Record<string, string> = {
    etag: o.etag,
    'last-modified': o.lastModified.toUTCString(),
    'accept-ranges': 'bytes',
    ...o.headers,
  };
  for (const [name, value] of Object.entries(o.meta)) out[`x-amz-meta-${name}`] = value;
  const tagCount = Object.keys(o.tags).length;
  if (tagCount > 0) out['x-amz-tagging-count'] = String(tagCount);
  return out;
}
