// Starts real S3 servers (MinIO, versitygw, s3rver) on 127.0.0.1 for Ferry's
// integration tests. Every server gets a free port, a fresh temp folder holding
// its data and its log, and its own credentials. Nothing here talks to anything
// but loopback; installing the Go servers is scripts/install-test-servers.mjs.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, rmSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { Agent as HttpsAgent } from 'node:https';

export type ServerKind = 'minio' | 'versitygw' | 's3rver';

export interface TestServer {
  kind: ServerKind;
  label: string;
  endpoint: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  pathStyle: true;
  /** The CA to trust for an https endpoint (PEM). */
  ca?: string;
}

export interface RunningServers {
  servers: TestServer[];
  skipped: { kind: ServerKind; reason: string }[];
  stop(): Promise<void>;
}

export const ALL_SERVER_KINDS: readonly ServerKind[] = ['minio', 'versitygw', 's3rver'];

const REGION = 'us-east-1';
const READY_TIMEOUT_MS = 60_000;

/** What it takes to launch one server kind, or why it cannot be launched here. */
interface LaunchPlan {
  label: string;
  accessKeyId: string;
  secretAccessKey: string;
  command: string;
  args: string[];
  env: Record<string, string>;
  /** Serves https with this CA's certificate (PEM). */
  ca?: string;
}

/** A MinIO set up for one test: extra environment (a KMS key) and TLS (SSE-C needs it). */
export interface MinioExtras {
  env?: Record<string, string>;
  tls?: { cert: string; key: string };
}

interface Child {
  kind: ServerKind;
  dir: string;
  logPath: string;
  proc: ChildProcess;
  exited: Promise<void>;
  hasExited: boolean;
}

/** Servers started by this process and not yet stopped (for the exit hooks). */
const live = new Set<Child>();

/** Shape of the plain-JS install script we share binary lookup with. */
interface InstallScript {
  locateBinary(name: string): string | undefined;
}

async function loadInstallScript(): Promise<InstallScript> {
  // Loaded by URL so TypeScript does not need declarations for the .mjs file.
  const url = new URL('../../scripts/install-test-servers.mjs', import.meta.url).href;
  return (await import(/* @vite-ignore */ url)) as InstallScript;
}

/** A loopback port nothing listens on right now (bind to 0, read it, close). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => (port ? resolve(port) : reject(new Error('no port assigned'))));
    });
  });
}

/** Minimal, hermetic environment: nothing of the developer's MINIO_*, AWS_* or VGW_* leaks in. */
function baseEnv(dir: string): Record<string, string> {
  return { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, TMPDIR: dir, LANG: 'C' };
}

async function planFor(
  kind: ServerKind,
  dir: string,
  port: number,
  install: InstallScript,
  extras: MinioExtras = {},
): Promise<LaunchPlan | { skip: string }> {
  const dataDir = join(dir, 'data');
  await mkdir(dataDir);
  const notInstalled = (name: string): { skip: string } => ({
    skip: `${name} binary not found in the Go bin dir or on PATH (run npm run servers:install)`,
  });
  switch (kind) {
    case 'minio': {
      const bin = install.locateBinary('minio');
      if (!bin) return notInstalled('minio');
      const accessKeyId = 'ferryminio';
      const secretAccessKey = 'ferryminiosecret';
      if (extras.tls) {
        // MinIO serves https when its certs folder holds a key pair.
        await mkdir(join(dir, 'certs'), { recursive: true });
        await writeFile(join(dir, 'certs', 'public.crt'), extras.tls.cert);
        await writeFile(join(dir, 'certs', 'private.key'), extras.tls.key, { mode: 0o600 });
      }
      return {
        ...(extras.tls ? { ca: extras.tls.cert } : {}),
        label: 'MinIO',
        accessKeyId,
        secretAccessKey,
        command: bin,
        args: [
          'server',
          dataDir,
          '--address',
          `127.0.0.1:${port}`,
          // The console is off (MINIO_BROWSER) but still needs a port; keep it on loopback.
          '--console-address',
          `127.0.0.1:${await freePort()}`,
          '--certs-dir',
          join(dir, 'certs'),
          '--quiet',
        ],
        env: {
          ...baseEnv(dir),
          MINIO_ROOT_USER: accessKeyId,
          MINIO_ROOT_PASSWORD: secretAccessKey,
          MINIO_REGION: REGION,
          MINIO_BROWSER: 'off',
          MINIO_UPDATE: 'off',
          MINIO_CALLHOME_ENABLE: 'off',
          MINIO_CI_CD: '1', // test mode: no root-disk checks, immediate purge of deleted data
          ...extras.env,
        },
      };
    }
    case 'versitygw': {
      const bin = install.locateBinary('versitygw');
      if (!bin) return notInstalled('versitygw');
      const accessKeyId = 'ferryvgw';
      const secretAccessKey = 'ferryvgwsecret';
      return {
        label: 'versitygw',
        accessKeyId,
        secretAccessKey,
        command: bin,
        // Global flags go before the backend command; posix stores objects as files + xattrs.
        args: ['--port', `127.0.0.1:${port}`, '--region', REGION, '--quiet', 'posix', dataDir],
        // Keys via environment so they do not show up in `ps`.
        env: { ...baseEnv(dir), ROOT_ACCESS_KEY_ID: accessKeyId, ROOT_SECRET_ACCESS_KEY: secretAccessKey },
      };
    }
    case 's3rver': {
      try {
        createRequire(import.meta.url).resolve('s3rver');
      } catch {
        return { skip: 's3rver npm package not installed (run npm install)' };
      }
      return {
        label: 's3rver',
        // s3rver accepts only these fixed credentials.
        accessKeyId: 'S3RVER',
        secretAccessKey: 'S3RVER',
        command: process.execPath,
        args: [
          // s3rver encrypts ListObjectsV2 continuation tokens with DES, which OpenSSL 3
          // only offers through the legacy provider; without it paging answers 500.
          '--openssl-legacy-provider',
          fileURLToPath(new URL('./s3rver-process.mjs', import.meta.url)),
          String(port),
          dataDir,
        ],
        env: baseEnv(dir),
      };
    }
    default: {
      const unknown: never = kind;
      return { skip: `unknown server kind ${String(unknown)}` };
    }
  }
}

