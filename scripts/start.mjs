// `npm start`: builds Ferry and opens the desktop app. Since Electron 42 the
// electron package no longer downloads its runtime when it is installed (so
// `npm ci` succeeds on any machine); it is fetched on first use instead,
// which is here. Where that download is impossible (no internet, a proxy
// that refuses it), say so in one line and point to serve mode, which needs
// no runtime.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { electronBinary, electronDir } from './electron-runtime.mjs';

function fetchRuntime() {
  try {
    execFileSync(process.execPath, [path.join(electronDir, 'install.js')], { stdio: ['ignore', 'ignore', 'pipe'], timeout: 10 * 60_000 });
    return null;
  } catch (err) {
    const text = String(err.stderr ?? err.message ?? err);
    const first = text.split('\n').find((line) => line.trim()) ?? 'unknown error';
    return first.trim();
  }
}

if (!existsSync(electronDir)) {
  console.error('Ferry: dependencies are missing; run `npm ci` first.');
  process.exit(1);
}

execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });

let binary = electronBinary();
if (!binary) {
  console.log('Ferry: fetching the Electron runtime (one time)…');
  const failure = fetchRuntime();
  binary = electronBinary();
  if (!binary) {
    console.error(
      `Ferry: the Electron runtime could not be downloaded (${failure ?? 'no binary after install'}); run \`npm run serve\` to use Ferry in your browser instead.`,
    );
    process.exit(1);
  }
}

// Chromium's sandbox cannot start as root (containers, CI); everywhere else it stays on.
const args = [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), path.resolve('dist/main/index.cjs')];
const child = spawn(binary, args, { stdio: 'inherit' });
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 0)));
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
