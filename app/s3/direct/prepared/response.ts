/**
 * Reading a direct request's answer into the same shapes the SDK gives:
 * outputs with the SDK's field names (ETag, ContentLength, Metadata, …) and
 * errors shaped as the SDK's S3ServiceException: the S3 error code as `name`,
 * the status in `$metadata` and the raw headers in `$response`. Everything
 * downstream — retries, conflict checks, error mapping, the region memory —
 * reads those fields and cannot tell which path a request took.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';

export type Headers = Record<string, string | undefined>;

export interface ResponseMetadata {
  httpStatusCode: number;
  requestId?: string;
  extendedRequestId?: string;
  attempts: number;
  totalRetryDelay: number;
}

// The loops below run for every response of a transfer (a folder of small files: one or two per object), so they walk
// the objects with for…in instead of Object.entries, which allocates an array per header and per field
// (an allocation profile of 10,000 downloads put them first; docs/performance.md).
export function flatHeaders(raw: IncomingHttpHeaders | Record<string, string>): Headers {
  const out: Headers = {};
  for (const name in raw) {
    const value = raw[name];
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

export function metadataOf(status: number, headers: Headers): ResponseMetadata {
  return {
    httpStatusCode: status,
    ...(headers['x-amz-request-id'] ? { requestId: headers['x-amz-request-id'] } : {}),
    ...(headers['x-amz-id-2'] ? { extendedRequestId: headers['x-amz-id-2'] } : {}),
    attempts: 1,
    totalRetryDelay: 0,
  };
}

function dateOf(value: string | undefined): Date | undefined {
  if (!value) return undefined;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

function numberOf(value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}

/** Header name → SDK output field, for the plain string headers of object responses. */
const STRING_FIELDS: Record<string, string> = {
  etag: 'ETag',
  'content-type': 'ContentType',
  'content-encoding': 'ContentEncoding',
  'content-disposition': 'ContentDisposition',
  'content-language': 'ContentLanguage',
  'content-range': 'ContentRange',
  'cache-control': 'CacheControl',
  'accept-ranges': 'AcceptRanges',
  'x-amz-version-id': 'VersionId',
  'x-amz-storage-class': 'StorageClass',
  'x-amz-server-side-encryption': 'ServerSideEncryption',
  'x-amz-server-side-encryption-aws-kms-key-id': 'SSEKMSKeyId',
  'x-amz-website-redirect-location': 'WebsiteRedirectLocation',
  'x-amz-replication-status': 'ReplicationStatus',
  'x-amz-object-lock-mode': 'ObjectLockMode',
  'x-amz-object-lock-legal-hold': 'ObjectLockLegalHoldStatus',
  'x-amz-restore': 'Restore',
  'x-amz-expiration': 'Expiration',
  'x-amz-checksum-crc32': 'ChecksumCRC32',
  'x-amz-checksum-crc32c': 'ChecksumCRC32C',
  'x-amz-checksum-crc64nvme': 'ChecksumCRC64NVME',
  'x-amz-checksum-sha1': 'ChecksumSHA1',
  'x-amz-checksum-sha256': 'ChecksumSHA256',
  'x-amz-checksum-type': 'ChecksumType',
};

const META_PREFIX = 'x-amz-meta-';

/** The fields an object response (HEAD, GET, PUT, UploadPart) carries in its headers. */
export function objectOutput(status: number, headers: Headers): Record<string, unknown> {
  const out: Record<string, unknown> = { $metadata: metadataOf(status, headers) };
  for (const header in STRING_FIELDS) {
    const value = headers[header];
    if (value !== undefined) out[STRING_FIELDS[header] as string] = value;
  }
  const length = numberOf(headers['content-length']);
  if (length !== undefined) out.ContentLength = length;
  const modified = dateOf(headers['last-modified']);
  if (modified) out.LastModified = modified;
  if (headers.expires !== undefined) {
    out.ExpiresString = headers.expires;
    const expires = dateOf(headers.expires);
    if (expires) out.Expires = expires;
  }
  const retain = dateOf(headers['x-amz-object-lock-retain-until-date']);
  if (retain) out.ObjectLockRetainUntilDate = retain;
  const tagCount = numberOf(headers['x-amz-tagging-count']);
  if (tagCount !== undefined) out.TagCount = tagCount;
  const partsCount = numberOf(headers['x-amz-mp-parts-count']);
  if (partsCount !== undefined) out.PartsCount = partsCount;
  const missing = numberOf(headers['x-amz-missing-meta']);
  if (missing !== undefined) out.MissingMeta = missing;
  if (headers['x-amz-delete-marker'] !== undefined) out.DeleteMarker = headers['x-amz-delete-marker'] === 'true';
  // The SDK always gives HEAD and GET a Metadata map, empty or not.
  const metadata: Record<string, string> = {};
  for (const name in headers) {
    const value = headers[name];
    if (value !== undefined && name.startsWith(META_PREFIX)) metadata[name.slice(META_PREFIX.length)] = value;
  }
  out.Metadata = metadata;
  return out;
}

