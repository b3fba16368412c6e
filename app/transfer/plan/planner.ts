/**
 * Turns a job's sources into items, lazily. A prefix is listed a page at a
 * time and a folder walked a directory at a time, with a bounded look-ahead,
 * so a prefix of a million keys starts copying after its first page and the
 * whole list is never in memory.
 *
 * Order is deterministic (S3 lists keys in order; folders are walked with
 * sorted names, which orders items by their path segments), so a job that
 * resumes after a crash can restart the expansion just after a cursor: the
 * key or relative path of the last item known to be finished.
 */
import { ListObjectsV2Command } from '../../sdk/s3-commands.js';
import { opendir, stat } from 'node:fs/promises';
import { quickStat } from '../../local/quick-disk.js';
import { chainAt, chainInto, followLink, type FolderChain } from '../../local/folder-links.js';
import path from 'node:path';
import { FerryError } from '../../api/errors.js';
import type { JobSource } from '../../api/types.js';
import type { KeyFilter } from '../../sync/glob.js';
import { requireAbsolute } from '../../local/local-browse.js';
import { planSync } from './sync-items.js';
import { planTaskKeys } from './task-items.js';
import { lastSegment, prefixBase } from './destination.js';
import { request } from '../../s3/requests/request.js';
import { PageChain } from '../../s3/page-chain.js';
import { listVersions } from './version-items.js';
import { decodeKey, itemId, type PlannedItem, type PlannerDeps, type ResumePoint } from './planned-item.js';

export { decodeKey, itemId, type PlannedItem, type PlannerDeps, type ResumePoint } from './planned-item.js';

async function* listPrefix(
  deps: PlannerDeps,
  srcIndex: number,
  connectionId: string,
  bucket: string,
  prefix: string,
  startAfter: string | undefined,
  renamed?: string,
): AsyncGenerator<PlannedItem> {
  const conn = deps.conn(connectionId);
  // A renamed folder lands as `renamed/…`; otherwise under its own name, relative to its parent.
  const base = renamed === undefined ? prefixBase(prefix) : prefix;
  const lead = renamed === undefined ? '' : `${renamed}/`;
  let token: string | undefined;
  const chain = new PageChain();
  do {
    const out = await request(deps.env, conn, deps.signal, (client, prep, abortSignal) =>
      client.send(
        prep(
          new ListObjectsV2Command({
            Bucket: bucket,
            Prefix: prefix,
            EncodingType: 'url',
            MaxKeys: 1000,
            ...(token ? { ContinuationToken: token } : startAfter ? { StartAfter: startAfter } : {}),
          }),
        ),
        { abortSignal },
      ),
    );
    const encoded = out.EncodingType === 'url';
    for (const o of out.Contents ?? []) {
      const key = decodeKey(o.Key, encoded);
      // Some servers ignore StartAfter on later pages; never hand out an item twice.
      if (startAfter !== undefined && !token && Buffer.compare(Buffer.from(key), Buffer.from(startAfter)) <= 0) continue;
      yield {
        id: itemId(srcIndex, key),
        srcIndex,
        cursor: key,
        source: { kind: 's3', connectionId, bucket, key },
        relative: lead + key.slice(base.length),
        size: o.Size ?? 0,
        ...(o.ETag ? { etag: o.ETag } : {}),
        ...(o.LastModified ? { lastModified: o.LastModified.getTime() } : {}),
      };
    }
    token = chain.next(out);
  } while (token);
}

function compareSegments(a: string[], b: string[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i] as string;
    const y = b[i] as string;
    if (x !== y) return x < y ? -1 : 1;
  }
  return a.length - b.length;
}

function isPrefixOf(a: string[], b: string[]): boolean {
  return a.length <= b.length && a.every((s, i) => s === b[i]);
}

type Walked = { segments: string[]; size: number | null; mtime?: number };

async function* walkFolder(
  root: string,
  segments: string[],
  chain: FolderChain,
  after: string[] | undefined,
  deps: PlannerDeps,
): AsyncGenerator<Walked> {
  const dir = path.join(root, ...segments);
  const names: { name: string; isDir: boolean; isFile: boolean; isLink: boolean }[] = [];
  for await (const d of await opendir(dir)) {
    names.push({ name: d.name, isDir: d.isDirectory(), isFile: d.isFile(), isLink: d.isSymbolicLink() });
  }
  names.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of names) {
    deps.signal.throwIfAborted();
    const segs = [...segments, entry.name];
    const full = path.join(dir, entry.name);
    const passed = after !== undefined && compareSegments(segs, after) <= 0;
    if (passed && !entry.isLink && !(entry.isDir && isPrefixOf(segs, after))) continue;
    if (entry.isDir) {
      yield* walkFolder(root, segs, chainInto(chain, entry.name), after, deps);
      continue;
    }
    const info = await quickStat(full);
    if (entry.isLink && info?.isDirectory()) {
      if (passed && !isPrefixOf(segs, after)) continue;
      const inside = deps.moving ? 'moving' : await followLink(chain, full, deps.confine).catch(() => 'gone' as const);
      if (typeof inside !== 'string') {
        yield* walkFolder(root, segs, inside, after, deps);
        continue;
      }
      // Not followed: still an item, so the job names it among its failures instead of leaving it out unseen.
      if (!passed) yield { segments: segs, size: null };
      continue;
    }
    if (passed) continue;
    if (info?.isFile()) yield { segments: segs, size: info.size, mtime: info.mtimeMs };
    // A link to nothing, a pipe, a socket, a device: an item its run refuses in words (a file gone since it was listed is not).
    else if (entry.isLink || (!entry.isFile && info)) yield { segments: segs, size: null };
  }
}

