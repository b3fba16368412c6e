// Local folders get the same operations as buckets: a new folder, a rename
// that never replaces what holds the name, and a delete after a summary that
// goes to the freedesktop.org trash (a temp XDG_DATA_HOME here), or to the
// trash at the top of another mount, or for good when asked to.
import { lstat, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoreUnderTest } from './support';

describe('managing a local folder', () => {
  let core: CoreUnderTest;
  let root = '';
  let dataHome = '';
  const saved = process.env.XDG_DATA_HOME;
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'ferry-local-manage-'));
    dataHome = await mkdtemp(path.join(tmpdir(), 'ferry-xdg-data-'));
    process.env.XDG_DATA_HOME = dataHome;
    core = new CoreUnderTest(root);
  });
  afterAll(async () => {
    core.dispose();
    if (saved === undefined) delete process.env.XDG_DATA_HOME;
    else process.env.XDG_DATA_HOME = saved;
    await rm(dataHome, { recursive: true, force: true });
  });
  const trashed = async (name: string) => ({
    info: await readFile(path.join(dataHome, 'Trash', 'info', `${name}.trashinfo`), 'utf8'),
    file: await lstat(path.join(dataHome, 'Trash', 'files', name)),
  });

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

  it('summarises then sends files and folders to the home trash, each with where it came from and when', async () => {
    await mkdir(path.join(root, 'new', 'deep'), { recursive: true });
    await writeFile(path.join(root, 'new', 'deep', 'x.bin'), Buffer.alloc(2048));
    await writeFile(path.join(root, 'new', 'y.bin'), Buffer.alloc(1024));
    const selection = { kind: 'local', paths: [path.join(root, 'new'), path.join(root, 'b.txt')] };
    const summary = await core.call<{ message: string; trash: boolean }>('delete.summary', { selection });
    expect(summary).toMatchObject({ message: 'Delete 1 file and 1 folder (3 files, 3.0 KiB)?', trash: true });
    const before = Date.now();
    await expect(core.call('delete.run', { selection })).resolves.toMatchObject({ deleted: 2, failed: 0 });
    expect(await readdir(root)).toEqual(['c.txt']);
    const folder = await trashed('new');
    expect(folder.file.isDirectory()).toBe(true);
    expect(await readFile(path.join(dataHome, 'Trash', 'files', 'new', 'deep', 'x.bin'))).toHaveLength(2048);
    const lines = folder.info.split('\n');
    expect(lines[0]).toBe('[Trash Info]');
    expect(lines[1]).toBe(`Path=${path.join(root, 'new')}`);
    const date = /^DeletionDate=(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)$/.exec(lines[2] ?? '')?.[1];
    // Local time without a zone, as the specification has it: read back as local time it is now.
    expect(Math.abs(new Date(date ?? '').getTime() - before)).toBeLessThan(60_000);
    expect((await trashed('b.txt')).info).toContain(`Path=${path.join(root, 'b.txt')}\n`);
  });

  it('percent-encodes the path and never overwrites an earlier item of the same name', async () => {
    const odd = path.join(root, 'ré sumé #1%.txt');
    await writeFile(odd, 'first');
    await core.call('delete.run', { selection: { kind: 'local', paths: [odd] } });
    await writeFile(odd, 'second');
    await core.call('delete.run', { selection: { kind: 'local', paths: [odd] } });
    const first = await trashed('ré sumé #1%.txt');
    expect(first.info).toContain(`Path=${path.join(root, 'r%C3%A9%20sum%C3%A9%20%231%25.txt')}\n`);
    expect(await readFile(path.join(dataHome, 'Trash', 'files', 'ré sumé #1%.txt'), 'utf8')).toBe('first');
    expect(await readFile(path.join(dataHome, 'Trash', 'files', 'ré sumé #1%.2.txt'), 'utf8')).toBe('second');
    expect((await trashed('ré sumé #1%.2.txt')).info).toContain('Path=');
  });

  it('deletes permanently when asked, without touching the trash', async () => {
    const gone = path.join(root, 'gone.txt');
    await writeFile(gone, 'x');
    await core.call('delete.run', { selection: { kind: 'local', paths: [gone] }, permanently: true });
    await expect(stat(gone)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await readdir(path.join(dataHome, 'Trash', 'files'))).not.toContain('gone.txt');
  });
});

// /dev/shm is a tmpfs of its own on Linux: a file there goes to the trash at the top of that mount.
const shm = '/dev/shm';
describe.runIf(process.platform === 'linux')('trash on another mount', () => {
  it('goes to $topdir/.Trash-$uid with a path relative to the mount', async (ctx) => {
    const other = await stat(shm).catch(() => null);
    if (!other || other.dev === (await stat(tmpdir())).dev) ctx.skip();
    const core = new CoreUnderTest(shm);
    const dir = await mkdtemp(path.join(shm, 'ferry-trash-'));
    const file = path.join(dir, 'clip.bin');
    await writeFile(file, 'clip');
    const trash = path.join(shm, `.Trash-${process.getuid?.() ?? 0}`);
    const existed = await stat(trash).then(
      () => true,
      () => false,
    );
    let name: string | undefined;
    try {
      await core.call('delete.run', { selection: { kind: 'local', paths: [file] } });
      name = (await readdir(path.join(trash, 'info'))).find((n) => n.startsWith('clip'));
      expect(name).toBeDefined();
      const info = await readFile(path.join(trash, 'info', name ?? ''), 'utf8');
      expect(info).toContain(`Path=${path.relative(shm, file)}\n`);
      expect(await readFile(path.join(trash, 'files', (name ?? '').replace(/\.trashinfo$/, '')), 'utf8')).toBe('clip');
    } finally {
      core.dispose();
      await rm(dir, { recursive: true, force: true });
      if (!existed) await rm(trash, { recursive: true, force: true });
      else if (name) {
        await rm(path.join(trash, 'info', name), { force: true });
        await rm(path.join(trash, 'files', name.replace(/\.trashinfo$/, '')), { force: true });
      }
    }
  });
});
