#!/usr/bin/env node
// `node bench/ui-listing.mjs [--keys N] [--runs N]` (L2, G1, G2) or
// `node bench/ui-listing.mjs --g3 [--rows N] [--copy N]`: the benchmarks of
// benchmarks.md that need a real window, from bench/ui/listing.ts. Not part of
// `npm test`: it prints figures, it asserts nothing.
//
// Ferry's core runs on Node 24 here, the Node inside Electron: on an older
// Node this script starts itself again on the pinned Node 24 the tests use
// (scripts/test-node.mjs). --host-node keeps this machine's own Node.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { runBundled } from './lib/run-bundled.mjs';
import { ensureTestNode, TEST_NODE_VERSION } from '../scripts/test-node.mjs';

const args = process.argv.slice(2);
const hostNode = args.includes('--host-node');
if (!hostNode && Number(process.versions.node.split('.')[0]) < Number(TEST_NODE_VERSION.split('.')[0])) {
  const { node, note } = ensureTestNode();
  if (note) console.log(`[ui-bench] ${note}`);
  if (node !== process.execPath) {
    const result = spawnSync(node, [fileURLToPath(import.meta.url), ...args], { stdio: 'inherit' });
    process.exit(result.status ?? 1);
  }
}
process.argv = [...process.argv.slice(0, 2), ...args.filter((a) => a !== '--host-node')];
await runBundled('ui/listing.ts', 'ui-listing.mjs');
