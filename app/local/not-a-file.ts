/**
 * Why a path a job meant to read as a file is not one, in words: a link to
 * nothing, a link to a folder Ferry did not follow, a named pipe, a socket
 * or a device. Node's own text ("ENOENT: no such file or directory, open …")
 * does not say that the path was a link, nor where it led.
 */
import type { Stats } from 'node:fs';
import { lstat, readlink, realpath, stat } from 'node:fs/promises';
import path from 'node:path';

function kindOf(info: Stats): string | undefined {
  if (info.isFIFO()) return 'a named pipe (FIFO)';
  if (info.isSocket()) return 'a socket';
  if (info.isBlockDevice() || info.isCharacterDevice()) return 'a device';
  return undefined;
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * The reason `file` cannot be sent as a file, a sentence to show beside its name; undefined when it is a file, or is
 * gone (the caller's own error says so). `moving`: the job is a move, which does not follow links to folders.
 */
export async function whyNotAFile(file: string, moving: boolean): Promise<string | undefined> {
  const own = await lstat(file).catch(() => null);
  if (!own) return undefined;
  if (!own.isSymbolicLink()) {
    if (own.isDirectory()) return 'A folder now, not a file.';
    const kind = kindOf(own);
    return kind ? `${capital(kind)}, not a file: only files are sent.` : undefined;
  }
  // Named as the absolute path it leads to: a link's own text is often relative ("..", "../photos").
  const to = await realpath(file).catch(async () => path.resolve(path.dirname(file), await readlink(file).catch(() => '?')));
  const target = await stat(file).catch((err: NodeJS.ErrnoException) => err);
  if (target instanceof Error) {
    if (target.code === 'ENOENT') return `A link to ${to}, which does not exist: there is nothing to send.`;
    if (target.code === 'ELOOP') return `A link that leads back to itself (through ${to}): there is nothing to send.`;
    return undefined;
  }
  if (target.isDirectory()) {
    return moving
      ? `A link to the folder ${to}: a move does not follow it, as it would delete that folder's files. Copy it instead, or move ${to} itself.`
      : `A link back to ${to}, a folder it is already inside: following it would never end, so Ferry does not.`;
  }
  const kind = kindOf(target);
  return kind ? `A link to ${kind} (${to}), not to a file: only files are sent.` : undefined;
}