async function logTail(logPath: string, lines = 30): Promise<string> {
  const text = await readFile(logPath, 'utf8').catch(() => '');
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

async function waitUntilReady(child: Child, server: TestServer): Promise<void> {
  const client = new S3Client({
    endpoint: server.endpoint,
    region: server.region,
    credentials: { accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey },
    forcePathStyle: true,
    maxAttempts: 1,
    requestHandler: {
      connectionTimeout: 1_000,
      requestTimeout: 3_000,
      ...(server.ca ? { httpsAgent: new HttpsAgent({ ca: server.ca }) } : {}),
    },
  });
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let lastError = 'no attempt made';
  try {
    while (Date.now() < deadline) {
      if (child.hasExited) {
        lastError = `process exited with code ${child.proc.exitCode ?? child.proc.signalCode}`;
        break;
      }
      try {
        await client.send(new ListBucketsCommand({}));
        return;
      } catch (err) {
        lastError = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  } finally {
    client.destroy();
  }
  console.error(`[servers] ${child.kind} did not become ready; log: ${child.logPath}`);
  throw new Error(
    `${server.label} did not answer ListBuckets at ${server.endpoint} (${lastError}).\n` +
      `Log ${child.logPath}:\n${await logTail(child.logPath)}`,
  );
}

async function stopChild(child: Child): Promise<void> {
  if (!child.hasExited && child.proc.pid) {
    killGroup(child.proc.pid, 'SIGTERM');
    const timer = setTimeout(() => child.proc.pid && killGroup(child.proc.pid, 'SIGKILL'), 5_000);
    await child.exited;
    clearTimeout(timer);
  }
  live.delete(child);
}

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal); // negative pid: the whole (detached) process group
  } catch {
    // Already gone.
  }
}

let exitHooksInstalled = false;

/** Best effort: never leave servers behind when the test process ends abruptly. */
function installExitHooks(): void {
  if (exitHooksInstalled) return;
  exitHooksInstalled = true;
  const killAllSync = (): void => {
    for (const child of live) {
      if (child.proc.pid) killGroup(child.proc.pid, 'SIGKILL');
      rmSync(child.dir, { recursive: true, force: true });
    }
    live.clear();
  };
  process.on('exit', killAllSync);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    const onSignal = (): void => {
      killAllSync();
      process.off(signal, onSignal);
      // If nobody else handles the signal, restore the default behaviour (terminate).
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    };
    process.on(signal, onSignal);
  }
}

async function startOne(
  kind: ServerKind,
  install: InstallScript,
  ours: Child[],
  root: string,
  extras?: MinioExtras,
): Promise<TestServer | { skip: string }> {
  const dir = await mkdtemp(join(root, `ferry-${kind}-`));
  const port = await freePort();
  const plan = await planFor(kind, dir, port, install, extras);
  if ('skip' in plan) {
    await rm(dir, { recursive: true, force: true });
    return plan;
  }
  const logPath = join(dir, 'server.log');
  const logFd = openSync(logPath, 'a');
  const proc = spawn(plan.command, plan.args, {
    cwd: dir,
    env: plan.env,
    detached: true, // own process group, so stop() also reaches anything it forks
    stdio: ['ignore', logFd, logFd],
  });
  closeSync(logFd);
  proc.unref(); // a forgotten stop() must not keep the test runner alive; the exit hook kills it
  const child: Child = { kind, dir, logPath, proc, hasExited: false, exited: Promise.resolve() };
  child.exited = new Promise((resolve) => {
    proc.once('exit', () => {
      child.hasExited = true;
      resolve();
    });
    proc.once('error', (err) => {
      child.hasExited = true;
      console.error(`[servers] could not spawn ${kind}: ${err.message}`);
      resolve();
    });
  });
  live.add(child);
  ours.push(child);

  const server: TestServer = {
    kind,
    label: plan.label,
    endpoint: `${plan.ca ? 'https' : 'http'}://127.0.0.1:${port}`,
    region: REGION,
    accessKeyId: plan.accessKeyId,
    secretAccessKey: plan.secretAccessKey,
    pathStyle: true,
    ...(plan.ca ? { ca: plan.ca } : {}),
  };
  try {
    await waitUntilReady(child, server);
  } catch (err) {
    // Keep the folder so the log stays readable; only the process goes.
    await stopChild(child);
    throw err;
  }
  return server;
}

