/**
 * Listing on servers that speak only the first version of ListObjects.
 *
 * Some S3 servers (older Ceph gateways, Huawei OBS parallel-file buckets,
 * several regional clouds) answer a ListObjectsV2 request as if it were the
 * first version: they ignore `list-type=2`, `continuation-token` and
 * `start-after`, and page with `marker` / `NextMarker` instead. Read as V2,
 * such a page says "more follows" with no token to ask for it, so a folder
 * showed its first thousand entries and then stopped with an error.
 *
 * A V1 page is told apart by what only it carries: `<Marker>`, and no
 * `<KeyCount>`. From then on that client's listings are asked in V1 and
 * handed back in V2's shape: the continuation token is the key to list
 * after (NextMarker, or the page's last key or folder), decoded where the
 * page came URL-encoded, so every caller pages exactly as before.
 */
import type { DirectSpec } from './commands.js';
import type { ListPage } from './list-parser.js';

/** V2's paging parameters, which a V1 server ignores; `marker` carries where to go on. */
export function v1Spec(spec: DirectSpec): DirectSpec {
  const { 'list-type': _type, 'continuation-token': token, 'start-after': after, 'fetch-owner': _owner, ...rest } = spec.query;
  const marker = token ?? after;
  return { ...spec, query: { ...rest, ...(marker ? { marker } : {}) } };
}

/** A page in V1's form: it names a Marker (possibly empty) and no KeyCount. */
export function isV1Page(page: ListPage): boolean {
  return page.KeyCount === undefined && page.Marker !== undefined;
}

function decoded(text: string, encoded: boolean): string {
  return encoded ? decodeURIComponent(text.replace(/\+/g, '%20')) : text;
}

/** The V1 page as V2 callers read it; `asked` is the V2 request it answers. */
export function asV2Page(page: ListPage, asked: DirectSpec): ListPage {
  const { Marker: _marker, NextMarker: nextMarker, ...rest } = page;
  const out: ListPage = { ...rest, KeyCount: (page.Contents?.length ?? 0) + (page.CommonPrefixes?.length ?? 0) };
  const token = asked.query['continuation-token'];
  const after = asked.query['start-after'];
  if (token !== undefined) out.ContinuationToken = token;
  if (after !== undefined) out.StartAfter = after;
  if (page.IsTruncated) {
    // Without a delimiter V1 may leave NextMarker out: the last key or folder listed is where to go on.
    const encoded = page.EncodingType === 'url';
    const next = nextMarker ? decoded(nextMarker, encoded) : lastListed(page, encoded);
    if (next) out.NextContinuationToken = next;
  }
  return out;
}

/** The later, in S3's order (UTF-8 bytes), of the page's last key and last folder. */
function lastListed(page: ListPage, encoded: boolean): string | undefined {
  const key = page.Contents?.at(-1)?.Key;
  const folder = page.CommonPrefixes?.at(-1)?.Prefix;
  const candidates = [key, folder].filter((x): x is string => x !== undefined).map((x) => decoded(x, encoded));
  return candidates.sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b))).at(-1);
}

/** A V2 page without the V1 fields the parser also reads. */
export function withoutV1Fields(page: ListPage): ListPage {
  if (page.Marker === undefined && page.NextMarker === undefined) return page;
  const { Marker: _marker, NextMarker: _next, ...rest } = page;
  return rest;
}
