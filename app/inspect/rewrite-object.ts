/**
 * Changes what S3 only sets when an object is written (HTTP headers, user
 * metadata, storage class) by copying the object onto itself with those
 * replaced; restores an old version the same way, from that version. The
 * copy keeps everything the user did not touch: the other headers and
 * metadata, the tags (TaggingDirective COPY, or the tag set sent along on
 * the multipart path), the encryption settings, the object lock retention
 * and legal hold, and the ACL where the provider has ACLs. Above the
 * provider's CopyObject limit the bytes move as UploadPartCopy parts.
 * Afterwards the size (and a plain MD5 ETag) must match what was there.
 */
import {
  CopyObjectCommand,
  GetObjectAclCommand,
  HeadObjectCommand,
  GetObjectTaggingCommand,
  PutObjectAclCommand,
  type CopyObjectCommandInput,
  type GetObjectAclCommandOutput,
  type S3Client,
} from '@aws-sdk/client-s3';
import { DEFAULT_LIMITS, type ConnectionSummary, type ProviderLimits } from '../api/connection-types.js';
import { FerryError } from '../api/errors.js';
import {
  EDITABLE_HEADERS,
  HEADER_LABELS,
  type AttributeEdit,
  type EditItemResult,
  type HttpHeaders,
  type S3ItemRef,
} from '../api/inspect-types.js';
import { etagKind, headersSection } from './general.js';
import { headWithRawHeaders, type FullHead } from './head-reader.js';
import { featuresOf } from './inspect-object.js';
import { applyPairs, checkMetadata } from './limits.js';
import { copyPartSize, multipartCopy } from './part-copy.js';

export interface RewriteOptions {
  /** Largest single CopyObject; the provider's limit unless a test lowers it. */
  copyObjectMaxBytes?: number | null;
  copyPartBytes?: number;
  /** An edit job's pause or cancel: a long multipart copy stops (and is aborted) rather than running to its end. */
  signal?: AbortSignal;
}

export function copySourceOf(bucket: string, key: string, versionId?: string): string {
  const path = `${bucket}/${key.split('/').map(encodeURIComponent).join('/')}`;
  return versionId ? `${path}?versionId=${encodeURIComponent(versionId)}` : path;
}

function headerParams(h: HttpHeaders) {
  return {
    ...(h.contentType ? { ContentType: h.contentType } : {}),
    ...(h.cacheControl ? { CacheControl: h.cacheControl } : {}),
    ...(h.contentDisposition ? { ContentDisposition: h.contentDisposition } : {}),
    ...(h.contentEncoding ? { ContentEncoding: h.contentEncoding } : {}),
    ...(h.contentLanguage ? { ContentLanguage: h.contentLanguage } : {}),
    ...(h.expires ? { Expires: new Date(h.expires) } : {}),
    ...(h.websiteRedirect ? { WebsiteRedirectLocation: h.websiteRedirect } : {}),
  };
}

/** Encryption and lock settings of the source, for the write that replaces it. */
function keptSettings({ out }: FullHead) {
  return {
    ...(out.ServerSideEncryption ? { ServerSideEncryption: out.ServerSideEncryption } : {}),
    ...(out.SSEKMSKeyId ? { SSEKMSKeyId: out.SSEKMSKeyId } : {}),
    ...(out.BucketKeyEnabled ? { BucketKeyEnabled: true } : {}),
    ...(out.ObjectLockMode && out.ObjectLockRetainUntilDate
      ? { ObjectLockMode: out.ObjectLockMode, ObjectLockRetainUntilDate: out.ObjectLockRetainUntilDate }
      : {}),
    ...(out.ObjectLockLegalHoldStatus === 'ON' ? { ObjectLockLegalHoldStatus: 'ON' as const } : {}),
  };
}

/** Grants beyond the owner's own FULL_CONTROL, which every new object gets anyway. */
function hasExtraGrants(acl: GetObjectAclCommandOutput | undefined): acl is GetObjectAclCommandOutput {
  const ownerId = acl?.Owner?.ID;
  return (acl?.Grants ?? []).some(
    (g) => Boolean(g.Permission) && !(g.Permission === 'FULL_CONTROL' && !g.Grantee?.URI && (!g.Grantee?.ID || g.Grantee.ID === ownerId)),
  );
}

async function readAcl(client: S3Client, item: S3ItemRef, versionId: string | undefined) {
  try {
    return await client.send(
      new GetObjectAclCommand({ Bucket: item.bucket, Key: item.key, ...(versionId ? { VersionId: versionId } : {}) }),
    );
  } catch {
    // A server without ACLs has nothing to keep.
    return undefined;
  }
}

