/** Ferry's checkout, found from this file whether it runs as TypeScript (tests) or bundled into dist/bench/. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'ferry') return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error("cannot find Ferry's package.json above the benchmark");
    dir = up;
  }
}

export const REPO_ROOT = findRoot();
