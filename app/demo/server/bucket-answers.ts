/**
 * The bucket calls of the demo server: list buckets, create, delete, head,
 * location and versioning (the demo keeps no versions: never enabled),
 * listings (v2, v1 and versions, each object its one "null" version) and
 * DeleteObjects.
 */
import { escapePath } from '../../base/uri-escape.js';
import { intParam, isoDate, param, sendEmpty, sendXml, type Call } from './call.js';
import { walkKeys } from './list-walk.js';
import type { Bucket, StoredObject } from './object-store.js';
import { readSmallBody, drainBody } from './request-body.js';
import { S3Error } from './s3-error.js';
import { childrenNamed, childText, readXmlBody, xmlDocument, type XmlTree } from './xml-doc.js';

const OWNER = { ID: 'ferry-demo', DisplayName: 'ferry-demo' };
/** DeleteObjects takes at most this many keys, as in S3. */
const MAX_DELETE = 1000;

export function listBuckets(call: Call): void {
  const buckets = call.store.buckets().map((b) => ({ Name: b.name, CreationDate: isoDate(b.created) }));
  sendXml(call, 200, xmlDocument('ListAllMyBucketsResult', { Owner: OWNER, Buckets: { Bucket: buckets } }));
}

export async function createBucket(call: Call): Promise<void> {
  // The body may name a location; the demo has one region.
  await drainBody(call.req);
  call.store.createBucket(call.bucket);
  sendEmpty(call, 200, { location: `/${call.bucket}` });
}

export function deleteBucket(call: Call): void {
  call.store.deleteBucket(call.bucket);
  sendEmpty(call, 204);
}

export function headBucket(call: Call): void {
  call.store.bucket(call.bucket);
  sendEmpty(call, 200, { 'x-amz-bucket-region': call.region });
}

export function bucketLocation(call: Call, bucket: Bucket): void {
  void bucket;
  // us-east-1 is written as an empty constraint, as S3 does.
  const region = call.region === 'us-east-1' ? '' : call.region;
  sendXml(
    call,
    200,
    `<?xml version="1.0" encoding="UTF-8"?>\n<LocationConstraint xmlns="http://s3.amazonaws.com/doc/2006-03-01/">${region}</LocationConstraint>`,
  );
}

export function bucketVersioning(call: Call): void {
  sendXml(call, 200, xmlDocument('VersioningConfiguration', {}));
}

/** With encoding-type=url, keys and prefixes go percent-encoded (slashes kept), so any key survives XML. */
function encoder(call: Call): (s: string) => string {
  const enc = param(call, 'encoding-type');
  if (enc !== undefined && enc !== 'url')
    throw new S3Error('InvalidArgument', 400, `Invalid Encoding Method specified in Request: ${enc.slice(0, 20)}.`);
  return enc === 'url' ? escapePath : (s) => s;
}

function entry(o: StoredObject, e: (s: string) => string): XmlTree {
  return { Key: e(o.key), LastModified: isoDate(o.lastModified), ETag: o.etag, Size: o.size, StorageClass: 'STANDARD' };
}

/** Continuation tokens are opaque to clients: the last entry of the page, base64url. */
const token = (last: string) => Buffer.from(last, 'utf8').toString('base64url');
function untoken(t: string): string {
  const s = Buffer.from(t, 'base64url').toString('utf8');
  if (token(s) !== t) throw new S3Error('InvalidArgument', 400, 'The continuation token provided is incorrect.');
  return s;
}

