// A local folder that is not there (moved or deleted while a pane showed it) or is a file: the listing says so in
// words and keeps the errno the pane uses to offer the way up.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FerryError } from '../../app/api/errors';
import { listLocalFolder } from '../../app/local/local-browse';

describe('listing a local folder that is gone', () => {
  let root = '';
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'ferry-gone-'));
    await writeFile(path.join(root, 'plain.txt'), 'not a folder');
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('names a missing folder', async () => {
    const dir = path.join(root, 'moved away');
    const err = await listLocalFolder({ kind: 'local', path: dir }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FerryError);
    expect((err as FerryError).toData()).toEqual({
      code: 'local-fs',
      message: `The folder ${dir} does not exist: it may have been moved or deleted.`,
      retryable: false,
      details: { errno: 'ENOENT' },
    });
  });

  it('says a file is not a folder', async () => {
    const file = path.join(root, 'plain.txt');
    const err = await listLocalFolder({ kind: 'local', path: file }).catch((e: unknown) => e);
    expect((err as FerryError).toData()).toMatchObject({
      code: 'local-fs',
      message: `${file} is not a folder.`,
      details: { errno: 'ENOTDIR' },
    });
  });

  it('still lists a folder that is there', async () => {
    const listing = await listLocalFolder({ kind: 'local', path: root });
    expect(listing.entries.map((e) => e.name)).toEqual(['plain.txt']);
  });
});