async function* planLocal(srcIndex: number, p: string, after: string | undefined, deps: PlannerDeps): AsyncGenerator<PlannedItem> {
  const file = requireAbsolute(p);
  const info = await stat(file);
  if (info.isFile()) {
    if (after !== undefined) return;
    const name = path.basename(file);
    yield {
      id: itemId(srcIndex, name),
      srcIndex,
      cursor: name,
      source: { kind: 'local', path: file },
      relative: name,
      size: info.size,
      lastModified: info.mtimeMs,
    };
    return;
  }
  if (!info.isDirectory()) throw new FerryError('invalid-arguments', `${file} is neither a file nor a folder.`);
  const folderName = path.basename(file);
  for await (const f of walkFolder(file, [], await chainAt(file), after?.split('/'), deps)) {
    const cursor = f.segments.join('/');
    yield {
      id: itemId(srcIndex, cursor),
      srcIndex,
      cursor,
      source: { kind: 'local', path: path.join(file, ...f.segments) },
      relative: `${folderName}/${cursor}`,
      size: f.size,
      ...(f.mtime !== undefined ? { lastModified: f.mtime } : {}),
    };
  }
}

/** The name --include/--exclude see: relative to the prefix or folder that was chosen. */
function rootRelative(src: JobSource, item: PlannedItem): string {
  if (src.kind === 's3-prefix') return item.cursor.slice(src.prefix.length);
  if (src.kind === 's3' && src.key.endsWith('/')) return item.cursor.slice(src.key.length);
  return item.cursor;
}

/** Every item of the job's sources in order, starting after `resume` when given; `filter` drops keys before they become items. */
export async function* planSources(
  sources: JobSource[],
  deps: PlannerDeps,
  resume: ResumePoint | undefined,
  filter?: KeyFilter,
): AsyncGenerator<PlannedItem> {
  if (!filter) {
    yield* planAll(sources, deps, resume);
    return;
  }
  for await (const item of planAll(sources, deps, resume)) {
    const src = sources[item.srcIndex] as JobSource;
    if (src.kind === 'sync' || filter(rootRelative(src, item))) yield item;
  }
}

async function* planAll(sources: JobSource[], deps: PlannerDeps, resume: ResumePoint | undefined): AsyncGenerator<PlannedItem> {
  for (let i = resume?.srcIndex ?? 0; i < sources.length; i++) {
    const src = sources[i] as JobSource;
    const after = resume && resume.srcIndex === i ? resume.cursor : undefined;
    switch (src.kind) {
      case 'local':
        yield* planLocal(i, src.path, after, deps);
        break;
      case 's3':
        if (src.versions) {
          yield* listVersions(deps, i, src.connectionId, src.bucket, src.key, !src.key.endsWith('/'));
        } else if (src.key.endsWith('/')) {
          yield* listPrefix(deps, i, src.connectionId, src.bucket, src.key, after, src.as);
        } else if (after === undefined) {
          yield {
            id: itemId(i, src.key),
            srcIndex: i,
            cursor: src.key,
            source: src,
            relative: src.as ?? lastSegment(src.key),
            size: null,
          };
        }
        break;
      case 's3-prefix':
        if (src.versions) {
          yield* listVersions(deps, i, src.connectionId, src.bucket, src.prefix, false);
          break;
        }
        yield* listPrefix(deps, i, src.connectionId, src.bucket, src.prefix, after, src.as);
        break;
      case 'sync':
        yield* planSync(i, src, deps, after);
        break;
      case 'object-task':
        yield* planTaskKeys(i, src, after);
        break;
      default: {
        const unknown: never = src;
        throw new Error(`unknown source kind ${JSON.stringify(unknown)}`);
      }
    }
  }
}

/**
 * Runs a plan ahead of its consumer by up to `capacity` items, so listing
 * latency never stalls the transfers, while memory stays bounded.
 */
export class Lookahead {
  readonly #buffer: PlannedItem[] = [];
  #waiter: (() => void) | undefined;
  #space: (() => void) | undefined;
  #finished = false;
  #error: unknown;
  planned = 0;
  plannedBytes = 0;
  /** Items planned without a size (objects chosen one by one): they learn it when they run. */
  plannedUnsized = 0;

  constructor(
    source: AsyncGenerator<PlannedItem>,
    private readonly capacity = 2000,
  ) {
    void this.#pump(source);
  }

  get finished(): boolean {
    return this.#finished;
  }

  /** The next item, or null at the end; throws the planner's error once the buffer is drained. */
  async next(): Promise<PlannedItem | null> {
    for (;;) {
      const item = this.#buffer.shift();
      if (item) {
        this.#space?.();
        return item;
      }
      if (this.#finished) {
        if (this.#error !== undefined) throw this.#error;
        return null;
      }
      await new Promise<void>((resolve) => (this.#waiter = resolve));
    }
  }

  async #pump(source: AsyncGenerator<PlannedItem>): Promise<void> {
    try {
      for await (const item of source) {
        this.planned++;
        this.plannedBytes += item.size ?? 0;
        if (item.size === null) this.plannedUnsized++;
        this.#buffer.push(item);
        this.#wake();
        while (this.#buffer.length >= this.capacity) await new Promise<void>((resolve) => (this.#space = resolve));
      }
    } catch (err) {
      this.#error = err;
    } finally {
      this.#finished = true;
      this.#wake();
    }
  }

  #wake(): void {
    const w = this.#waiter;
    this.#waiter = undefined;
    w?.();
  }
}
