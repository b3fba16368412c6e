/**
 * Reading an S3 location: its buckets, one page of a prefix, one object's HEAD.
 * Listings ask for encoding-type=url so keys with control characters or
 * XML-invalid characters survive, and decode them here.
 *
 * A prefix is read a page (1,000 keys) at a time; the page hands back the
 * server's continuation token as an opaque cursor for the next one, so a
 * pane shows the first page at once and loads the rest as the user scrolls.
 * Pages take the direct path (app/s3/direct): a million-key folder is mostly
 * XML reading, which the SDK's generic reader makes several times dearer.
 * That path has no SDK retries, so each page gets Ferry's own.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { HeadObjectCommand, ListBucketsCommand, ListObjectsV2Command } from '../sdk/s3-commands.js';
import type { Entry, ItemRef, Listing, Location, ObjectDetails } from '../api/types.js';
import { allowDirect } from './direct/prepared/sender.js';
import { withRetry, type RetryPolicy } from './requests/retry.js';
import { nextPageToken } from './page-chain.js';

type S3Location = Extract<Location, { kind: 's3' }>;

export async function listBuckets(client: S3Client, location: S3Location): Promise<Listing> {
  const out = await client.send(new ListBucketsCommand({}));
  const entries: Entry[] = (out.Buckets ?? []).map((b) => ({
    kind: 'bucket',
    name: b.Name ?? '',
    id: b.Name ?? '',
    ...(b.CreationDate ? { lastModified: b.CreationDate.toISOString() } : {}),
  }));
  entries.sort((a, b) => a.name.localeCompare(b.name));
  return { location, entries, truncated: false };
}

function decodeKey(raw: string | undefined, encoded: boolean): string {
  if (raw === undefined) return '';
  return encoded ? decodeURIComponent(raw.replace(/\+/g, '%20')) : raw;
}

function lastSegment(key: string, prefix: string): string {
  return key.slice(prefix.length);
}

/** A page that fails on a dropped connection or a 5xx is asked again, a few times, before the pane shows the error. */
const PAGE_RETRY: RetryPolicy = { maxAttempts: 4, baseMs: 250, maxDelayMs: 4_000 };

/**
 * Every page is a full 1,000 keys, the first too. A small first page (100
 * keys) was tried: on MinIO's folder of a million keys it came back no sooner
 * (~600 ms, the server's cost of starting the listing, whatever the size) and
 * the 1,000 rows a pane fills came a whole page later (~1.3 s against
 * ~0.75 s); at 100,000 keys it showed rows 20-75 ms sooner and the first
 * 1,000 70-250 ms later on MinIO, versitygw and s3rver (docs/performance.md,
 * 7 December 2026).
 */
const PAGE_KEYS = 1000;

export async function listPrefix(client: S3Client, location: S3Location, signal: AbortSignal, cursor?: string): Promise<Listing> {
  const command = new ListObjectsV2Command({
    Bucket: location.bucket,
    Prefix: location.prefix,
    Delimiter: '/',
    EncodingType: 'url',
    MaxKeys: PAGE_KEYS,
    ...(cursor ? { ContinuationToken: cursor } : {}),
  });
  allowDirect(command);
  // A missing or refused bucket reaches the user named (requests/bucket-named-errors.ts, direct/prepared/response.ts),
  // where the pane offers the way out.
  const out = await withRetry(() => client.send(command, { abortSignal: signal }), PAGE_RETRY, signal);
  // Servers that ignore the request leave keys plain; only decode what they say they encoded.
  const encoded = out.EncodingType === 'url';
  const folders: Entry[] = (out.CommonPrefixes ?? []).map((p) => {
    const key = decodeKey(p.Prefix, encoded);
    return { kind: 'folder', name: lastSegment(key, location.prefix), id: key };
  });
  const objects: Entry[] = [];
  for (const o of out.Contents ?? []) {
    const key = decodeKey(o.Key, encoded);
    // The folder marker of the prefix itself is the folder, not a second entry.
    if (key === location.prefix) continue;
    objects.push({
      kind: 'object',
      name: lastSegment(key, location.prefix),
      id: key,
      size: o.Size ?? 0,
      ...(o.LastModified ? { lastModified: o.LastModified.toISOString() } : {}),
      ...(o.ETag ? { etag: o.ETag } : {}),
      ...(o.StorageClass ? { storageClass: o.StorageClass } : {}),
    });
  }
  // A server that says "more" without saying where, or with the cursor it was just given, is refused: the pane would
  // otherwise show part of the folder as all of it, or ask for the same page forever.
  const next = nextPageToken(out, cursor);
  return { location, entries: [...folders, ...objects], truncated: out.IsTruncated === true, ...(next ? { nextCursor: next } : {}) };
}

export async function headObject(client: S3Client, item: Extract<ItemRef, { kind: 's3' }>): Promise<ObjectDetails> {
  let rawHeaders: Record<string, string> = {};
  const command = new HeadObjectCommand({ Bucket: item.bucket, Key: item.key });
  // The parsed output drops headers the SDK does not model; the inspector wants them all.
  command.middlewareStack.add(
    (next) => async (args) => {
      const result = await next(args);
      const response = result.response as { headers?: Record<string, string> };
      rawHeaders = { ...(response.headers ?? {}) };
      return result;
    },
    { step: 'deserialize', name: 'ferryCaptureHeaders', priority: 'low' },
  );
  const out = await client.send(command);
  return {
    item,
    size: out.ContentLength ?? 0,
    ...(out.LastModified ? { lastModified: out.LastModified.toISOString() } : {}),
    ...(out.ETag ? { etag: out.ETag } : {}),
    ...(out.ContentType ? { contentType: out.ContentType } : {}),
    storageClass: out.StorageClass ?? 'STANDARD',
    metadata: { ...(out.Metadata ?? {}) },
    headers: rawHeaders,
  };
}
