/**
 * One side of a compare, listed in S3 byte order a page (or a directory) at a
 * time. Keys are relative to the side's root: the prefix of an S3 location,
 * or the folder of a local one. Folder markers (a zero-byte "name/") are not
 * content and take no part.
 */
import { ListObjectsV2Command } from '../sdk/s3-commands.js';
import { statSync, type Stats } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Location } from '../api/types.js';
import { requireAbsolute } from '../local/local-browse.js';
import { chainAt, chainInto, followLink, type FolderChain } from '../local/folder-links.js';
import { whyNotAFile } from '../local/not-a-file.js';
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
  /** Refuses a local path the core may not read (serve mode's --root): a linked folder that leads out is not walked. */
  confine?(localPath: string): Promise<void>;
  /** Told of each local entry a compare leaves out because it is not a file (a link to nothing, a pipe), with why. */
  leftOut?(file: string, reason: string): void;
}

/** Reports a left-out entry by its key (relative to the side's root) and path; the caller decides whether it counts. */
type LeftOut = (key: string, file: string, reason: string) => void;

/** A key from a listing asked with encoding-type=url, decoded (S3 encodes a space as +). */
function decodeKey(raw: string | undefined, encoded: boolean): string {
  if (raw === undefined) return '';
  return encoded ? decodeURIComponent(raw.replace(/\+/g, '%20')) : raw;
}

/** An S3 location's root: its prefix as a folder ("" for the whole bucket). */
export function s3Root(prefix: string): string {
  return prefix === '' || prefix.endsWith('/') ? prefix : `${prefix}/`;
}

async function* listS3(
  deps: ListDeps,
  loc: Extract<Location, { kind: 's3' }>,
  startAfter: string | undefined,
): AsyncGenerator<SideEntry[]> {
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
    const page: SideEntry[] = [];
    for (const o of out.Contents ?? []) {
      const key = decodeKey(o.Key, encoded).slice(root.length);
      if (key === '' || (key.endsWith('/') && (o.Size ?? 0) === 0)) continue;
      if (startAfter !== undefined && compareKeys(key, startAfter) <= 0) continue;
      const e: SideEntry = { key, size: o.Size ?? 0 };
      if (o.ETag) e.etag = o.ETag;
      if (o.LastModified) e.mtime = o.LastModified.getTime();
      page.push(e);
    }
    if (page.length > 0) yield page;
    token = chain.next(out);
  } while (token);
}

/**
 * How a walk stats its files. Synchronous stats cost a fraction of the CPU of
 * promised ones (no thread-pool round trip, no promise per file), and a run
 * of them on a local disk blocks for well under a millisecond; a slow
 * (network) folder switches the rest of the walk to asynchronous stats, so it
 * never holds the event loop for long.
 */
class Stater {
  #sync = true;

  async run(dir: string, names: string[]): Promise<(Stats | null)[]> {
    if (this.#sync) {
      const started = performance.now();
      const out = names.map((n) => {
        try {
          return statSync(path.join(dir, n), { throwIfNoEntry: false }) ?? null;
        } catch {
          return null;
        }
      });
      if (performance.now() - started > SLOW_RUN_MS) this.#sync = false;
      return out;
    }
    return Promise.all(names.map((n) => stat(path.join(dir, n)).catch(() => null)));
  }
}

/** A run of synchronous stats that takes longer than this means a slow file system. */
const SLOW_RUN_MS = 20;

/**
 * A folder walked so that the relative paths come out in S3's byte order,
 * a run of files at a time: within a directory, entries sort by name, with a
 * folder sorting as "name/" (so "a-b" comes before everything in "a/", as in
 * S3). One directory's names are held at a time per level, never the whole
 * tree.
 */
