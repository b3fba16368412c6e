/**
 * Deleting local files and folders. By default they go to the system's
 * trash, so a slip can be undone from the file manager: the freedesktop.org
 * trash on Linux (app/local/trash.ts), or the shell's own where the desktop
 * app lends one (Electron's shell.trashItem on macOS and Windows; the core
 * stays free of Electron). Where there is no trash the summary says so and
 * only a permanent delete, asked for as such, removes them.
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { FerryError } from '../api/errors.js';
import { requireAbsolute } from '../local/local-browse.js';
import { moveToTrash, trashDirFor, trashEnv } from '../local/trash.js';
import type { DeleteOutcome } from './delete-selection.js';

/** A trash the core can put files in. */
export interface LocalTrash {
  put(file: string): Promise<void>;
  /** Whether `file` can go to this trash (a file on a mount with no writable trash cannot). */
  takes(file: string): Promise<boolean>;
}

/** The shell's trash when it lends one, else the freedesktop.org trash on the systems that use it, else none. */
export function systemTrash(shellTrash: ((file: string) => Promise<void>) | undefined, platform = process.platform): LocalTrash | null {
  if (shellTrash) return { put: shellTrash, takes: async () => true };
  if (platform === 'darwin' || platform === 'win32') return null;
  return {
    put: async (file) => {
      await moveToTrash(file, trashEnv());
    },
    takes: async (file) => (await trashDirFor(file, trashEnv()).catch(() => null)) !== null,
  };
}

export async function trashTakesAll(trash: LocalTrash | null, paths: string[]): Promise<boolean> {
  if (!trash) return false;
  for (const p of paths) if (!(await trash.takes(requireAbsolute(p)))) return false;
  return true;
}

/** Sends each path to `trash`, or removes it for good when the user asked for "Delete permanently". */
export async function deleteLocal(paths: string[], trash: LocalTrash | null, permanently: boolean): Promise<DeleteOutcome> {
  if (!permanently && !trash) {
    throw new FerryError('unsupported', 'This system has no trash Ferry can use; choose "Delete permanently" to remove them for good.');
  }
  const out: DeleteOutcome = { deleted: 0, failed: 0, failures: [] };
  for (const p of paths.map(requireAbsolute)) {
    if (p === path.parse(p).root) throw new FerryError('invalid-arguments', 'Ferry will not delete the root of a disk.');
    try {
      if (!permanently && trash) await trash.put(p);
      else await rm(p, { recursive: true });
      out.deleted++;
    } catch (err) {
      out.failed++;
      const e = err as NodeJS.ErrnoException;
      const code = err instanceof FerryError ? err.code : (e.code ?? 'local-fs');
      out.failures.push({ key: p, code, message: e.message });
    }
  }
  return out;
}