async function taggingOf(client: S3Client, item: S3ItemRef, versionId: string | undefined): Promise<string | undefined> {
  try {
    const out = await client.send(
      new GetObjectTaggingCommand({ Bucket: item.bucket, Key: item.key, ...(versionId ? { VersionId: versionId } : {}) }),
    );
    const tags = out.TagSet ?? [];
    return tags.length > 0 ? new URLSearchParams(tags.map((t): [string, string] => [t.Key ?? '', t.Value ?? ''])).toString() : undefined;
  } catch {
    return undefined;
  }
}

export interface RewriteRequest {
  edit?: AttributeEdit;
  /** Rewrite from this version instead of the current one (restoring it), keeping that version's attributes. */
  fromVersionId?: string;
}

export async function rewriteObject(
  client: S3Client,
  summary: ConnectionSummary,
  item: S3ItemRef,
  request: RewriteRequest,
  options: RewriteOptions = {},
): Promise<EditItemResult> {
  const features = featuresOf(summary);
  const source = await headWithRawHeaders(client, item, request.fromVersionId ? { versionId: request.fromVersionId } : {});
  const { out } = source;
  if (out.SSECustomerAlgorithm) {
    throw new FerryError(
      'invalid-arguments',
      `${item.key} is encrypted with a customer-provided key (SSE-C); it can only be rewritten with that key.`,
    );
  }
  const storageClass = out.StorageClass ?? 'STANDARD';
  if ((storageClass === 'GLACIER' || storageClass === 'DEEP_ARCHIVE') && !/ongoing-request="false"/.test(out.Restore ?? '')) {
    throw new FerryError('invalid-arguments', `${item.key} is archived (${storageClass}); restore it before changing it.`);
  }
  const edit = request.edit ?? {};
  const headers: HttpHeaders = Object.fromEntries(
    Object.entries({ ...headersSection(source).values, ...edit.headers }).filter(([, value]) => value !== ''),
  );
  const metadata = applyPairs(out.Metadata ?? {}, edit.metadata, true);
  checkMetadata(metadata);
  const newClass = edit.storageClass ?? storageClass;
  const sourceVersion = request.fromVersionId ?? (out.VersionId && out.VersionId !== 'null' ? out.VersionId : undefined);
  const acl = features.acls ? await readAcl(client, item, sourceVersion) : undefined;
  const copyMax = Math.min(options.copyObjectMaxBytes ?? Infinity, summary.limits?.maxCopyObjectBytes ?? DEFAULT_LIMITS.maxCopyObjectBytes);
  const size = out.ContentLength ?? 0;
  const written = {
    ...headerParams(headers),
    Metadata: metadata,
    ...(newClass !== 'STANDARD' || edit.storageClass ? { StorageClass: newClass as CopyObjectCommandInput['StorageClass'] } : {}),
    ...keptSettings(source),
  };
  const copySource = copySourceOf(item.bucket, item.key, sourceVersion);
  let result: { etag?: string; versionId?: string };
  let method: EditItemResult['method'];
  if (size <= copyMax) {
    const copied = await client.send(
      new CopyObjectCommand({
        Bucket: item.bucket,
        Key: item.key,
        CopySource: copySource,
        ...(out.ETag ? { CopySourceIfMatch: out.ETag } : {}),
        MetadataDirective: 'REPLACE',
        // Tags are kept by S3's default (TaggingDirective COPY); sending it explicitly is refused by servers without tags.
        ...written,
      }),
    );
    result = {
      ...(copied.CopyObjectResult?.ETag ? { etag: copied.CopyObjectResult.ETag } : {}),
      ...(copied.VersionId ? { versionId: copied.VersionId } : {}),
    };
    method = 'copy';
  } else {
    const limits = summary.limits ?? DEFAULT_LIMITS;
    const sameParts = await sourcePartSize(client, item, sourceVersion, out.ETag, size, limits);
    const tagging = features.tagging ? await taggingOf(client, item, sourceVersion) : undefined;
    result = await multipartCopy(client, {
      bucket: item.bucket,
      key: item.key,
      copySource,
      ...(out.ETag ? { sourceEtag: out.ETag } : {}),
      size,
      partSize: sameParts ?? copyPartSize(size, options.copyPartBytes ?? 64 * 1024 * 1024, limits),
      create: { ...written, ...(tagging ? { Tagging: tagging } : {}) },
      ...(options.signal ? { signal: options.signal } : {}),
    });
    method = 'multipart-copy';
  }
  if (hasExtraGrants(acl)) {
    await client.send(
      new PutObjectAclCommand({
        Bucket: item.bucket,
        Key: item.key,
        ...(result.versionId ? { VersionId: result.versionId } : {}),
        AccessControlPolicy: { ...(acl.Owner ? { Owner: acl.Owner } : {}), Grants: acl.Grants ?? [] },
      }),
    );
  }
  const ignored = await verifyRewrite(client, item, size, plainEtagOf(source), result.versionId, headers, edit.storageClass);
  return {
    key: item.key,
    ok: ignored.length === 0,
    method,
    size,
    ...(result.versionId ? { newVersionId: result.versionId } : {}),
    ...(ignored.length > 0 ? { message: `The server rewrote the object but did not apply: ${ignored.join('; ')}.` } : {}),
  };
}