export function listObjects(call: Call, bucket: Bucket): void {
  const v2 = param(call, 'list-type') === '2';
  if (!v2 && param(call, 'list-type') !== undefined) throw new S3Error('InvalidArgument', 400, 'list-type must be 2.');
  const e = encoder(call);
  const prefix = param(call, 'prefix') ?? '';
  const delimiter = param(call, 'delimiter') ?? '';
  const maxKeys = intParam(call, 'max-keys', 1000, 0, 2147483647);
  const cont = param(call, 'continuation-token');
  const startAfter = param(call, 'start-after') ?? '';
  const marker = v2 ? (cont !== undefined ? untoken(cont) : startAfter) : (param(call, 'marker') ?? '');
  const page = walkKeys(call.store.sortedKeys(bucket), { prefix, delimiter, marker, maxKeys: Math.min(maxKeys, 1000) });
  const listed = (keys: string[]) => keys.flatMap((k) => bucket.objects.get(k) ?? []);
  const contents = listed(page.keys).map((o) => entry(o, e));
  const common = page.prefixes.map((p) => ({ Prefix: e(p) }));
  const enc = param(call, 'encoding-type') ? { EncodingType: 'url' } : {};
  const tree: XmlTree = v2
    ? {
        Name: bucket.name,
        Prefix: e(prefix),
        ...(cont !== undefined ? { ContinuationToken: cont } : {}),
        ...(startAfter ? { StartAfter: e(startAfter) } : {}),
        ...(page.truncated && page.last !== undefined ? { NextContinuationToken: token(page.last) } : {}),
        KeyCount: contents.length + common.length,
        MaxKeys: maxKeys,
        ...(delimiter ? { Delimiter: e(delimiter) } : {}),
        IsTruncated: page.truncated,
        ...enc,
        Contents: contents,
        CommonPrefixes: common,
      }
    : {
        Name: bucket.name,
        Prefix: e(prefix),
        Marker: e(marker),
        ...(page.truncated && delimiter && page.last !== undefined ? { NextMarker: e(page.last) } : {}),
        MaxKeys: maxKeys,
        ...(delimiter ? { Delimiter: e(delimiter) } : {}),
        IsTruncated: page.truncated,
        ...enc,
        Contents: contents,
        CommonPrefixes: common,
      };
  sendXml(call, 200, xmlDocument('ListBucketResult', tree));
}

export function listVersions(call: Call, bucket: Bucket): void {
  const e = encoder(call);
  const prefix = param(call, 'prefix') ?? '';
  const delimiter = param(call, 'delimiter') ?? '';
  const maxKeys = intParam(call, 'max-keys', 1000, 0, 2147483647);
  const keyMarker = param(call, 'key-marker') ?? '';
  const page = walkKeys(call.store.sortedKeys(bucket), { prefix, delimiter, marker: keyMarker, maxKeys: Math.min(maxKeys, 1000) });
  const versions = page.keys
    .flatMap((k) => bucket.objects.get(k) ?? [])
    .map((o) => ({ ...entry(o, e), VersionId: 'null', IsLatest: true, Owner: OWNER }));
  sendXml(
    call,
    200,
    xmlDocument('ListVersionsResult', {
      Name: bucket.name,
      Prefix: e(prefix),
      KeyMarker: e(keyMarker),
      VersionIdMarker: '',
      ...(page.truncated && page.last !== undefined ? { NextKeyMarker: e(page.last), NextVersionIdMarker: 'null' } : {}),
      MaxKeys: maxKeys,
      ...(delimiter ? { Delimiter: e(delimiter) } : {}),
      IsTruncated: page.truncated,
      ...(param(call, 'encoding-type') ? { EncodingType: 'url' } : {}),
      Version: versions,
      CommonPrefixes: page.prefixes.map((p) => ({ Prefix: e(p) })),
    }),
  );
}

export async function deleteObjects(call: Call, bucket: Bucket): Promise<void> {
  const doc = readXmlBody(await readSmallBody(call.req), 'Delete');
  const objects = childrenNamed(doc, 'Object');
  if (objects.length > MAX_DELETE)
    throw new S3Error('MalformedXML', 400, `A DeleteObjects request may name at most ${MAX_DELETE} keys (${objects.length} given).`);
  const quiet = childText(doc, 'Quiet')?.trim() === 'true';
  const deleted: XmlTree[] = [];
  const errors: XmlTree[] = [];
  for (const o of objects) {
    const key = childText(o, 'Key') ?? '';
    const version = childText(o, 'VersionId');
    if (!key) errors.push({ Key: key, Code: 'InvalidArgument', Message: 'An object to delete has no key.' });
    else if (version !== undefined && version !== 'null')
      errors.push({ Key: key, VersionId: version, Code: 'NoSuchVersion', Message: 'The demo keeps one version of each object.' });
    else {
      call.store.delete(bucket, key);
      if (!quiet) deleted.push({ Key: key, ...(version !== undefined ? { VersionId: version } : {}) });
    }
  }
  sendXml(call, 200, xmlDocument('DeleteResult', { Deleted: deleted, Error: errors }));
}
