// Serve mode in a process of its own, for the tests that kill it with
// SIGKILL part way through a job and resume in a second process on the same
// data folder: the bundle is built once per file, and each process is
// reached over its WebSocket like the window reaches it.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { WebSocket } from 'ws';
import type { JobSnapshot } from '../../app/api/types';
import type { ServerMessage } from '../../app/api/wire';

export interface Served {
  child: ChildProcess;
  call<T>(method: string, args: unknown): Promise<T>;
  onJob(listener: (job: JobSnapshot) => void): void;
}

export interface ServeBundle {
  start(dataDir: string): Promise<Served>;
  /** SIGKILLs every process still running. */
  stopAll(): void;
}

export async function buildServe(): Promise<ServeBundle> {
  const { build } = await import('esbuild');
  const bundle = path.join(await mkdtemp(path.join(tmpdir(), 'ferry-serve-')), 'serve.cjs');
  await build({
    entryPoints: ['app/serve/cli.ts'],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'warning',
  });
  const rendererDir = await mkdtemp(path.join(tmpdir(), 'ferry-renderer-'));
  await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>Ferry</title>');
  const children: ChildProcess[] = [];
  return {
    start: (dataDir) => serveProcess(bundle, rendererDir, dataDir, children),
    stopAll: () => {
      for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    },
  };
}

async function serveProcess(bundle: string, rendererDir: string, dataDir: string, children: ChildProcess[]): Promise<Served> {
  const child = spawn(process.execPath, [bundle], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, FERRY_DATA_DIR: dataDir, FERRY_RENDERER_DIR: rendererDir },
  });
  children.push(child);
  let output = '';
  const url = await new Promise<URL>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /Ferry is serving at (\S+)/.exec(output);
      if (m?.[1]) resolve(new URL(m[1]));
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${output}`)));
  });
  const ws = new WebSocket(`ws://${url.host}/ws?token=${url.searchParams.get('token') ?? ''}`, { origin: `http://${url.host}` });
  const waiting = new Map<number, (m: ServerMessage) => void>();
  const listeners: ((job: JobSnapshot) => void)[] = [];
  ws.on('message', (data) => {
    const msg = JSON.parse(String(data)) as ServerMessage;
    if (msg.type === 'result') waiting.get(msg.id)?.(msg);
    else if (msg.type === 'event' && msg.name === 'transfer.progress')
      for (const job of msg.payload as JobSnapshot[]) listeners.forEach((l) => l(job));
  });
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  let next = 1;
  return {
    child,
    async call<T>(method: string, args: unknown): Promise<T> {
      const id = next++;
      ws.send(JSON.stringify({ type: 'call', id, method, args }));
      const msg = await new Promise<ServerMessage>((resolve) => waiting.set(id, resolve));
      if (msg.type !== 'result' || !msg.outcome.ok) throw new Error(`${method}: ${JSON.stringify(msg)}`);
      return msg.outcome.value as T;
    },
    onJob: (listener) => listeners.push(listener),
  };
}