/**
 * The source's ETag where it is a digest of the bytes alone (MD5, or the
 * multipart MD5 of part MD5s): not for SSE-KMS or SSE-C, whose ETags are not.
 */
function plainEtagOf({ out }: FullHead): string | undefined {
  return out.ServerSideEncryption === 'aws:kms' || out.ServerSideEncryption === 'aws:kms:dsse' ? undefined : out.ETag;
}

/**
 * A multipart source's part size, when its parts are cut evenly (all as long
 * as the first but the last, which is no longer): copied along the same
 * boundaries, the rewrite's multipart ETag must then equal the source's,
 * which checks the bytes inside the server without reading them back.
 */
async function sourcePartSize(
  client: S3Client,
  item: S3ItemRef,
  versionId: string | undefined,
  etag: string | undefined,
  size: number,
  limits: ProviderLimits,
): Promise<number | undefined> {
  const parts = etagKind(etag).partCount;
  if (!parts || parts < 2 || parts > limits.maxParts) return undefined;
  const partLength = async (n: number) =>
    (
      await client
        .send(new HeadObjectCommand({ Bucket: item.bucket, Key: item.key, PartNumber: n, ...(versionId ? { VersionId: versionId } : {}) }))
        .catch(() => undefined)
    )?.ContentLength;
  const first = await partLength(1);
  const last = await partLength(parts);
  if (!first || last === undefined || last > first || first < limits.minPartBytes || first > limits.maxPartBytes) return undefined;
  return (parts - 1) * first + last === size && Math.ceil(size / first) === parts ? first : undefined;
}

/**
 * The object now current must be the bytes that were copied: the same size,
 * and the same ETag where both are digests of the same shape (two MD5s, or
 * two multipart ETags of as many parts, copied along the source's
 * boundaries); headers the server did not take as
 * asked are named, since some servers keep an old header a REPLACE left out.
 */
async function verifyRewrite(
  client: S3Client,
  item: S3ItemRef,
  size: number,
  sourceEtag: string | undefined,
  versionId: string | undefined,
  wanted: HttpHeaders,
  wantedClass: string | undefined,
): Promise<string[]> {
  const after = await headWithRawHeaders(client, item, versionId ? { versionId } : {});
  const newSize = after.out.ContentLength ?? 0;
  if (newSize !== size) {
    throw new FerryError(
      'server',
      `${item.key} was rewritten with ${newSize} bytes instead of ${size}; the previous version is unchanged.`,
    );
  }
  const was = etagKind(sourceEtag);
  const now = etagKind(after.out.ETag);
  const sameShape = (was.etagKind === 'md5' && now.etagKind === 'md5') || (was.etagKind === 'multipart' && now.partCount === was.partCount);
  if (sameShape && after.out.ETag !== sourceEtag) {
    throw new FerryError('server', `${item.key} was rewritten with different bytes (ETag ${after.out.ETag}, was ${sourceEtag}).`);
  }
  const got = headersSection(after).values;
  const ignored: string[] = [];
  for (const name of EDITABLE_HEADERS) {
    // Expires comes back in the server's own date format; compare the moment.
    const same =
      name === 'expires'
        ? Date.parse(got[name] ?? '') === Date.parse(wanted[name] ?? '') || got[name] === wanted[name]
        : got[name] === wanted[name];
    if (!same)
      ignored.push(
        `${HEADER_LABELS[name]} is ${got[name] === undefined ? 'absent' : `"${got[name]}"`}, not ${wanted[name] === undefined ? 'removed' : `"${wanted[name]}"`}`,
      );
  }
  const gotClass = after.out.StorageClass ?? after.raw['x-amz-storage-class'] ?? 'STANDARD';
  if (wantedClass !== undefined && gotClass !== wantedClass) ignored.push(`the storage class is ${gotClass}, not ${wantedClass}`);
  return ignored;
}
