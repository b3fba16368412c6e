#!/usr/bin/env node
// `node bench/profile-top.mjs FILE.cpuprofile [--top N]`: where a CPU profile
// (node --cpu-prof) spent its time, as self time per function and per
// package, so a closing note can say what a workload's CPU went to without
// opening DevTools. Samples are weighted by their time deltas.
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--'));
const topIndex = args.indexOf('--top');
const top = topIndex >= 0 ? Number(args[topIndex + 1]) : 25;
if (!file || !Number.isInteger(top) || top < 1) {
  console.error('usage: node bench/profile-top.mjs FILE.cpuprofile [--top N]');
  process.exit(2);
}

const profile = JSON.parse(readFileSync(file, 'utf8'));
const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
const selfUs = new Map();
for (let i = 0; i < profile.samples.length; i++) {
  const id = profile.samples[i];
  selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
}

/** Which package (or Node's own code, or the engine) a frame belongs to. */
function packageOf(url) {
  if (!url) return '(engine: GC, idle, native)';
  if (url.startsWith('node:')) return 'node: built-ins';
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  return url.includes('/dist/') ? 'ferry (bundle)' : url.replace(/^file:\/\//, '');
}

const byFunction = new Map();
const byPackage = new Map();
let total = 0;
for (const [id, us] of selfUs) {
  const { callFrame } = nodes.get(id);
  const name = callFrame.functionName || '(anonymous)';
  const where = callFrame.url ? `${callFrame.url.split('/').pop()}:${callFrame.lineNumber + 1}` : '';
  const key = where ? `${name}  ${where}` : name;
  byFunction.set(key, (byFunction.get(key) ?? 0) + us);
  const pkg = packageOf(callFrame.url);
  byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + us);
  total += us;
}

const ms = (us) => (us / 1000).toFixed(1).padStart(9);
const pct = (us) => `${((100 * us) / total).toFixed(1).padStart(5)}%`;
const print = (title, map, n) => {
  console.log(`\n${title}`);
  for (const [k, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, n)) console.log(`${ms(us)} ms ${pct(us)}  ${k}`);
};
console.log(`${file}: ${(total / 1000).toFixed(0)} ms sampled`);
print('self time by package', byPackage, 12);
print(`self time by function (top ${top})`, byFunction, top);