/**
 * Reads a response body (an error document, a copy result, a listing page)
 * as text, capped so a hostile server cannot fill memory. An error document
 * past the cap is cut (its head says what went wrong); a document Ferry must
 * read whole fails instead of being read in part.
 */
export async function readText(body: Readable, cap = 256 * 1024, whole = false): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const buf = chunk as Buffer;
    if (size < cap) chunks.push(buf.subarray(0, cap - size));
    size += buf.length;
    if (whole && size > cap) {
      body.destroy();
      throw new Error(`The server's answer is larger than ${cap} bytes.`);
    }
  }
  return Buffer.concat(chunks).toString('utf8');
}

const ENTITIES: Record<string, string> = { '&quot;': '"', '&amp;': '&', '&lt;': '<', '&gt;': '>', '&apos;': "'" };

export function unescapeXml(text: string): string {
  return text.replace(/&(quot|amp|lt|gt|apos);|&#(\d+);|&#x([0-9a-f]+);/gi, (m, _n: string, dec?: string, hex?: string) => {
    // A reference to no character (past U+10FFFF) stays as written instead of throwing a RangeError.
    const cp = dec ? Number(dec) : hex ? parseInt(hex, 16) : NaN;
    if (dec || hex) return cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
    return ENTITIES[m.toLowerCase()] ?? m;
  });
}

/** The text of the first <tag>…</tag> in a flat XML document (S3's error and copy-result documents are flat). */
export function xmlField(xml: string, tag: string): string | undefined {
  // indexOf, not a lazy regex: an unclosed tag repeated through a large body would make the regex quadratic.
  const open = xml.indexOf(`<${tag}>`);
  if (open < 0) return undefined;
  const start = open + tag.length + 2;
  const close = xml.indexOf(`</${tag}>`, start);
  return close < 0 ? undefined : unescapeXml(xml.slice(start, close));
}

/** The error codes that are about the request's bucket, not its key. */
export const BUCKET_ERRORS: ReadonlySet<string> = new Set(['NoSuchBucket', 'InvalidBucketName']);

/**
 * An S3 error answer, with the fields of the SDK's S3ServiceException (which the SDK itself recognises by these
 * fields, not by class): built here so that an answer on the direct path never loads the SDK (app/sdk/load-sdk.ts).
 */
export class S3AnswerError extends Error {
  readonly $fault: 'client' | 'server';
  readonly $metadata: ResponseMetadata;
  readonly $response: { statusCode: number; headers: Headers; body: undefined };

  constructor(name: string, message: string, status: number, headers: Headers) {
    super(message);
    this.name = name;
    this.$fault = status >= 500 ? 'server' : 'client';
    this.$metadata = metadataOf(status, headers);
    this.$response = { statusCode: status, headers, body: undefined };
  }
}

/** An S3 error answer as the SDK would throw it; `bucket` is the request's, for the errors about a bucket. */
export function serviceError(status: number, headers: Headers, xml: string, bucket?: string): S3AnswerError {
  const code = xmlField(xml, 'Code');
  const name = code ?? (status === 404 ? 'NotFound' : 'Unknown');
  const err = new S3AnswerError(name, xmlField(xml, 'Message') ?? code ?? 'UnknownError', status, headers);
  if (code) Object.assign(err, { Code: code });
  const requestId = xmlField(xml, 'RequestId');
  if (requestId) Object.assign(err, { RequestId: requestId });
  // As the SDK's reader keeps it: the bucket's name, for the message that names it (requests/error-mapping.ts). Not
  // every server puts it in the answer (MinIO leaves it out of InvalidBucketName); the request's own says the same.
  const named = xmlField(xml, 'BucketName') ?? (code && BUCKET_ERRORS.has(code) ? bucket : undefined);
  if (named) Object.assign(err, { BucketName: named });
  return err;
}
