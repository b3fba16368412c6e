// The newcomer's path on whatever Node runs this script (in `npm test`, the
// machine's own Node, often 20 where the suite itself runs on 24): `npm run
// serve` builds, starts and answers with its page and its socket, and the
// `ferry` command line copies a file into an S3 server and lists it back.
// Exits non-zero, naming the step, when any of that fails.
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import { WebSocket } from 'ws';

const node = process.execPath;
const work = mkdtempSync(path.join(tmpdir(), 'ferry-smoke-'));
// `npm run` starts `node` from PATH: this script's Node goes first.
const env = {
  ...process.env,
  PATH: `${path.dirname(node)}${path.delimiter}${process.env.PATH ?? ''}`,
  FERRY_DATA_DIR: path.join(work, 'data'),
};
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function fail(what, detail = '') {
  console.error(`✖ smoke on Node ${process.versions.node}: ${what}${detail ? `\n${detail}` : ''}`);
  process.exitCode = 1;
}

async function smokeServe() {
  const child = spawn(npm, ['run', '--silent', 'serve', '--', '--port', '0'], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  try {
    const url = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no URL printed in 120 s')), 120_000);
      const onData = (chunk) => {
        output += chunk;
        const m = /Ferry is serving at (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(output);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.once('exit', (code) => reject(new Error(`npm run serve exited with ${code}`)));
    });
    const page = await fetch(url);
    const html = await page.text();
    if (page.status !== 200 || !html.includes('id="root"'))
      return fail(`the page at ${new URL(url).origin} answered ${page.status}`, html.slice(0, 300));
    const { host, searchParams } = new URL(url);
    const info = await new Promise((resolve, reject) => {
      const ws = new WebSocket(`ws://${host}/ws?token=${searchParams.get('token')}`, { origin: `http://${host}` });
      ws.once('error', reject);
      ws.once('open', () => ws.send(JSON.stringify({ type: 'call', id: 1, method: 'app.info', args: {} })));
      ws.on('message', (data) => {
        const msg = JSON.parse(String(data));
        if (msg.type === 'result' && msg.id === 1) {
          ws.close();
          resolve(msg.outcome);
        }
      });
    });
    if (!info.ok) return fail('app.info over the socket failed', JSON.stringify(info));
    console.log(`✔ npm run serve answers with its page and app.info (${info.value.version ?? 'ok'})`);
  } catch (err) {
    fail(`npm run serve: ${err.message}`, output);
  } finally {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
  }
}

async function smokeCli() {
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    directory: path.join(work, 's3'),
    silent: true,
    configureBuckets: [{ name: 'smoke' }],
  });
  const { port } = await server.run();
  try {
    const file = path.join(work, 'hello.txt');
    writeFileSync(file, 'hello from the smoke test\n');
    const cliEnv = {
      ...env,
      FERRY_SMOKE_ENDPOINT: `http://127.0.0.1:${port}`,
      FERRY_SMOKE_REGION: 'us-east-1',
      FERRY_SMOKE_ACCESS_KEY_ID: 'S3RVER',
      FERRY_SMOKE_SECRET_ACCESS_KEY: 'S3RVER',
      FERRY_SMOKE_PATH_STYLE: 'true',
    };
    // Asynchronous on purpose: s3rver answers from this same process.
    const ferry = (...args) =>
      new Promise((resolve) =>
        execFile(node, ['dist/cli/index.cjs', ...args], { env: cliEnv, encoding: 'utf8', timeout: 60_000 }, (err, stdout, stderr) =>
          resolve({ status: err ? (err.code ?? 1) : 0, stdout, stderr }),
        ),
      );
    const version = await ferry('--version');
    if (version.status !== 0) return fail('ferry --version', version.stderr);
    const cp = await ferry('cp', file, 'smoke:smoke/in/');
    if (cp.status !== 0) return fail('ferry cp into s3rver', cp.stdout + cp.stderr);
    const ls = await ferry('ls', 'smoke:smoke/in/');
    if (ls.status !== 0 || !ls.stdout.includes('hello.txt')) return fail('ferry ls after the copy', ls.stdout + ls.stderr);
    console.log(`✔ ferry ${version.stdout.trim()} copies into s3rver and lists it back`);
  } finally {
    await server.close();
  }
}

try {
  await smokeServe();
  await smokeCli();
} finally {
  rmSync(work, { recursive: true, force: true });
}
