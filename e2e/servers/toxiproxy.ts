// Toxiproxy between Ferry and a test server, to inject real network faults:
// connection resets, bodies that stall mid-way. One toxiproxy-server process
// on a free loopback port; each proxy listens on another free loopback port
// and forwards to the server. Installed by scripts/install-test-servers.mjs.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './harness';

export interface Toxic {
  name: string;
  type: 'latency' | 'bandwidth' | 'slow_close' | 'timeout' | 'reset_peer' | 'slicer' | 'limit_data';
  stream: 'upstream' | 'downstream';
  toxicity?: number;
  attributes: Record<string, number>;
}

export interface ToxicProxy {
  name: string;
  /** Where clients connect instead of the server: http://127.0.0.1:<port>. */
  endpoint: string;
  addToxic(toxic: Toxic): Promise<void>;
  removeToxic(name: string): Promise<void>;
}

export interface Toxiproxy {
  proxy(name: string, upstreamEndpoint: string): Promise<ToxicProxy>;
  stop(): Promise<void>;
}

interface InstallScript {
  locateBinary(name: string): string | undefined;
}

async function api(base: string, method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${base}${path}`, {
    method,
    ...(body !== undefined ? { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } } : {}),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`toxiproxy ${method} ${path}: HTTP ${res.status} ${text}`);
  return text ? (JSON.parse(text) as unknown) : null;
}

/** Starts toxiproxy-server, or says why it cannot (a missing binary fails under FERRY_REQUIRE_ALL_SERVERS=1). */
export async function startToxiproxy(): Promise<Toxiproxy | { skip: string }> {
  const url = new URL('../../scripts/install-test-servers.mjs', import.meta.url).href;
  const install = (await import(/* @vite-ignore */ url)) as InstallScript;
  const bin = install.locateBinary('toxiproxy-server');
  if (!bin) {
    const reason = 'toxiproxy-server not found in the Go bin dir or on PATH (run npm run servers:install)';
    if (process.env.FERRY_REQUIRE_ALL_SERVERS === '1') throw new Error(`toxiproxy is required (FERRY_REQUIRE_ALL_SERVERS=1): ${reason}`);
    return { skip: reason };
  }
  const dir = await mkdtemp(join(tmpdir(), 'ferry-toxiproxy-'));
  const port = await freePort();
  const logPath = join(dir, 'toxiproxy.log');
  const fd = openSync(logPath, 'a');
  const proc: ChildProcess = spawn(bin, ['-host', '127.0.0.1', '-port', String(port)], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir },
    detached: true,
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  proc.unref();
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  const base = `http://127.0.0.1:${port}`;
  const kill = (signal: NodeJS.Signals) => {
    try {
      if (proc.pid) process.kill(-proc.pid, signal);
    } catch {
      // already gone
    }
  };
  process.once('exit', () => kill('SIGKILL'));
  const deadline = Date.now() + 15_000;
  for (;;) {
    try {
      await api(base, 'GET', '/version');
      break;
    } catch (err) {
      if (Date.now() > deadline) {
        kill('SIGKILL');
        throw new Error(`toxiproxy did not start: ${String(err)}\n${await readFile(logPath, 'utf8').catch(() => '')}`, { cause: err });
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    async proxy(name, upstreamEndpoint) {
      const upstream = new URL(upstreamEndpoint).host;
      const created = (await api(base, 'POST', '/proxies', { name, listen: '127.0.0.1:0', upstream, enabled: true })) as { listen: string };
      return {
        name,
        endpoint: `http://${created.listen}`,
        addToxic: async (toxic) => {
          await api(base, 'POST', `/proxies/${name}/toxics`, { toxicity: 1, ...toxic });
        },
        removeToxic: async (toxicName) => {
          await api(base, 'DELETE', `/proxies/${name}/toxics/${toxicName}`);
        },
      };
    },
    async stop() {
      kill('SIGTERM');
      const timer = setTimeout(() => kill('SIGKILL'), 3_000);
      await exited;
      clearTimeout(timer);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
