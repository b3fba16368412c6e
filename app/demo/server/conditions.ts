/**
 * Conditional requests on an object: If-Match / If-None-Match /
 * If-(Un)Modified-Since on reads and writes, and their x-amz-copy-source-
 * twins on copies. Ferry leans on them: a download pins the version it
 * started with by ETag, and "don't overwrite" uploads send If-None-Match: *.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { StoredObject } from './object-store.js';
import { preconditionFailed, S3Error } from './s3-error.js';

function text(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v.join(',') : v;
}

function matches(list: string, etag: string): boolean {
  return list.split(',').some((t) => {
    const tag = t.trim();
    return tag === '*' || tag === etag || `"${tag}"` === etag || tag.replace(/^W\//, '') === etag;
  });
}

/** Seconds since epoch of an HTTP date, or NaN; S3 compares at whole seconds. */
function secondsOf(v: string | undefined): number {
  return v === undefined ? NaN : Math.floor(Date.parse(v) / 1000);
}

/**
 * Throws 412 (or answers 304 for a read's If-None-Match / If-Modified-Since)
 * when the conditions in `headers` under `prefix` ('' or 'x-amz-copy-source-') do not hold for `o`.
 */
export function checkConditions(
  headers: IncomingHttpHeaders,
  o: StoredObject | undefined,
  prefix: '' | 'x-amz-copy-source-',
  read: boolean,
): void {
  const ifMatch = text(headers[`${prefix}if-match`]);
  const ifNoneMatch = text(headers[`${prefix}if-none-match`]);
  const since = secondsOf(text(headers[`${prefix}if-modified-since`]));
  const unmodified = secondsOf(text(headers[`${prefix}if-unmodified-since`]));
  if (!o) {
    if (ifMatch !== undefined) throw read ? new S3Error('NoSuchKey', 404, 'The object does not exist.') : preconditionFailed();
    return;
  }
  const modified = Math.floor(o.lastModified.getTime() / 1000);
  if (ifMatch !== undefined && !matches(ifMatch, o.etag)) throw preconditionFailed();
  if (ifMatch === undefined && Number.isFinite(unmodified) && modified > unmodified) throw preconditionFailed();
  const notModified = read && !prefix ? new S3Error('NotModified', 304, 'Not Modified', { etag: o.etag }) : preconditionFailed();
  if (ifNoneMatch !== undefined && matches(ifNoneMatch, o.etag)) throw notModified;
  if (ifNoneMatch === undefined && Number.isFinite(since) && modified <= since) throw notModified;
}
