import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Entry } from '../../app/api/types.js';
import { FerryError } from '../../app/api/errors.js';
import { searchLocalFolder, type LocalSearchOptions } from '../../app/local/local-search.js';

const root = mkdtempSync(path.join(tmpdir(), 'ferry-local-search-'));
const posix: LocalSearchOptions['rules'] = { platform: 'linux', readHidden: async () => new Set() };

beforeAll(() => {
  // 6 folders × 40 files, a match in some names, a hidden folder, and two links that loop back up.
  for (let d = 0; d < 6; d++) {
    const folder = path.join(root, `dir-${d}`, 'deeper');
    mkdirSync(folder, { recursive: true });
    for (let f = 0; f < 40; f++) writeFileSync(path.join(folder, f % 7 === 0 ? `Report-${d}-${f}.txt` : `file-${f}.bin`), 'x'.repeat(f));
  }
  mkdirSync(path.join(root, 'report-folder'));
  mkdirSync(path.join(root, '.secret'));
  writeFileSync(path.join(root, '.secret', 'report-hidden.txt'), 'x');
  symlinkSync(root, path.join(root, 'dir-0', 'deeper', 'loop-to-root'));
  symlinkSync(path.join(root, 'dir-1'), path.join(root, 'dir-1', 'deeper', 'loop-to-parent'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Every page of a search, as the pane asks for them. */
async function searchAll(term: string, options: Partial<LocalSearchOptions> = {}) {
  const found: Entry[] = [];
  let cursor: string | undefined;
  let pages = 0;
  for (;;) {
    const page = await searchLocalFolder(root, term, cursor, { includeHidden: false, rules: posix, ...options });
    found.push(...page.entries);
    pages++;
    if (!page.nextCursor) return { found, pages, last: page };
    cursor = page.nextCursor;
  }
}

const expected = [
  'report-folder',
  ...Array.from({ length: 6 }, (_, d) => [0, 7, 14, 21, 28, 35].map((f) => path.join(`dir-${d}`, 'deeper', `Report-${d}-${f}.txt`))).flat(),
].sort();

describe('recursive search in a local folder', () => {
  it('finds every name containing the term below the folder, ignoring case, and names each by its path below', async () => {
    const { found, last } = await searchAll('REPORT');
    expect(found.map((e) => e.name).sort()).toEqual(expected);
    expect(last.truncated).toBe(false);
    const file = found.find((e) => e.name.endsWith('Report-2-14.txt'));
    expect(file).toMatchObject({ kind: 'file', size: 14, id: path.join(root, 'dir-2', 'deeper', 'Report-2-14.txt') });
    expect(found.find((e) => e.name === 'report-folder')?.kind).toBe('folder');
  });

  it('pages of a few entries each give the same matches, none twice, the cursor carrying the walk on', async () => {
    const { found, pages } = await searchAll('report', { pageEntries: 7 });
    expect(pages).toBeGreaterThan(30);
    expect(found.map((e) => e.name).sort()).toEqual(expected);
  });

  it('does not walk round a link that loops back to a folder it is in', async () => {
    const { found } = await searchAll('loop');
    expect(found.map((e) => e.name).sort()).toEqual([
      path.join('dir-0', 'deeper', 'loop-to-root'),
      path.join('dir-1', 'deeper', 'loop-to-parent'),
    ]);
  });

  it('leaves hidden folders out unless hidden files are shown', async () => {
    expect((await searchAll('hidden')).found).toEqual([]);
    expect((await searchAll('hidden', { includeHidden: true })).found.map((e) => e.name)).toEqual([
      path.join('.secret', 'report-hidden.txt'),
    ]);
  });

  it('stops at its bound on entries visited, saying there was more and offering no way on', async () => {
    const { found, last } = await searchAll('report', { pageEntries: 10, maxEntries: 25 });
    expect(last.truncated).toBe(true);
    expect(last.nextCursor).toBeUndefined();
    expect(found.length).toBeLessThan(expected.length);
  });

  it('stops when its signal aborts, and refuses a cursor it did not make', async () => {
    const controller = new AbortController();
    controller.abort(new FerryError('cancelled', 'stopped'));
    await expect(
      searchLocalFolder(root, 'report', undefined, { includeHidden: false, rules: posix, signal: controller.signal }),
    ).rejects.toThrow('stopped');
    await expect(searchLocalFolder(root, 'report', '{"next":5}', { includeHidden: false, rules: posix })).rejects.toThrow(/cursor/);
  });
});
