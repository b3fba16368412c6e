/**
 * Searching a local folder and everything below it for names containing a
 * term (ignoring case), a page at a time, like the recursive search in a
 * bucket. The walk is depth first in a fixed order (names compared by code
 * unit), so a page's cursor is simply the path of the next entry to visit:
 * the next call walks down to it again and carries on, holding nothing
 * between calls. Each page visits at most `pageEntries` entries and a whole
 * search at most `maxEntries`, so a search started at / ends on its own.
 * Symbolic links to folders are followed, except into a folder already on
 * the path being walked (a loop); the depth is capped as well.
 */
import type { Stats } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { FerryError } from '../api/errors.js';
import type { Entry, Listing } from '../api/types.js';
import { hiddenNamesIn, platformRules, type HiddenRules } from './hidden-entries.js';
import { requireAbsolute } from './local-browse.js';

export interface LocalSearchOptions {
  includeHidden: boolean;
  signal?: AbortSignal;
  rules?: HiddenRules;
  pageEntries?: number;
  maxEntries?: number;
  maxDepth?: number;
}

interface Cursor {
  /** Path segments, below the root, of the next entry to visit. */
  next: string[];
  /** Entries visited by the pages before. */
  visited: number;
}

interface Visit {
  rel: string[];
  full: string;
  info: Stats | null;
}

const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const identity = (s: Stats) => `${s.dev}:${s.ino}`;

function readCursor(text: string | undefined): Cursor {
  if (text === undefined) return { next: [], visited: 0 };
  try {
    const value = JSON.parse(text) as Cursor;
    if (Array.isArray(value.next) && value.next.every((s) => typeof s === 'string' && s !== '') && Number.isSafeInteger(value.visited))
      return value;
  } catch {
    // Falls through to the error below: a cursor is only ever one Ferry made.
  }
  throw new FerryError('invalid-arguments', 'This search page cursor was not made by a local search; start the search again.', {
    details: { field: 'cursor' },
  });
}

async function* walk(
  dir: string,
  rel: string[],
  from: string[],
  ancestors: Set<string>,
  depth: number,
  o: Required<LocalSearchOptions>,
): AsyncGenerator<Visit> {
  const names = (await readdir(dir).catch(() => [] as string[])).sort(byCodeUnit);
  const hidden = o.includeHidden ? new Set<string>() : await hiddenNamesIn(dir, names, o.rules);
  const [first, ...rest] = from;
  for (const name of names) {
    if (o.signal.aborted) return;
    if (hidden.has(name)) continue;
    if (first !== undefined && byCodeUnit(name, first) < 0) continue;
    const resuming = first !== undefined && name === first && rest.length > 0;
    const full = path.join(dir, name);
    // stat follows a link: a link to a folder is searched as the folder, a dangling one is still a name that can match.
    const info = await stat(full).catch(() => null);
    if (!resuming) yield { rel: [...rel, name], full, info };
    if (info?.isDirectory() && depth < o.maxDepth && !ancestors.has(identity(info))) {
      const below = new Set(ancestors).add(identity(info));
      yield* walk(full, [...rel, name], resuming ? rest : [], below, depth + 1, o);
    }
  }
}

export async function searchLocalFolder(
  root: string,
  term: string,
  cursorText: string | undefined,
  options: LocalSearchOptions,
): Promise<Listing> {
  const dir = requireAbsolute(root);
  const rootInfo = await stat(dir);
  if (!rootInfo.isDirectory()) throw new FerryError('invalid-arguments', `${dir} is not a folder.`, { details: { field: 'path' } });
  const o: Required<LocalSearchOptions> = {
    signal: new AbortController().signal,
    rules: platformRules,
    pageEntries: 2000,
    maxEntries: 500_000,
    maxDepth: 64,
    ...options,
  };
  const cursor = readCursor(cursorText);
  const wanted = term.toLocaleLowerCase();
  const entries: Entry[] = [];
  let visited = cursor.visited;
  let seen = 0;
  let next: string[] | undefined;
  for await (const v of walk(dir, [], cursor.next, new Set([identity(rootInfo)]), 1, o)) {
    if (seen >= o.pageEntries || visited >= o.maxEntries) {
      next = v.rel;
      break;
    }
    seen++;
    visited++;
    const name = v.rel[v.rel.length - 1] ?? '';
    if (!name.toLocaleLowerCase().includes(wanted)) continue;
    const shown = v.rel.join(path.sep);
    if (v.info?.isDirectory()) entries.push({ kind: 'folder', name: shown, id: v.full });
    else
      entries.push({
        kind: 'file',
        name: shown,
        id: v.full,
        size: v.info?.size ?? 0,
        ...(v.info ? { lastModified: v.info.mtime.toISOString() } : {}),
      });
  }
  o.signal.throwIfAborted();
  const location = { kind: 'local' as const, path: dir };
  // Past maxEntries the search ends, saying more was there (truncated, with no way on).
  if (next && visited >= o.maxEntries) return { location, entries, truncated: true };
  return next
    ? { location, entries, truncated: true, nextCursor: JSON.stringify({ next, visited } satisfies Cursor) }
    : { location, entries, truncated: false };
}