async function* walkLocal(
  root: string,
  rel: string,
  startAfter: string | undefined,
  deps: ListDeps,
  stater: Stater,
  report: LeftOut | undefined,
  within?: FolderChain,
): AsyncGenerator<SideEntry[]> {
  const dir = path.join(root, rel);
  const entries: { name: string; sortKey: Buffer; isDir: boolean; chain?: FolderChain }[] = [];
  let listed;
  try {
    listed = await readdir(dir, { withFileTypes: true });
  } catch (err) {
    // The right side of a sync may not exist yet: it is simply empty.
    if (rel === '' && (err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw err;
  }
  const chain = within ?? (await chainAt(dir));
  // Named after the loop, in name order, so that every run names them in the same order.
  const leftHere: { name: string; reason?: string }[] = [];
  for (const d of listed) {
    let isDir = d.isDirectory();
    let linked: FolderChain | undefined;
    const full = path.join(dir, d.name);
    const leave = (reason?: string) => void (report && leftHere.push({ name: d.name, ...(reason ? { reason } : {}) }));
    if (d.isSymbolicLink()) {
      // A link to a file counts as that file, a link to a folder as that folder (see folder-links.ts); a link to
      // nothing, or to a folder the walk is already inside, is left out and reported.
      const info = await stat(full).catch(() => null);
      if (!info) {
        leave();
        continue;
      }
      if (info.isDirectory()) {
        const inside = await followLink(chain, full, deps.confine).catch(() => 'gone' as const);
        if (inside === 'refused') leave('A link to a folder outside the folders this Ferry may use (--root): not read.');
        else if (typeof inside === 'string') leave();
        if (typeof inside === 'string') continue;
        linked = inside;
      } else if (!info.isFile()) {
        leave();
        continue;
      }
      isDir = info.isDirectory();
    } else if (!isDir && !d.isFile()) {
      leave();
      continue;
    }
    entries.push({
      name: d.name,
      isDir,
      sortKey: Buffer.from(isDir ? `${d.name}/` : d.name, 'utf8'),
      ...(linked ? { chain: linked } : {}),
    });
  }
  entries.sort((a, b) => Buffer.compare(a.sortKey, b.sortKey));
  leftHere.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const l of leftHere) {
    const full = path.join(dir, l.name);
    report?.(rel === '' ? l.name : `${rel}/${l.name}`, full, l.reason ?? (await whyLeftOut(full)));
  }
  let names: string[] = [];
  const flush = async () => {
    const infos = await stater.run(dir, names);
    const page: SideEntry[] = [];
    for (let i = 0; i < names.length; i++) {
      const info = infos[i];
      if (info?.isFile())
        page.push({ key: rel === '' ? (names[i] as string) : `${rel}/${names[i]}`, size: info.size, mtime: info.mtimeMs });
    }
    names = [];
    return page;
  };
  for (const e of entries) {
    deps.signal.throwIfAborted();
    const key = rel === '' ? e.name : `${rel}/${e.name}`;
    if (e.isDir) {
      const folder = `${key}/`;
      // Everything in a folder sorts after "folder/": skip it whole when the resume point is past it.
      if (startAfter !== undefined && !startAfter.startsWith(folder) && compareKeys(folder, startAfter) < 0) continue;
      if (names.length > 0) yield await flush();
      yield* walkLocal(root, key, startAfter, deps, stater, report, e.chain ?? chainInto(chain, e.name));
      continue;
    }
    if (startAfter !== undefined && compareKeys(key, startAfter) <= 0) continue;
    names.push(e.name);
    if (names.length >= STAT_RUN) yield await flush();
  }
  if (names.length > 0) yield await flush();
}

/** Why a left-out entry is not a file, in the words a copy's failed item uses. */
async function whyLeftOut(file: string): Promise<string> {
  return (await whyNotAFile(file, false)) ?? 'Not a file.';
}

/** The report of left-out entries a listing makes: only those past the resume point that the filter keeps. */
function leftOutOf(deps: ListDeps, opts: { startAfter?: string; filter?: KeyFilter }): LeftOut | undefined {
  const tell = deps.leftOut?.bind(deps);
  if (!tell) return undefined;
  return (key, file, reason) => {
    if (opts.startAfter !== undefined && compareKeys(key, opts.startAfter) <= 0) return;
    if (opts.filter && !opts.filter(key)) return;
    tell(file, reason);
  };
}

/** Files stat'ed in one run while a folder is walked. */
const STAT_RUN = 256;

/**
 * Every entry of a location in S3 byte order, a page at a time (an S3 page, or
 * a run of a folder's files), after `startAfter` when given, through `filter`
 * when given. Pages are never empty.
 */
export async function* listSide(
  deps: ListDeps,
  loc: Location,
  name: string,
  opts: { startAfter?: string; filter?: KeyFilter } = {},
): AsyncGenerator<SideEntry[]> {
  const source =
    loc.kind === 's3'
      ? listS3(deps, loc, opts.startAfter)
      : walkLocal(requireAbsolute(loc.path), '', opts.startAfter, deps, new Stater(), leftOutOf(deps, opts));
  let previous: string | undefined;
  const filter = opts.filter;
  for await (const page of source) {
    for (const e of page) {
      if (previous !== undefined && compareKeys(previous, e.key) >= 0) throw new OutOfOrderError(name, previous, e.key);
      previous = e.key;
    }
    const kept = filter ? page.filter((e) => filter(e.key)) : page;
    if (kept.length > 0) yield kept;
  }
}
