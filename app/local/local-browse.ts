/** The local filesystem as a location, so a fresh install with no connection still shows something useful. */
import { lstat, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { FerryError } from '../api/errors.js';
import type { Entry, Listing, Location, ObjectDetails } from '../api/types.js';
import { contentTypeFor } from './content-type.js';
import { hiddenNamesIn } from './hidden-entries.js';

const MAX_ENTRIES = 5000;

export function requireAbsolute(p: string): string {
  if (!path.isAbsolute(p)) throw new FerryError('invalid-arguments', `A local path must be absolute: ${p}`, { details: { field: 'path' } });
  return path.normalize(p);
}

/** A folder moved or deleted while a pane showed it, named in words; Node's text ("ENOENT: … scandir") is not for users. */
function folderGone(err: unknown, dir: string): FerryError | undefined {
  const errno = (err as { code?: unknown }).code;
  if (errno === 'ENOENT') {
    return new FerryError('local-fs', `The folder ${dir} does not exist: it may have been moved or deleted.`, {
      details: { errno },
      cause: err,
    });
  }
  if (errno === 'ENOTDIR') return new FerryError('local-fs', `${dir} is not a folder.`, { details: { errno }, cause: err });
  return undefined;
}

export async function listLocalFolder(location: Extract<Location, { kind: 'local' }>): Promise<Listing> {
  const dir = requireAbsolute(location.path);
  const dirents = await readdir(dir, { withFileTypes: true }).catch((err: unknown) => {
    throw folderGone(err, dir) ?? err;
  });
  const shown = dirents.slice(0, MAX_ENTRIES);
  const hidden = await hiddenNamesIn(
    dir,
    shown.map((d) => d.name),
  );
  const entries: Entry[] = [];
  for (const d of shown) {
    const full = path.join(dir, d.name);
    const mark = hidden.has(d.name) ? { hidden: true } : {};
    if (d.isDirectory()) {
      entries.push({ kind: 'folder', name: d.name, id: full, ...mark });
      continue;
    }
    // Follow symlinks for size, but a dangling one is still listed rather than failing the folder.
    const info = await stat(full).catch(() => lstat(full).catch(() => null));
    if (!info) continue;
    if (info.isDirectory()) entries.push({ kind: 'folder', name: d.name, id: full, ...mark });
    else entries.push({ kind: 'file', name: d.name, id: full, size: info.size, lastModified: info.mtime.toISOString(), ...mark });
  }
  entries.sort((a, b) => (a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind === 'folder' ? -1 : 1));
  return { location: { kind: 'local', path: dir }, entries, truncated: dirents.length > MAX_ENTRIES };
}

export async function inspectLocalFile(p: string): Promise<ObjectDetails> {
  const file = requireAbsolute(p);
  const info = await stat(file);
  if (!info.isFile()) throw new FerryError('invalid-arguments', `${file} is not a file.`);
  return {
    item: { kind: 'local', path: file },
    size: info.size,
    lastModified: info.mtime.toISOString(),
    contentType: await contentTypeFor(file),
    metadata: {},
    headers: {
      path: file,
      mode: `0${(info.mode & 0o777).toString(8)}`,
      modified: info.mtime.toISOString(),
      created: info.birthtime.toISOString(),
    },
  };
}
