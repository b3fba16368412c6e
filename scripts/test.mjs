// `npm test`: every check Ferry's CI runs, in one command. Static checks
// (format, lint, types, Electron's security review), then unit and integration
// tests (Vitest, real S3 servers), then UI tests (Playwright in Debian's
// Chromium, and Electron where its runtime exists), then serve mode and the
// command line on the machine's own Node. Every step runs even if an earlier
// one failed, so one run shows everything; the last line sums the tests up.
//
// The suite runs on Node 24, the Node inside Electron 45: when this script is
// started by an older Node it fetches the pinned Node 24 (scripts/test-node.mjs)
// and runs itself again under it, remembering the first Node for the smoke step.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ensureTestServers } from './install-test-servers.mjs';
import { ensureTestNode } from './test-node.mjs';

if (!process.env.FERRY_TEST_HOST_NODE) {
  const { node, note } = ensureTestNode();
  if (note) console.log(`[node] ${note}`);
  if (node !== process.execPath) {
    // The pinned Node goes first on PATH, so every tool's `#!/usr/bin/env node` runs on it too.
    const env = {
      ...process.env,
      FERRY_TEST_HOST_NODE: process.execPath,
      PATH: `${path.dirname(node)}${path.delimiter}${process.env.PATH ?? ''}`,
    };
    const result = spawnSync(node, [new URL(import.meta.url).pathname, ...process.argv.slice(2)], { stdio: 'inherit', env });
    process.exit(result.status ?? 1);
  }
}
const hostNode = process.env.FERRY_TEST_HOST_NODE ?? process.execPath;

// Every scratch folder of the run (the tests' own, the S3 servers' data, serve mode's profiles, the browser's) is
// made under one temp folder of this run, removed at the end: a run leaves nothing behind in the system's.
const scratch = mkdtempSync(path.join(tmpdir(), 'ferry-test-run-'));
for (const name of ['TMPDIR', 'TMP', 'TEMP']) process.env[name] = scratch;

// On a CI machine (CI is set by the CI system, not by Ferry) every S3 server the harness knows must
// run: a missing one fails the run instead of skipping its suites.
if (process.env.CI && process.env.FERRY_REQUIRE_ALL_SERVERS === undefined) process.env.FERRY_REQUIRE_ALL_SERVERS = '1';
const env = { ...process.env, FORCE_COLOR: process.env.CI ? '0' : '1' };
const chromium = process.env.FERRY_CHROMIUM ?? '/usr/bin/chromium';
const failed = [];

function step(name, command, args, extraEnv = {}) {
  const started = Date.now();
  console.log(`\n▶ ${name}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...env, ...extraEnv } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status === 0) console.log(`✔ ${name} (${seconds} s)`);
  else {
    console.log(`✖ ${name} failed (${seconds} s)`);
    failed.push(name);
  }
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

mkdirSync('test-results', { recursive: true });
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
console.log(
  `Testing on Node ${process.versions.node}${hostNode !== process.execPath ? ` (serve mode and ferry also on ${hostNode})` : ''}`,
);

step('format (prettier)', npx, ['prettier', '--check', '.']);
step('lint (eslint, zero warnings)', npx, ['eslint', '.', '--max-warnings', '0']);
step('types (npm run typecheck: all, core and renderer)', process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'typecheck']);
step('Electron security review (electronegativity)', process.execPath, ['scripts/electronegativity.mjs']);
step('desktop packaging (builder config, icons, fuses, app.asar contents)', process.execPath, ['scripts/check-package.mjs']);

console.log('\n▶ test servers');
try {
  const missing = ensureTestServers();
  for (const m of missing) console.log(`[servers] ${m.name} unavailable: ${m.reason}`);
  if (missing.length && process.env.FERRY_REQUIRE_ALL_SERVERS === '1') failed.push('test servers');
} catch (err) {
  console.log(`✖ test servers: ${err.message}`);
  failed.push('test servers');
}

step('unit and integration tests (vitest)', npx, [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  '--outputFile.json=test-results/vitest.json',
]);

if (existsSync(chromium)) {
  step('UI tests (playwright)', npx, ['playwright', 'test']);
} else {
  console.log(`✖ UI tests: no Chromium at ${chromium}; install Debian's (apt-get install -y chromium) or set FERRY_CHROMIUM.`);
  failed.push('UI tests');
}

// The newcomer's path on the machine's own Node: `npm run serve` answers with its page, `ferry` runs.
step(`serve mode and ferry on Node ${spawnSync(hostNode, ['-p', 'process.versions.node']).stdout?.toString().trim()}`, hostNode, [
  'scripts/smoke-host-node.mjs',
]);

const vitest = readJson('test-results/vitest.json');
const pw = readJson('test-results/playwright.json');
const passed = (vitest?.numPassedTests ?? 0) + (pw?.stats?.expected ?? 0) + (pw?.stats?.flaky ?? 0);
const failing = (vitest?.numFailedTests ?? 0) + (pw?.stats?.unexpected ?? 0);
const skipped = (vitest?.numPendingTests ?? 0) + (vitest?.numTodoTests ?? 0) + (pw?.stats?.skipped ?? 0);

console.log(failed.length ? `\nFailed steps: ${failed.join(', ')}` : '\nAll steps passed.');
console.log(`tests: ${passed} passed, ${failing} failed, ${skipped} skipped`);
rmSync(scratch, { recursive: true, force: true });
process.exit(failed.length || failing ? 1 : 0);
