// `npm test`: every check Ferry's CI runs, in one command. Static checks
// (format, lint, types), then unit and integration tests (Vitest, real S3
// servers), then UI tests (Playwright in Debian's Chromium, and Electron where
// its runtime exists). Every step runs even if an earlier one failed, so one
// run shows everything; the last line sums the tests up.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { ensureTestServers } from './install-test-servers.mjs';

const env = { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', FORCE_COLOR: process.env.CI ? '0' : '1' };
const chromium = process.env.FERRY_CHROMIUM ?? '/usr/bin/chromium';
const failed = [];

function step(name, command, args) {
  const started = Date.now();
  console.log(`\n▶ ${name}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env });
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

step('format (prettier)', npx, ['prettier', '--check', '.']);
step('lint (eslint, zero warnings)', npx, ['eslint', '.', '--max-warnings', '0']);
step('types (npm run typecheck: all, core and renderer)', process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'typecheck']);

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

const vitest = readJson('test-results/vitest.json');
const pw = readJson('test-results/playwright.json');
const passed = (vitest?.numPassedTests ?? 0) + (pw?.stats?.expected ?? 0) + (pw?.stats?.flaky ?? 0);
const failing = (vitest?.numFailedTests ?? 0) + (pw?.stats?.unexpected ?? 0);
const skipped = (vitest?.numPendingTests ?? 0) + (vitest?.numTodoTests ?? 0) + (pw?.stats?.skipped ?? 0);

console.log(failed.length ? `\nFailed steps: ${failed.join(', ')}` : '\nAll steps passed.');
console.log(`tests: ${passed} passed, ${failing} failed, ${skipped} skipped`);
process.exit(failed.length || failing ? 1 : 0);
