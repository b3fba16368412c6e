/**
 * What travels with an object besides its bytes: content type, cache control,
 * content disposition, encoding and language, user metadata, and tags. Tags
 * cost a request of their own, so they are fetched only when the source says
 * it has some (x-amz-tagging-count) and both sides support tagging.
 */
import type { HeadObjectCommandOutput } from '@aws-sdk/client-s3';
import { GetObjectTaggingCommand } from '../../sdk/s3-commands.js';
import { contentTypeFor } from '../../local/content-type.js';
import { send, type Conn, type RequestEnv } from '../../s3/requests/request.js';

export interface CarriedAttributes {
  contentType?: string;
  cacheControl?: string;
  contentDisposition?: string;
  contentEncoding?: string;
  contentLanguage?: string;
  metadata: Record<string, string>;
  /** Tag count the source reported; the tags themselves are fetched only when needed. */
  tagCount: number;
}

type HeaderLike = Pick<
  HeadObjectCommandOutput,
  'ContentType' | 'CacheControl' | 'ContentDisposition' | 'ContentEncoding' | 'ContentLanguage' | 'Metadata'
> & { TagCount?: number };

export function attributesFrom(out: HeaderLike): CarriedAttributes {
  const a: CarriedAttributes = { metadata: { ...(out.Metadata ?? {}) }, tagCount: out.TagCount ?? 0 };
  if (out.ContentType) a.contentType = out.ContentType;
  if (out.CacheControl) a.cacheControl = out.CacheControl;
  if (out.ContentDisposition) a.contentDisposition = out.ContentDisposition;
  if (out.ContentEncoding) a.contentEncoding = out.ContentEncoding;
  if (out.ContentLanguage) a.contentLanguage = out.ContentLanguage;
  return a;
}

export async function attributesForFile(file: string): Promise<CarriedAttributes> {
  return { contentType: await contentTypeFor(file), metadata: {}, tagCount: 0 };
}

/** The write parameters that carry `a` (PutObject and CreateMultipartUpload take the same names). */
export function writeParams(a: CarriedAttributes, tagging: string | undefined) {
  return {
    ...(a.contentType ? { ContentType: a.contentType } : {}),
    ...(a.cacheControl ? { CacheControl: a.cacheControl } : {}),
    ...(a.contentDisposition ? { ContentDisposition: a.contentDisposition } : {}),
    ...(a.contentEncoding ? { ContentEncoding: a.contentEncoding } : {}),
    ...(a.contentLanguage ? { ContentLanguage: a.contentLanguage } : {}),
    ...(Object.keys(a.metadata).length > 0 ? { Metadata: a.metadata } : {}),
    ...(tagging ? { Tagging: tagging } : {}),
  };
}

export function supportsTagging(conn: Conn): boolean {
  return conn.summary.features?.tagging !== false;
}

/**
 * The source's tags as an x-amz-tagging value, or undefined when there are
 * none, or either side cannot carry them. A server that does not implement
 * tagging answers with an error; that means "no tags", not a failed item.
 */
export async function tagsToCarry(
  env: RequestEnv,
  source: Conn,
  dest: Conn,
  bucket: string,
  key: string,
  a: CarriedAttributes,
  signal: AbortSignal,
): Promise<string | undefined> {
  if (a.tagCount <= 0 || !supportsTagging(source) || !supportsTagging(dest)) return undefined;
  const out = await send(env, source, signal, () => new GetObjectTaggingCommand({ Bucket: bucket, Key: key })).catch(() => null);
  const tags = out?.TagSet ?? [];
  if (tags.length === 0) return undefined;
  return tags.map((t) => `${encodeURIComponent(t.Key ?? '')}=${encodeURIComponent(t.Value ?? '')}`).join('&');
}
