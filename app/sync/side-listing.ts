/**
 * One side of a compare, listed in S3 byte order a page (or a directory) at a
 * time. Keys are relative to the side's root: the prefix of an S3 location,
 * or the folder of a local one. Folder markers (a zero-byte "name/") are not
 * content and take no part.
 */
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { opendir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Location } from '../api/types.js';
import { requireAbsolute } from '../local/local-browse.js';
import { PageChain } from '../s3/page-chain.js';
import { request, type Conn, type RequestEnv } from '../s3/requests/request.js';
import type { KeyFilter } from './glob.js';
import { compareKeys, OutOfOrderError } from './key-order.js';

export interface SideEntry {
  /** Relative to the side's root, '/'-separated. */
  key: string;
  size: number;
  etag?: string;
  /** Milliseconds since the epoch: the file's modification time, or the object's LastModified. */
  mtime?: number;
}

export interface ListDeps {
  env: RequestEnv;
  conn(connectionId: string): Conn;
  signal: AbortSignal;
}

/** A key from a listing asked with encoding-type=url, decoded (S3 encodes a space as +). */
function decodeKey(raw: string | undefined, encoded: boolean): string {
  if (raw === undefined) return '';
  return encoded ? decodeURIComponent(raw.replace(/\+/g, '%20')) : raw;
}

/** An S3 location's root: its prefix as a folder ("" for the whole bucket). */
export function s3Root(prefix: string): string {
  return prefix === '' || prefix.endsWith('/') ? prefix : `${prefix}/`;
}

async function* listS3(deps: ListDeps, loc: Extract<Location, { kind: 's3' }>, startAfter: string | undefined): AsyncGenerator<SideEntry> {
  const conn = deps.conn(loc.connectionId);
  const root = s3Root(loc.prefix);
  let token: string | undefined;
  // A truncated page without a new token is the server's fault, never the end of the listing (or an endless loop).
  const chain = new PageChain();
  do {
    const out = await request(deps.env, conn, deps.signal, (client, prep, abortSignal) =>
      client.send(
        prep(
          new ListObjectsV2Command({
            Bucket: loc.bucket,
            Prefix: root,
            EncodingType: 'url',
            MaxKeys: 1000,
            ...(token ? { ContinuationToken: token } : startAfter !== undefined ? { StartAfter: root + startAfter } : {}),
          }),
        ),
        { abortSignal },
      ),
    );
    const encoded = out.EncodingType === 'url';
    for (const o of out.Contents ?? []) {
      const key = decodeKey(o.Key, encoded).slice(root.length);
      if (key === '' || (key.endsWith('/') && (o.Size ?? 0) === 0)) continue;
      if (startAfter !== undefined && compareKeys(key, startAfter) <= 0) continue;
      yield {
        key,
        size: o.Size ?? 0,
        ...(o.ETag ? { etag: o.ETag } : {}),
        ...(o.LastModified ? { mtime: o.LastModified.getTime() } : {}),
      };
    }
    token = chain.next(out);
  } while (token);
}

/**
 * A folder walked so that the relative paths come out in S3's byte order:
 * within a directory, entries sort by name, with a folder sorting as
 * "name/" (so "a-b" comes before everything in "a/", as in S3). One
 * directory's names are held at a time per level, never the whole tree.
 */
async function* walkLocal(root: string, rel: string, startAfter: string | undefined, signal: AbortSignal): AsyncGenerator<SideEntry> {
  const dir = path.join(root, rel);
  const entries: { name: string; sortKey: Buffer; isDir: boolean }[] = [];
  let handle;
  try {
    handle = await opendir(dir);
  } catch (err) {
    // The right side of a sync may not exist yet: it is simply empty.
    if (rel === '' && (err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  for await (const d of handle) {
    let isDir = d.isDirectory();
    if (d.isSymbolicLink()) {
      // A link to a folder is not followed (it could loop); a link to a file counts as that file.
      const info = await stat(path.join(dir, d.name)).catch(() => null);
      if (!info || info.isDirectory()) continue;
      isDir = false;
    } else if (!isDir && !d.isFile()) continue;
    entries.push({ name: d.name, isDir, sortKey: Buffer.from(isDir ? `${d.name}/` : d.name, 'utf8') });
  }
  entries.sort((a, b) => Buffer.compare(a.sortKey, b.sortKey));
  // Files are stat'ed a run at a time, in parallel: one after another, a folder of small files waits on each.
  let pending: Promise<SideEntry | null>[] = [];
  const flush = async function* () {
    for (const p of pending) {
      const e = await p;
      if (e) yield e;
    }
    pending = [];
  };
  for (const e of entries) {
    signal.throwIfAborted();
    const key = rel === '' ? e.name : `${rel}/${e.name}`;
    if (e.isDir) {
      const folder = `${key}/`;
      // Everything in a folder sorts after "folder/": skip it whole when the resume point is past it.
      if (startAfter !== undefined && !startAfter.startsWith(folder) && compareKeys(folder, startAfter) < 0) continue;
      yield* flush();
      yield* walkLocal(root, key, startAfter, signal);
      continue;
    }
    if (startAfter !== undefined && compareKeys(key, startAfter) <= 0) continue;
    pending.push(
      stat(path.join(root, key)).then(
        (info) => (info.isFile() ? { key, size: info.size, mtime: info.mtimeMs } : null),
        () => null,
      ),
    );
    if (pending.length >= STAT_RUN) yield* flush();
  }
  yield* flush();
}

/** Files stat'ed at once while a folder is walked. */
const STAT_RUN = 64;

/** Every entry of a location in S3 byte order, after `startAfter` when given, through `filter` when given. */
export async function* listSide(
  deps: ListDeps,
  loc: Location,
  name: string,
  opts: { startAfter?: string; filter?: KeyFilter } = {},
): AsyncGenerator<SideEntry> {
  const source =
    loc.kind === 's3' ? listS3(deps, loc, opts.startAfter) : walkLocal(requireAbsolute(loc.path), '', opts.startAfter, deps.signal);
  let previous: string | undefined;
  for await (const e of source) {
    if (previous !== undefined && compareKeys(previous, e.key) >= 0) throw new OutOfOrderError(name, previous, e.key);
    previous = e.key;
    if (opts.filter && !opts.filter(e.key)) continue;
    yield e;
  }
}