/**
 * Starts the requested servers (default: all) in parallel and resolves once each
 * answers ListBuckets. A server whose binary is missing is skipped with a printed
 * reason, unless FERRY_REQUIRE_ALL_SERVERS=1, in which case this throws.
 * `dataRoot` holds the servers' folders (default: the OS temp dir); the
 * benchmark puts them on tmpfs so disk speed does not blur the figures.
 */
export async function startTestServers(
  opts: { only?: ServerKind[]; dataRoot?: string; minio?: MinioExtras } = {},
): Promise<RunningServers> {
  installExitHooks();
  const kinds = opts.only ?? ALL_SERVER_KINDS;
  const install = await loadInstallScript();
  const ours: Child[] = [];
  const root = opts.dataRoot ?? tmpdir();
  const results = await Promise.allSettled(
    kinds.map((kind) => startOne(kind, install, ours, root, kind === 'minio' ? opts.minio : undefined)),
  );

  const stop = async (): Promise<void> => {
    await Promise.all(
      ours.map(async (child) => {
        const failedToStart = !live.has(child);
        await stopChild(child);
        // A server that failed to start keeps its folder so its log can be read.
        if (!failedToStart) await rm(child.dir, { recursive: true, force: true });
      }),
    );
  };

  const servers: TestServer[] = [];
  const skipped: RunningServers['skipped'] = [];
  const failures: string[] = [];
  results.forEach((result, i) => {
    const kind = kinds[i] as ServerKind;
    if (result.status === 'rejected') {
      failures.push(result.reason instanceof Error ? result.reason.message : String(result.reason));
    } else if ('skip' in result.value) {
      if (process.env.FERRY_REQUIRE_ALL_SERVERS === '1') {
        failures.push(`${kind} is required (FERRY_REQUIRE_ALL_SERVERS=1) but unavailable: ${result.value.skip}`);
      } else {
        skipped.push({ kind, reason: result.value.skip });
        console.log(`[servers] skipped ${kind}: ${result.value.skip}`);
      }
    } else {
      servers.push(result.value);
    }
  });
  if (failures.length > 0) {
    await stop();
    throw new Error(failures.join('\n\n'));
  }
  return { servers, skipped, stop };
}

export interface RestrictedUser {
  accessKeyId: string;
  secretAccessKey: string;
}

/**
 * Creates a MinIO user whose policy allows only the given actions on one
 * bucket (no s3:ListAllMyBuckets), with MinIO's own admin client `mc`, so a
 * test can see exactly what a locked-down key sees. MinIO only.
 */
export async function createRestrictedMinioUser(
  server: TestServer,
  bucket: string,
  actions: string[] = ['s3:GetObject', 's3:PutObject'],
): Promise<RestrictedUser> {
  if (server.kind !== 'minio') throw new Error(`restricted users need MinIO, not ${server.kind}`);
  const install = await loadInstallScript();
  const mc = install.locateBinary('mc');
  if (!mc) throw new Error('mc (MinIO client) not found: run npm run servers:install');
  const dir = await mkdtemp(join(tmpdir(), 'ferry-mc-'));
  const user: RestrictedUser = {
    accessKeyId: `restricted${Date.now().toString(36)}`,
    secretAccessKey: `restricted-${Math.random().toString(36).slice(2)}-secret`,
  };
  const policy = {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: actions, Resource: [`arn:aws:s3:::${bucket}`, `arn:aws:s3:::${bucket}/*`] }],
  };
  const policyFile = join(dir, 'policy.json');
  await writeFile(policyFile, JSON.stringify(policy));
  const run = (args: string[]) =>
    new Promise<void>((resolve, reject) => {
      const child = spawn(mc, ['--config-dir', join(dir, 'config'), '--quiet', '--no-color', ...args], {
        env: baseEnv(dir),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let out = '';
      child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
      child.stderr?.on('data', (c: Buffer) => (out += c.toString()));
      child.once('error', reject);
      child.once('exit', (code) =>
        code === 0 ? resolve() : reject(new Error(`mc ${args.slice(0, 3).join(' ')} failed (${code}): ${out.trim()}`)),
      );
    });
  try {
    await run(['alias', 'set', 'ferry', server.endpoint, server.accessKeyId, server.secretAccessKey]);
    await run(['admin', 'user', 'add', 'ferry', user.accessKeyId, user.secretAccessKey]);
    await run(['admin', 'policy', 'create', 'ferry', `${user.accessKeyId}-policy`, policyFile]);
    await run(['admin', 'policy', 'attach', 'ferry', `${user.accessKeyId}-policy`, '--user', user.accessKeyId]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return user;
}
