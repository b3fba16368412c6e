// An endpoint nobody listens on: a loopback port taken and given back, never
// listened on. The job must fail after one request's worth of retries for the
// whole endpoint (not a schedule per item), with one error naming the
// connection and its endpoint; the items it never reached stay unfinished, so
// Retry sends them once the server is there. An endpoint where connections
// are never made (packets dropped: e2e/servers/silent-listener.ts) fails the
// same way, each try waiting out the connect timeout, and a pane listing it
// says what happened in words.
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { createConnection, createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, type TestServer } from '../../e2e/servers/harness';
import { startSilentListener } from '../../e2e/servers/silent-listener';
import type { CallOutcome } from '../../app/api/wire';
import { DEFAULT_TUNING } from '../../app/transfer/tuning';
import { createBucket, sdkClient, servers, uniqueBucket } from './support';
import { buildCli, cliEnv, listKeys, runCli, runJob, TransferTestCore, waitForJob } from './transfer-support';

const FILES = 50;
const first = servers()[0] as TestServer | undefined;
let cli = '';
const relays: Server[] = [];

beforeAll(async () => {
  cli = await buildCli();
}, 60_000);
afterAll(async () => {
  await Promise.all(relays.map((r) => new Promise<void>((done) => r.close(() => done()))));
});

async function smallFiles(): Promise<string> {
  const dir = path.join(await mkdtemp(path.join(tmpdir(), 'ferry-dead-')), 'files');
  await mkdir(dir);
  for (let i = 0; i < FILES; i++) await writeFile(path.join(dir, `f${String(i).padStart(2, '0')}.txt`), `file ${i}\n`);
  return dir;
}

/** Starts listening on `port`, passing every connection on to the real server. */
async function relay(port: number, to: TestServer): Promise<void> {
  const target = new URL(to.endpoint);
  const server = createServer((client) => {
    const upstream = createConnection(Number(target.port), target.hostname);
    client.pipe(upstream).pipe(client);
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  });
  relays.push(server);
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
}

interface Summary {
  state: string;
  objects: number;
  failed: number;
  requests: number;
  retries: number;
  error?: { code: string; message: string };
}

describe.runIf(first)('a connection that is refused', () => {
  it('ferry cp fails the job after one shared retry schedule, naming the endpoint', { timeout: 60_000 }, async () => {
    const s = first as TestServer;
    const port = await freePort();
    const endpoint = `http://127.0.0.1:${port}`;
    const dir = await smallFiles();
    const env = { FERRY_DATA_DIR: path.join(path.dirname(dir), 'data'), ...cliEnv('dead', s, endpoint) };

    const run = await runCli(cli, ['cp', '-r', '--json', dir, 'dead:bucket/in/'], env);
    expect(run.code).toBe(1);
    const summary = JSON.parse(run.stdout.trim()) as Summary;
    expect(summary).toMatchObject({ state: 'failed', objects: 0, failed: 0 });
    expect(summary.error?.code).toBe('network');
    expect(summary.error?.message).toContain(`Cannot reach "dead" (${endpoint})`);
    expect(summary.error?.message).toContain(`nothing is listening at 127.0.0.1:${port}`);
    expect(run.stderr).toContain(`ferry: Cannot reach "dead" (${endpoint})`);
    // One schedule for the endpoint: the first try of each item in flight, then the retries of one request.
    const { maxAttempts, objectsInFlight } = DEFAULT_TUNING;
    expect(summary.retries).toBe(maxAttempts - 1);
    expect(summary.requests).toBeGreaterThanOrEqual(maxAttempts);
    expect(summary.requests).toBeLessThanOrEqual(objectsInFlight + maxAttempts - 1);
    // Every item of the 50 was not tried on its own (it was 300 requests, six per item).
    expect(summary.requests).toBeLessThan(FILES);
  });

  it('the job keeps its items unfinished, and Retry sends them once the server listens', { timeout: 60_000 }, async () => {
    const s = first as TestServer;
    const port = await freePort();
    const endpoint = `http://127.0.0.1:${port}`;
    const dir = await smallFiles();
    const bucket = uniqueBucket('deadretry');
    await createBucket(s, bucket);
    const t = new TransferTestCore();
    try {
      const id = await t.connect(s, endpoint, 'Gone');
      const failed = await runJob(t, {
        sources: [{ kind: 'local', path: dir }],
        destination: { kind: 's3', connectionId: id, bucket, prefix: '' },
        conflict: 'overwrite',
      });
      expect(failed).toMatchObject({ state: 'failed', itemsDone: 0, itemsFailed: 0, error: { code: 'network' } });
      expect(failed.error?.message).toContain(`Cannot reach "Gone" (${endpoint})`);

      await relay(port, s);
      await t.call('transfer.retry', { jobId: failed.id });
      const done = await waitForJob(t, failed.id, (j) => j.state === 'done' || j.state === 'failed');
      expect(done).toMatchObject({ state: 'done', itemsDone: FILES, itemsFailed: 0 });
      expect(done.error).toBeUndefined();
      expect(await listKeys(sdkClient(s), bucket)).toHaveLength(FILES);
    } finally {
      t.dispose();
    }
  });
});

