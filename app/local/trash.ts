/**
 * The freedesktop.org trash, for Linux and the other free desktops. A file
 * goes to the home trash ($XDG_DATA_HOME/Trash) when it lives on the same
 * file system; otherwise to the trash at the top of its own mount
 * ($topdir/.Trash/$uid where an administrator made a safe .Trash, else
 * $topdir/.Trash-$uid), because moving it across file systems would copy
 * every byte. Each trashed file gets an info/<name>.trashinfo saying where it
 * came from and when, which is what a file manager's "Restore" reads. The
 * info file is created first and exclusively: that claims the name, so two
 * deletes of files called the same never overwrite each other.
 */
import { lstat, mkdir, open, rename, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { escapePath } from '../base/uri-escape.js';
import { FerryError } from '../api/errors.js';

/** The sticky bit: in a shared .Trash only each file's owner may remove it. */
const STICKY = 0o1000;

export interface TrashEnv {
  /** $XDG_DATA_HOME, when set. */
  dataHome?: string | undefined;
  home: string;
  uid: number;
}

export function trashEnv(env: NodeJS.ProcessEnv = process.env): TrashEnv {
  return { dataHome: env.XDG_DATA_HOME || undefined, home: os.homedir(), uid: process.getuid?.() ?? 0 };
}

interface TrashDir {
  dir: string;
  /** Paths in its info files are relative to this folder; absolute for the home trash. */
  relativeTo: string | null;
}

/** The nearest folder at or above `p` that exists (the home trash may not be made yet). */
async function existingAncestor(p: string): Promise<string> {
  for (let dir = p; ; dir = path.dirname(dir)) {
    if (
      await stat(dir).then(
        () => true,
        () => false,
      )
    )
      return dir;
    if (dir === path.dirname(dir)) return dir;
  }
}

/** The top folder of the mount `p` is on: the last ancestor with the same device. */
async function mountTop(p: string, dev: number): Promise<string> {
  let top = p;
  for (let dir = path.dirname(p); ; dir = path.dirname(dir)) {
    const info = await stat(dir).catch(() => null);
    if (!info || info.dev !== dev) return top;
    top = dir;
    if (dir === path.dirname(dir)) return top;
  }
}

async function usable(dir: string): Promise<boolean> {
  try {
    await mkdir(path.join(dir, 'files'), { recursive: true, mode: 0o700 });
    await mkdir(path.join(dir, 'info'), { recursive: true, mode: 0o700 });
    return true;
  } catch {
    return false;
  }
}

/** Where `file` would go, or null where this system offers no trash for it. */
export async function trashDirFor(file: string, env: TrashEnv): Promise<TrashDir | null> {
  const own = await lstat(file);
  const homeTrash = path.join(env.dataHome ?? path.join(env.home, '.local', 'share'), 'Trash');
  const homeDev = (await stat(await existingAncestor(homeTrash))).dev;
  if (homeDev === own.dev) return (await usable(homeTrash)) ? { dir: homeTrash, relativeTo: null } : null;
  const top = await mountTop(file, own.dev);
  // An administrator's shared .Trash counts only if it is a real folder with the sticky bit set; a link could point anywhere.
  const shared = await lstat(path.join(top, '.Trash')).catch(() => null);
  if (shared && shared.isDirectory() && !shared.isSymbolicLink() && (shared.mode & STICKY) !== 0) {
    const dir = path.join(top, '.Trash', String(env.uid));
    if (await usable(dir)) return { dir, relativeTo: top };
  }
  const dir = path.join(top, `.Trash-${env.uid}`);
  const mine = await lstat(dir).catch(() => null);
  if (mine && (mine.isSymbolicLink() || !mine.isDirectory())) return null;
  return (await usable(dir)) ? { dir, relativeTo: top } : null;
}

/** A path as a trashinfo file holds it: each byte outside the URI's unreserved set percent-encoded, '/' kept. */
export function encodeTrashPath(p: string): string {
  return escapePath(p);
}

/** Local time without a zone, as the specification asks: 2026-12-06T09:30:00. */
export function deletionDate(d: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}T${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}

/** Claims a free name in the trash by creating its info file exclusively; returns that name. */
async function claimName(dir: string, base: string, body: string): Promise<string> {
  const ext = path.extname(base);
  const stem = base.slice(0, base.length - ext.length) || base;
  for (let n = 1; n < 10_000; n++) {
    const name = n === 1 ? base : `${stem}.${n}${stem === base ? '' : ext}`;
    try {
      const fh = await open(path.join(dir, 'info', `${name}.trashinfo`), 'wx', 0o600);
      try {
        await fh.writeFile(body);
      } finally {
        await fh.close();
      }
      return name;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
  throw new FerryError('local-fs', `The trash already holds too many items called "${base}".`);
}

/** Moves `file` (a file or a whole folder) to the trash; returns where it now is. */
export async function moveToTrash(file: string, env: TrashEnv, now = new Date()): Promise<string> {
  const trash = await trashDirFor(file, env);
  if (!trash)
    throw new FerryError('unsupported', `There is no trash for ${file}; it can only be deleted permanently.`, { details: { path: file } });
  const original = trash.relativeTo ? path.relative(trash.relativeTo, file) : file;
  const body = `[Trash Info]\nPath=${encodeTrashPath(original)}\nDeletionDate=${deletionDate(now)}\n`;
  const name = await claimName(trash.dir, path.basename(file), body);
  const to = path.join(trash.dir, 'files', name);
  try {
    await rename(file, to);
  } catch (err) {
    await rm(path.join(trash.dir, 'info', `${name}.trashinfo`), { force: true });
    throw err;
  }
  return to;
}
