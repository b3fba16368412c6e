/** The General and HTTP headers sections, read from one HEAD response. */
import type { GeneralSection, HeadersSection, HttpHeaders } from '../api/inspect-types.js';
import type { FullHead } from './head-reader.js';

const ARCHIVED = new Set(['GLACIER', 'DEEP_ARCHIVE']);

/** `"<32 hex>"` is an MD5 of the bytes; `"<32 hex>-N"` is S3's multipart form, N parts. */
export function etagKind(etag: string | undefined): Pick<GeneralSection, 'etagKind' | 'partCount'> {
  if (!etag) return { etagKind: 'none' };
  const bare = etag.replace(/^"|"$/g, '');
  if (/^[0-9a-f]{32}$/i.test(bare)) return { etagKind: 'md5' };
  const multipart = /^[0-9a-f]{32}-(\d+)$/i.exec(bare);
  if (multipart) return { etagKind: 'multipart', partCount: Number(multipart[1]) };
  return { etagKind: 'other' };
}

/** x-amz-restore: `ongoing-request="false", expiry-date="Fri, 21 Dec 2012 00:00:00 GMT"`. */
export function parseRestore(header: string | undefined): GeneralSection['restore'] {
  if (!header) return undefined;
  const ongoing = /ongoing-request="true"/i.test(header);
  const expiry = /expiry-date="([^"]+)"/i.exec(header)?.[1];
  const date = expiry ? new Date(expiry) : undefined;
  return { ongoing, ...(date && !Number.isNaN(date.getTime()) ? { expiry: date.toISOString() } : {}) };
}

export function generalSection(key: string, { out, raw }: FullHead): GeneralSection {
  const storageClass = out.StorageClass ?? raw['x-amz-storage-class'] ?? 'STANDARD';
  const restore = parseRestore(out.Restore ?? raw['x-amz-restore']);
  return {
    key,
    size: out.ContentLength ?? 0,
    ...(out.LastModified ? { lastModified: out.LastModified.toISOString() } : {}),
    ...(out.ETag ? { etag: out.ETag } : {}),
    ...etagKind(out.ETag),
    storageClass,
    archived: ARCHIVED.has(storageClass),
    ...(restore ? { restore } : {}),
    ...(out.ContentType ? { contentType: out.ContentType } : {}),
    ...(out.VersionId && out.VersionId !== 'null' ? { versionId: out.VersionId } : {}),
  };
}

export function headersSection({ out, raw }: FullHead): HeadersSection {
  const values: HttpHeaders = {};
  if (out.ContentType) values.contentType = out.ContentType;
  if (out.CacheControl) values.cacheControl = out.CacheControl;
  if (out.ContentDisposition) values.contentDisposition = out.ContentDisposition;
  if (out.ContentEncoding) values.contentEncoding = out.ContentEncoding;
  if (out.ContentLanguage) values.contentLanguage = out.ContentLanguage;
  // The SDK parses Expires into a Date and drops values that are not dates; the raw header is what the server keeps.
  const expires = raw['expires'] ?? out.ExpiresString;
  if (expires) values.expires = expires;
  if (out.WebsiteRedirectLocation) values.websiteRedirect = out.WebsiteRedirectLocation;
  return { values, raw };
}

/** User metadata size as S3 counts it against its 2 KB limit: UTF-8 bytes of every name and value. */
export function metadataBytes(metadata: Record<string, string>): number {
  const utf8 = new TextEncoder();
  let total = 0;
  for (const [k, v] of Object.entries(metadata)) total += utf8.encode(k).length + utf8.encode(v).length;
  return total;
}
