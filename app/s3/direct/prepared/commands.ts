/**
 * The object commands a transfer sends by the thousand — HeadObject,
 * GetObject, PutObject, UploadPart, CopyObject, the listing pages that
 * plan it (ListObjectsV2) and the batches that delete (DeleteObjects) — as
 * plain HTTP requests.
 * Each input field Ferry uses maps to its header or query parameter; an
 * input with any other field, a streamed body or a body covered by neither
 * Content-MD5 nor a CRC32 is not described here (undefined) and goes through the SDK unchanged, so
 * the direct path never drops something a caller asked for.
 */
import { commandName } from '../../../sdk/light-command.js';
import { createHash } from 'node:crypto';
import { escapeXml, xmlCarries } from '../../../base/xml-text.js';

export type AnswerKind = 'head' | 'get' | 'put' | 'copy' | 'list' | 'delete';

export interface DirectSpec {
  method: 'GET' | 'HEAD' | 'PUT' | 'POST';
  bucket: string;
  /** Empty for a bucket-level request (a listing). */
  key: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body?: Uint8Array;
  answer: AnswerKind;
}

type Input = Record<string, unknown>;

/** Input field → request header, for plain string fields. */
const HEADER_FIELDS: Record<string, string> = {
  ContentType: 'content-type',
  ContentEncoding: 'content-encoding',
  ContentDisposition: 'content-disposition',
  ContentLanguage: 'content-language',
  CacheControl: 'cache-control',
  ContentMD5: 'content-md5',
  Tagging: 'x-amz-tagging',
  StorageClass: 'x-amz-storage-class',
  IfMatch: 'if-match',
  IfNoneMatch: 'if-none-match',
  Range: 'range',
  CopySource: 'x-amz-copy-source',
  CopySourceIfMatch: 'x-amz-copy-source-if-match',
  CopySourceIfNoneMatch: 'x-amz-copy-source-if-none-match',
  MetadataDirective: 'x-amz-metadata-directive',
  TaggingDirective: 'x-amz-tagging-directive',
  ChecksumCRC32: 'x-amz-checksum-crc32',
  ChecksumMode: 'x-amz-checksum-mode',
};

/** Input field → query parameter. */
const QUERY_FIELDS: Record<string, string> = {
  VersionId: 'versionId',
  PartNumber: 'partNumber',
  UploadId: 'uploadId',
};

/** ListObjectsV2 input field → query parameter. */
const LIST_QUERY: Record<string, string> = {
  Prefix: 'prefix',
  Delimiter: 'delimiter',
  MaxKeys: 'max-keys',
  ContinuationToken: 'continuation-token',
  StartAfter: 'start-after',
  EncodingType: 'encoding-type',
};

function buildList(input: Input): DirectSpec | undefined {
  const bucket = input.Bucket;
  if (typeof bucket !== 'string' || !bucket) return undefined;
  const query: Record<string, string> = { 'list-type': '2' };
  for (const field in input) {
    const value = input[field];
    if (value === undefined || field === 'Bucket') continue;
    const param = LIST_QUERY[field];
    if (!param || (typeof value !== 'string' && typeof value !== 'number')) return undefined;
    query[param] = String(value);
  }
  return { method: 'GET', bucket, key: '', query, headers: {}, answer: 'list' };
}

/** S3 takes at most this many keys in one DeleteObjects. */
const MOST_KEYS = 1000;

/**
 * A DeleteObjects batch: its XML body written here, covered by its
 * Content-MD5 (which every S3 server checks on this call). The SDK's
 * serialiser and its document reader for the answer were a fifth of a
 * 10,000-key delete's CPU (bench W8). Keys or version ids an XML body cannot
 * carry unchanged are left to the SDK (Ferry deletes such keys one by one
 * anyway).
 */
function buildDelete(input: Input): DirectSpec | undefined {
  const bucket = input.Bucket;
  if (typeof bucket !== 'string' || !bucket || !onlyFields(input, ['Bucket', 'Delete'])) return undefined;
  const del = input.Delete as Input | undefined;
  if (typeof del !== 'object' || del === null || !onlyFields(del, ['Objects', 'Quiet'])) return undefined;
  const objects = del.Objects;
  if (!Array.isArray(objects) || objects.length === 0 || objects.length > MOST_KEYS) return undefined;
  const quiet = del.Quiet;
  if (quiet !== undefined && typeof quiet !== 'boolean') return undefined;
  let xml = '<?xml version="1.0" encoding="UTF-8"?><Delete xmlns="http://s3.amazonaws.com/doc/2006-03-01/">';
  for (const o of objects as unknown[]) {
    if (typeof o !== 'object' || o === null || !onlyFields(o as Input, ['Key', 'VersionId'])) return undefined;
    const { Key: key, VersionId: version } = o as Input;
    if (typeof key !== 'string' || !key || !xmlCarries(key)) return undefined;
    if (version !== undefined && (typeof version !== 'string' || !xmlCarries(version))) return undefined;
    xml += `<Object><Key>${escapeXml(key)}</Key>${version !== undefined ? `<VersionId>${escapeXml(version)}</VersionId>` : ''}</Object>`;
  }
  if (quiet !== undefined) xml += `<Quiet>${String(quiet)}</Quiet>`;
  const body = Buffer.from(`${xml}</Delete>`, 'utf8');
  return {
    method: 'POST',
    bucket,
    key: '',
    query: { delete: '' },
    headers: { 'content-type': 'application/xml', 'content-md5': createHash('md5').update(body).digest('base64') },
    body,
    answer: 'delete',
  };
}

