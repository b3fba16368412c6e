/**
 * Which entries of a local folder are hidden, the way the platform's own file
 * manager decides: on Windows the hidden attribute (Explorer shows dot-files,
 * and hides what carries H, system files included since they carry it too);
 * elsewhere a name starting with a dot. Node exposes no file attributes, and
 * Ferry ships no native module, so on Windows the folder's hidden names come
 * from `dir /a:h /b` run by cmd.exe in that folder: one short process per
 * listing, no path on its command line to quote, and with /u its output is
 * UTF-16, so names outside the console's code page come back intact.
 */
import { execFile } from 'node:child_process';

export type HiddenNamesReader = (dir: string) => Promise<Set<string>>;

export interface HiddenRules {
  platform: NodeJS.Platform;
  /** Reads the names carrying the hidden attribute in a folder (Windows only). */
  readHidden: HiddenNamesReader;
}

export const readWindowsHidden: HiddenNamesReader = (dir) =>
  new Promise((resolve) => {
    execFile(
      process.env.ComSpec || 'cmd.exe',
      ['/d', '/u', '/c', 'dir /a:h /b'],
      { cwd: dir, encoding: 'buffer', windowsHide: true, timeout: 10_000, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout) => {
        // "File Not Found" (no hidden entry) exits non-zero with nothing on stdout: that is an empty set, not a fault.
        const text = stdout.toString('utf16le');
        const names = text.split(/\r?\n/).filter((n) => n !== '');
        resolve(error && names.length === 0 ? new Set() : new Set(names));
      },
    );
  });

export const platformRules: HiddenRules = { platform: process.platform, readHidden: readWindowsHidden };

/** The names among `names` that the user's file manager would not show in `dir`. */
export async function hiddenNamesIn(dir: string, names: readonly string[], rules: HiddenRules = platformRules): Promise<Set<string>> {
  if (rules.platform === 'win32') {
    const marked = await rules.readHidden(dir).catch(() => new Set<string>());
    // Windows compares names without regard to case.
    const lower = new Set([...marked].map((n) => n.toLowerCase()));
    return new Set(names.filter((n) => lower.has(n.toLowerCase())));
  }
  return new Set(names.filter((n) => n.startsWith('.')));
}
