/** `--root DIR` (repeatable) for serve mode, and the line that says what the token holder can reach. */
import { statSync } from 'node:fs';
import path from 'node:path';

/** The --root folders, absolute; exits with a usage error naming one that is not a folder. */
export function parseRoots(argv: string[], cwd = process.cwd()): string[] {
  const roots: string[] = [];
  argv.forEach((arg, i) => {
    if (arg !== '--root' && !arg.startsWith('--root=')) return;
    const raw = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[i + 1];
    const dir = raw ? path.resolve(cwd, raw) : '';
    const isDir = dir !== '' && statSync(dir, { throwIfNoEntry: false })?.isDirectory() === true;
    if (!isDir) {
      console.error(`Ferry: --root wants an existing folder, got ${JSON.stringify(raw ?? '')}.`);
      process.exit(2);
    }
    roots.push(dir);
  });
  return roots;
}

export function rootsNotice(roots: string[]): string {
  return roots.length === 0
    ? 'Anyone holding this URL (its token) can read and write every file your user account can. Use --root DIR to confine it.'
    : `Local files are confined to: ${roots.join(', ')}.`;
}
