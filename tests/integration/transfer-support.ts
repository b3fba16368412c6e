/** Helpers for transfer tests: start a job through the contract, wait on pushed events, read its items. */
import { ListMultipartUploadsCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CallName } from '../../app/api/contract';
import type { JobItemSnapshot, JobSnapshot, JobState } from '../../app/api/types';
import { createCore, type FerryCore } from '../../app/core/ferry-core';
import type { TransferTuning } from '../../app/transfer/tuning';
import { afterAll, beforeAll } from 'vitest';
import type { TestServer } from '../../e2e/servers/harness';
import { startToxiproxy, type Toxiproxy } from '../../e2e/servers/toxiproxy';
import { expectOk, sdkClient } from './support';

/** What the helpers need of a core under test (CoreUnderTest fits too). */
export interface TestCore {
  core: FerryCore;
  call<T>(method: CallName, args: unknown): Promise<T>;
}

/** A core with its own user-data folder and transfer tuning (small parts, short timeouts). */
export class TransferTestCore implements TestCore {
  readonly core: FerryCore;
  readonly userDataDir: string;

  constructor(tuning: Partial<TransferTuning> = {}, userDataDir?: string) {
    this.userDataDir = userDataDir ?? mkdtempSync(path.join(tmpdir(), 'ferry-data-'));
    this.core = createCore({ shell: 'serve', homeDir: tmpdir(), userDataDir: this.userDataDir, transfer: tuning });
  }

  call<T>(method: CallName, args: unknown): Promise<T> {
    return expectOk<T>(this.core.dispatch(method, args));
  }

  async connect(s: TestServer, endpoint = s.endpoint, label = s.label): Promise<string> {
    const added = await this.call<{ id: string }>('connections.add', {
      label,
      endpoint,
      region: s.region,
      accessKeyId: s.accessKeyId,
      secretAccessKey: s.secretAccessKey,
      pathStyle: true,
    });
    return added.id;
  }

  dispose(): void {
    this.core.dispose();
  }
}

export type StartArgs = Record<string, unknown>;

/** Resolves with the first snapshot of `jobId` (pushed or current) that satisfies `until`. */
export function waitForJob(t: TestCore, jobId: string, until: (j: JobSnapshot) => boolean, timeoutMs = 60_000): Promise<JobSnapshot> {
  return new Promise((resolve, reject) => {
    let off = () => {};
    const timer = setTimeout(() => {
      off();
      reject(new Error(`job ${jobId} did not reach the expected state in ${timeoutMs} ms`));
    }, timeoutMs);
    const check = (job: JobSnapshot) => {
      if (job.id === jobId && until(job)) {
        clearTimeout(timer);
        off();
        resolve(job);
      }
    };
    off = t.core.events.subscribe((name, payload) => {
      if (name === 'transfer.progress') for (const j of payload as JobSnapshot[]) check(j);
    });
    void t.call<JobSnapshot[]>('transfer.list', {}).then((jobs) => jobs.forEach(check));
  });
}

export function inState(...states: JobState[]) {
  return (j: JobSnapshot) => states.includes(j.state);
}

export const ended = inState('done', 'failed', 'cancelled');

export async function runJob(t: TestCore, args: StartArgs, timeoutMs = 90_000): Promise<JobSnapshot> {
  const job = await t.call<JobSnapshot>('transfer.start', args);
  return waitForJob(t, job.id, ended, timeoutMs);
}

export async function allItems(t: TestCore, jobId: string): Promise<JobItemSnapshot[]> {
  const out: JobItemSnapshot[] = [];
  for (let offset = 0; ; offset += 1000) {
    const page = await t.call<{ items: JobItemSnapshot[]; total: number }>('transfer.items', { jobId, offset, limit: 1000 });
    out.push(...page.items);
    if (offset + 1000 >= page.total) return out;
  }
}

export async function listKeys(client: S3Client, bucket: string, prefix = ''): Promise<string[]> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const out = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
    for (const o of out.Contents ?? []) if (o.Key !== undefined) keys.push(o.Key);
    token = out.IsTruncated ? out.NextContinuationToken : undefined;
  } while (token);
  return keys.sort();
}

export async function openUploads(s: TestServer, bucket: string): Promise<{ key: string; uploadId: string }[]> {
  const out = await sdkClient(s).send(new ListMultipartUploadsCommand({ Bucket: bucket }));
  return (out.Uploads ?? []).map((u) => ({ key: u.Key ?? '', uploadId: u.UploadId ?? '' }));
}

let cliBuild: Promise<string> | undefined;

/**
 * The command line bundled whole into a temp folder (under a second), so the
 * tests run the real `ferry` executable without depending on a prior build.
 */
export function buildCli(): Promise<string> {
  cliBuild ??= (async () => {
    const { build } = await import('esbuild');
    const outfile = path.join(mkdtempSync(path.join(tmpdir(), 'ferry-cli-')), 'ferry.cjs');
    await build({
      entryPoints: ['app/cli/ferry.ts'],
      outfile,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      logLevel: 'warning',
    });
    return outfile;
  })();
  return cliBuild;
}

/** FERRY_<NAME>_* variables for a server (or a proxy in front of it). */
export function cliEnv(name: string, s: TestServer, endpoint = s.endpoint): Record<string, string> {
  const p = `FERRY_${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_`;
  return {
    [`${p}ENDPOINT`]: endpoint,
    [`${p}REGION`]: s.region,
    [`${p}ACCESS_KEY_ID`]: s.accessKeyId,
    [`${p}SECRET_ACCESS_KEY`]: s.secretAccessKey,
    [`${p}PATH_STYLE`]: 'true',
  };
}

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI in a child with a bare environment; `nodeFlags` go to Node itself (e.g. a heap cap). */
export function spawnCli(cli: string, args: string[], env: Record<string, string>, nodeFlags: string[] = []) {
  const child = spawn(process.execPath, [...nodeFlags, cli, ...args], {
    // The run's temp folder (npm test makes one per run and removes it), or a killed CLI leaves its scratch in /tmp.
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: tmpdir(), TMPDIR: tmpdir(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<CliRun>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { child, done };
}

export function runCli(cli: string, args: string[], env: Record<string, string>): Promise<CliRun> {
  return spawnCli(cli, args, env).done;
}

/** What a fault test file needs once: the command line built, and Toxiproxy running (or the reason it cannot run here). */
export interface FaultRig {
  cli: string;
  toxiproxy: Toxiproxy | undefined;
  skipReason: string;
}

/** Builds the CLI and starts Toxiproxy before the file's tests, and stops it after them. */
export function faultRig(): FaultRig {
  const rig: FaultRig = { cli: '', toxiproxy: undefined, skipReason: '' };
  beforeAll(async () => {
    rig.cli = await buildCli();
    const started = await startToxiproxy();
    if ('skip' in started) rig.skipReason = started.skip;
    else rig.toxiproxy = started;
  }, 60_000);
  afterAll(async () => {
    await rig.toxiproxy?.stop();
  });
  return rig;
}

/** Runs `work` in a fresh temporary folder, removed afterwards whether it passed or threw. */
export async function inTempDir(prefix: string, work: (dir: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  try {
    await work(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
