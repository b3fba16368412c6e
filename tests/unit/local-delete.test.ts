// Where no trash is possible a plain delete is refused with nothing removed;
// only "Delete permanently" removes files then. The trashinfo encodings are
// checked here too, byte by byte.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { deletionDate, encodeTrashPath } from '../../app/local/trash';
import { deleteLocal, systemTrash, trashTakesAll } from '../../app/objects/local-delete';

describe('deleting local files without a trash', () => {
  const dirs: string[] = [];
  afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

  it('has no trash on macOS or Windows unless the shell lends one', async () => {
    expect(systemTrash(undefined, 'darwin')).toBeNull();
    expect(systemTrash(undefined, 'win32')).toBeNull();
    const lent: string[] = [];
    const shell = systemTrash(async (f) => {
      lent.push(f);
    }, 'darwin');
    expect(await trashTakesAll(shell, ['/a/b'])).toBe(true);
    expect(await trashTakesAll(null, ['/a/b'])).toBe(false);
    await expect(deleteLocal(['/a/b'], shell, false)).resolves.toMatchObject({ deleted: 1 });
    expect(lent).toEqual(['/a/b']);
  });

  it('refuses a plain delete and keeps the file, and deletes it for good only when asked', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'ferry-notrash-'));
    dirs.push(dir);
    const file = path.join(dir, 'keep.txt');
    await writeFile(file, 'kept');
    await expect(deleteLocal([file], null, false)).rejects.toMatchObject({ code: 'unsupported', message: /Delete permanently/ });
    expect(await readFile(file, 'utf8')).toBe('kept');
    await expect(deleteLocal([file], null, true)).resolves.toMatchObject({ deleted: 1, failed: 0 });
    await expect(readFile(file)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('writes trashinfo paths percent-encoded with slashes kept, and dates in local time without a zone', () => {
    expect(encodeTrashPath("/home/a b/ré(1)'!*.txt")).toBe('/home/a%20b/r%C3%A9%281%29%27%21%2A.txt');
    expect(deletionDate(new Date(2026, 0, 5, 7, 8, 9))).toBe('2026-01-05T07:08:09');
  });
});