describe.runIf(first)('a connection that is never made', () => {
  it(
    'fails the job after one shared schedule of connect timeouts, naming the endpoint; a pane says so too',
    { timeout: 60_000 },
    async () => {
      const s = first as TestServer;
      const silent = await startSilentListener();
      const endpoint = `http://127.0.0.1:${silent.port}`;
      // Two items at a time, so fifty items each waiting out their own three timeouts would take over twenty seconds.
      const t = new TransferTestCore({ connectTimeoutMs: 300, maxAttempts: 3, retryBaseMs: 50, objectsInFlight: 2 });
      try {
        const id = await t.connect(s, endpoint, 'Silent');
        const job = await runJob(t, {
          sources: [{ kind: 'local', path: await smallFiles() }],
          destination: { kind: 's3', connectionId: id, bucket: 'anything', prefix: '' },
          conflict: 'overwrite',
        });
        expect(job).toMatchObject({ state: 'failed', itemsDone: 0, itemsFailed: 0, error: { code: 'network' } });
        expect(job.error?.message).toContain(`Cannot reach "Silent" (${endpoint})`);
        expect(job.error?.message).toContain(
          `127.0.0.1:${silent.port} did not answer: no connection could be made before the timeout (3 tries`,
        );
        expect((job.endedAt ?? Infinity) - job.startedAt).toBeLessThan(10_000);

        // The command line takes the same timeout as a flag, and its run fails the same way.
        const cliStarted = Date.now();
        const run = await runCli(
          cli,
          ['cp', '-r', '--json', '--connect-timeout', '0.3', '--retries', '2', await smallFiles(), 'silent:bucket/in/'],
          { FERRY_DATA_DIR: path.join(t.userDataDir, 'cli'), ...cliEnv('silent', s, endpoint) },
        );
        expect(run.code).toBe(1);
        const summary = JSON.parse(run.stdout.trim()) as Summary;
        expect(summary.error?.message).toContain(`Cannot reach "silent" (${endpoint}): 127.0.0.1:${silent.port} did not answer`);
        // Two tries of 0.3 s, not of the default 10 s.
        expect(Date.now() - cliStarted).toBeLessThan(8_000);

        const listed = (await t.core.dispatch('browse.list', {
          location: { kind: 's3', connectionId: id, bucket: 'anything', prefix: '' },
        })) as CallOutcome;
        expect(listed.ok).toBe(false);
        if (!listed.ok) {
          expect(listed.error).toMatchObject({ code: 'network' });
          expect(listed.error.message).toBe(
            'No connection to the server could be made within 0.3 s: a firewall may be dropping it, or the host is down.',
          );
        }
      } finally {
        t.dispose();
        await silent.stop();
      }
    },
  );
});
