/**
 * The MD5 of one side's bytes, for a deep compare: a plain-MD5 ETag is that
 * hash already; otherwise an object is read in ranged GETs (so a large one
 * streams through a fixed amount of memory and a failed range retries alone)
 * and a file is read from disk.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import path from 'node:path';
import type { Location } from '../api/types.js';
import { FerryError } from '../api/errors.js';
import { consumeBody, readBodyToBuffer } from '../s3/requests/body-reader.js';
import { getWithBody } from '../s3/requests/request.js';
import type { ListDeps, SideEntry } from './side-listing.js';
import { s3Root } from './side-listing.js';

const RANGE = 8 * 1024 * 1024;

/** An ETag as a bare lower-case hex string (quotes and a weak marker dropped). */
function bare(etag: string | undefined): string | undefined {
  return etag?.replace(/^W\//, '').replace(/"/g, '').toLowerCase();
}

function isPlainMd5(etag: string | undefined): boolean {
  return /^[0-9a-f]{32}$/.test(bare(etag) ?? '');
}

/** The hash the ETag already is, or undefined when it is not a plain MD5 (a multipart or encrypted object's). */
export function etagMd5(entry: SideEntry): string | undefined {
  const etag = entry.etag;
  // The usual form, '"<32 hex digits>"', without the regular expressions: this runs for every key of a compare.
  if (etag !== undefined && etag.length === 34 && etag.charCodeAt(0) === 34 && etag.charCodeAt(33) === 34) {
    const hex = etag.slice(1, 33).toLowerCase();
    return HEX32.test(hex) ? hex : undefined;
  }
  return isPlainMd5(etag) ? bare(etag) : undefined;
}

const HEX32 = /^[0-9a-f]{32}$/;

export async function fileMd5(file: string, signal: AbortSignal): Promise<string> {
  const h = createHash('md5');
  for await (const chunk of createReadStream(file, { signal, highWaterMark: 1024 * 1024 })) h.update(chunk as Buffer);
  return h.digest('hex');
}

async function objectMd5(deps: ListDeps, loc: Extract<Location, { kind: 's3' }>, entry: SideEntry): Promise<string> {
  const conn = deps.conn(loc.connectionId);
  const key = s3Root(loc.prefix) + entry.key;
  const h = createHash('md5');
  // Every range asks for the ETag the listing saw: an object replaced mid-read fails instead of hashing two versions.
  const ifMatch = entry.etag ? { IfMatch: entry.etag } : {};
  const opts = { idleMs: deps.env.tuning.idleTimeoutMs, signal: deps.signal };
  for (let start = 0; start < entry.size; start += RANGE) {
    const end = Math.min(entry.size, start + RANGE);
    const got = await getWithBody(
      deps.env,
      conn,
      { Bucket: loc.bucket, Key: key, Range: `bytes=${start}-${end - 1}`, ...ifMatch },
      deps.signal,
      async (body, meta, out): Promise<{ bytes: Buffer } | { md5: string }> => {
        if (start === 0 && out.$metadata.httpStatusCode === 200 && meta.contentLength === entry.size && entry.size > end) {
          // A server that ignores Range sends the whole object to the first request: hashed as it streams, that is
          // all. A hash of its own, so that a retry (which runs this again) starts from nothing.
          const whole = createHash('md5');
          const n = await consumeBody(body, { ...opts, onChunk: (chunk) => void whole.update(chunk) });
          if (n !== entry.size) throw new FerryError('network', `The body ended after ${n} of ${entry.size} bytes.`, { retryable: true });
          return { md5: whole.digest('hex') };
        }
        return { bytes: await readBodyToBuffer(body, end - start, opts) };
      },
    );
    if ('md5' in got) return got.md5;
    h.update(got.bytes);
  }
  return h.digest('hex');
}

/** The MD5 of an entry's content; `cheapOnly` returns undefined rather than read an object's bytes. */
export async function contentMd5(deps: ListDeps, loc: Location, entry: SideEntry, cheapOnly: boolean): Promise<string | undefined> {
  if (loc.kind === 'local') return fileMd5(path.join(loc.path, ...entry.key.split('/')), deps.signal);
  const known = etagMd5(entry);
  if (known || cheapOnly) return known;
  return objectMd5(deps, loc, entry);
}