const READ_FIELDS = ['Bucket', 'Key', 'Range', 'IfMatch', 'IfNoneMatch', 'VersionId', 'PartNumber', 'ChecksumMode'];
const WRITE_FIELDS = [
  'Bucket',
  'Key',
  'Body',
  'ContentLength',
  'ContentMD5',
  'ContentType',
  'ContentEncoding',
  'ContentDisposition',
  'ContentLanguage',
  'CacheControl',
  'Metadata',
  'Tagging',
  'StorageClass',
  'IfMatch',
  'IfNoneMatch',
  'ChecksumCRC32',
];
const PART_FIELDS = ['Bucket', 'Key', 'Body', 'ContentLength', 'ContentMD5', 'ChecksumCRC32', 'PartNumber', 'UploadId'];
const COPY_FIELDS = [
  ...WRITE_FIELDS.filter((f) => f !== 'Body' && f !== 'ContentLength' && f !== 'ContentMD5' && f !== 'ChecksumCRC32'),
  'CopySource',
  'CopySourceIfMatch',
  'CopySourceIfNoneMatch',
  'MetadataDirective',
  'TaggingDirective',
];

/** Only the fields listed (undefined values do not count). */
function onlyFields(input: Input, allowed: readonly string[]): boolean {
  for (const field in input) {
    if (input[field] !== undefined && !allowed.includes(field)) return false;
  }
  return true;
}

function build(input: Input, method: DirectSpec['method'], answer: AnswerKind): DirectSpec | undefined {
  const { Bucket: bucket, Key: key } = input;
  if (typeof bucket !== 'string' || !bucket || typeof key !== 'string' || !key) return undefined;
  const headers: Record<string, string> = {};
  const query: Record<string, string> = {};
  // for…in, not Object.entries: this runs for every request of a transfer, and the entries are garbage at once.
  for (const field in input) {
    const value = input[field];
    if (value === undefined) continue;
    const header = HEADER_FIELDS[field];
    const param = QUERY_FIELDS[field];
    if (header) {
      if (typeof value !== 'string') return undefined;
      headers[header] = value;
    } else if (param) {
      if (typeof value !== 'string' && typeof value !== 'number') return undefined;
      query[param] = String(value);
    } else if (field === 'Metadata') {
      if (typeof value !== 'object' || value === null) return undefined;
      const meta = value as Record<string, unknown>;
      for (const name in meta) {
        const v = meta[name];
        if (typeof v !== 'string') return undefined;
        headers[`x-amz-meta-${name.toLowerCase()}`] = v;
      }
    }
  }
  const spec: DirectSpec = { method, bucket, key, query, headers, answer };
  const body = input.Body;
  if (body !== undefined) {
    // Only bytes in memory, covered by a digest the server checks.
    if (!(body instanceof Uint8Array) || !coveredByDigest(headers)) return undefined;
    if (input.ContentLength !== undefined && input.ContentLength !== body.byteLength) return undefined;
    spec.body = body;
  }
  return spec;
}

/**
 * Whether a request's headers carry a digest of its body that the server
 * checks (Content-MD5, or a CRC32): such a body needs no SHA-256 in the
 * signature, which would cost a pass over every byte on the event loop.
 */
export function coveredByDigest(headers: Record<string, string | undefined>): boolean {
  return headers['content-md5'] !== undefined || headers['x-amz-checksum-crc32'] !== undefined;
}

/** The request for `command`, or undefined when the SDK must send it. */
export function directSpec(command: unknown): DirectSpec | undefined {
  if (typeof command !== 'object' || command === null) return undefined;
  const input = (command as { input?: unknown }).input as Input;
  if (typeof input !== 'object' || input === null) return undefined;
  // By name: a light command (app/sdk/s3-commands.ts) or the SDK's own, whichever the caller built.
  switch (commandName(command)) {
    case 'HeadObjectCommand':
      return onlyFields(input, READ_FIELDS) ? build(input, 'HEAD', 'head') : undefined;
    case 'GetObjectCommand':
      return onlyFields(input, READ_FIELDS) ? build(input, 'GET', 'get') : undefined;
    case 'PutObjectCommand':
      return onlyFields(input, WRITE_FIELDS) && input.Body !== undefined ? build(input, 'PUT', 'put') : undefined;
    case 'UploadPartCommand':
      return onlyFields(input, PART_FIELDS) && input.Body !== undefined ? build(input, 'PUT', 'put') : undefined;
    case 'ListObjectsV2Command':
      return buildList(input);
    case 'DeleteObjectsCommand':
      return buildDelete(input);
    case 'CopyObjectCommand':
      return onlyFields(input, COPY_FIELDS) && typeof input.CopySource === 'string' ? build(input, 'PUT', 'copy') : undefined;
    default:
      return undefined;
  }
}
