// Local folders get the same operations as buckets: a new folder, a rename
// that never replaces what holds the name, and a delete after a summary.
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoreUnderTest } from './support';

describe('managing a local folder', () => {
  let core: CoreUnderTest;
  let root = '';
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'ferry-local-manage-'));
    core = new CoreUnderTest(root);
  });
  afterAll(() => core.dispose());

  it('makes a folder, and refuses a name that is taken or not one segment', async () => {
    await expect(core.call('folder.create', { location: { kind: 'local', path: root }, name: 'new' })).resolves.toEqual({
      id: path.join(root, 'new'),
    });
    expect((await readdir(root, { withFileTypes: true })).find((d) => d.name === 'new')?.isDirectory()).toBe(true);
    const again = await core.core.dispatch('folder.create', { location: { kind: 'local', path: root }, name: 'new' });
    expect(again.ok ? null : again.error.code).toBe('conflict');
    const up = await core.core.dispatch('folder.create', { location: { kind: 'local', path: root }, name: '..' });
    expect(up.ok ? null : up.error).toMatchObject({ code: 'invalid-arguments', details: { field: 'name' } });
  });

  it('renames a file, never over another', async () => {
    await writeFile(path.join(root, 'a.txt'), 'A');
    await writeFile(path.join(root, 'b.txt'), 'B');
    const taken = await core.core.dispatch('entry.rename', { item: { kind: 'local', path: path.join(root, 'a.txt') }, name: 'b.txt' });
    expect(taken.ok ? null : taken.error.code).toBe('conflict');
    expect(await readFile(path.join(root, 'b.txt'), 'utf8')).toBe('B');
    await core.call('entry.rename', { item: { kind: 'local', path: path.join(root, 'a.txt') }, name: 'c.txt' });
    expect(await readFile(path.join(root, 'c.txt'), 'utf8')).toBe('A');
    expect((await readdir(root)).sort()).toEqual(['b.txt', 'c.txt', 'new']);
  });

  it('summarises then deletes files and folders', async () => {
    await mkdir(path.join(root, 'new', 'deep'), { recursive: true });
    await writeFile(path.join(root, 'new', 'deep', 'x.bin'), Buffer.alloc(2048));
    await writeFile(path.join(root, 'new', 'y.bin'), Buffer.alloc(1024));
    const selection = { kind: 'local', paths: [path.join(root, 'new'), path.join(root, 'b.txt')] };
    const summary = await core.call<{ message: string }>('delete.summary', { selection });
    expect(summary.message).toBe('Delete 1 file and 1 folder (3 files, 3.0 KiB)?');
    await expect(core.call('delete.run', { selection })).resolves.toMatchObject({ deleted: 2, failed: 0 });
    expect(await readdir(root)).toEqual(['c.txt']);
  });
});
