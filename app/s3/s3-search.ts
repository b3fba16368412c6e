/**
 * Searching a bucket below a folder, a page at a time. A prefix search is the
 * server's own listing of folder+term (with the delimiter, so folders stay
 * folders); a recursive search is the flat listing below the folder, each
 * page filtered to the keys whose path below the folder contains the term
 * (ignoring case). A page may hold no match and still say where to go on:
 * the caller keeps asking until the listing ends or the user stops it.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { ListObjectsV2Command } from '../sdk/s3-commands.js';
import type { Entry, Listing, Location } from '../api/types.js';
import { withRetry, type RetryPolicy } from './requests/retry.js';

type S3Folder = Extract<Location, { kind: 's3' }>;

const PAGE_RETRY: RetryPolicy = { maxAttempts: 4, baseMs: 250, maxDelayMs: 4_000 };

function decode(raw: string | undefined, encoded: boolean): string {
  if (raw === undefined) return '';
  return encoded ? decodeURIComponent(raw.replace(/\+/g, '%20')) : raw;
}

export async function searchFolder(
  client: S3Client,
  location: S3Folder,
  term: string,
  mode: 'prefix' | 'recursive',
  signal: AbortSignal,
  cursor?: string,
): Promise<Listing> {
  const command = new ListObjectsV2Command({
    Bucket: location.bucket,
    Prefix: mode === 'prefix' ? location.prefix + term : location.prefix,
    ...(mode === 'prefix' ? { Delimiter: '/' } : {}),
    EncodingType: 'url',
    MaxKeys: 1000,
    ...(cursor ? { ContinuationToken: cursor } : {}),
  });
  const out = await withRetry(() => client.send(command, { abortSignal: signal }), PAGE_RETRY, signal);
  const encoded = out.EncodingType === 'url';
  const wanted = term.toLocaleLowerCase();
  const below = (key: string) => key.slice(location.prefix.length);
  const folders: Entry[] = (out.CommonPrefixes ?? []).map((p) => {
    const key = decode(p.Prefix, encoded);
    return { kind: 'folder', name: below(key), id: key };
  });
  const objects: Entry[] = [];
  for (const o of out.Contents ?? []) {
    const key = decode(o.Key, encoded);
    const name = below(key);
    if (!name || (mode === 'recursive' && !name.toLocaleLowerCase().includes(wanted))) continue;
    // A folder marker found by a flat listing is the folder itself.
    const folder = key.endsWith('/');
    objects.push(
      folder
        ? { kind: 'folder', name, id: key }
        : {
            kind: 'object',
            name,
            id: key,
            size: o.Size ?? 0,
            ...(o.LastModified ? { lastModified: o.LastModified.toISOString() } : {}),
            ...(o.ETag ? { etag: o.ETag } : {}),
            ...(o.StorageClass ? { storageClass: o.StorageClass } : {}),
          },
    );
  }
  const next = out.IsTruncated === true ? out.NextContinuationToken : undefined;
  return { location, entries: [...folders, ...objects], truncated: out.IsTruncated === true, ...(next ? { nextCursor: next } : {}) };
}
