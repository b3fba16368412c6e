// A delete of thousands of keys is a job in Transfers, on every test server.
// Serve mode runs in its own process and is killed with SIGKILL part way
// through; a second process on the same data folder finds the job paused in
// its journal and resumes it, and exactly the selected keys are gone. A
// cancelled delete keeps every key it had not yet deleted. DeleteObjects
// requests pass a proxy that counts them (at most 1,000 keys each) and holds
// each for a moment (the later ones longer), so "part way" is reliably reached.
import { createServer, request, type Server } from 'node:http';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionSummary, JobSnapshot } from '../../app/api/types';
import { createBucket, sdkClient, servers, uniqueBucket } from './support';
import { seedKeys } from './manage-support';
import { listKeys } from './transfer-support';
import { buildServe, type ServeBundle, type Served } from './serve-process';

const all = servers();
/**
 * s3rver answers a 1,000-key DeleteObjects with 500 InternalError after deleting every key in it, so its first
 * progress comes from the retry, after the second batch (already in flight) has gone the same way: it needs two more
 * batches for "part way" to exist when the first progress arrives.
 */
const sizes = (kind: string) => (kind === 's3rver' ? { n: 4000, cancelN: 3300 } : { n: 2000, cancelN: 1300 });
const HOLD_MS = 400;

/** Passes everything to `upstream`; each DeleteObjects is held HOLD_MS and its key count kept. */
async function slowDeletes(upstream: string): Promise<{ endpoint: string; batches: number[]; singles: string[]; close(): Promise<void> }> {
  const target = new URL(upstream);
  const batches: number[] = [];
  const singles: string[] = [];
  let queue = Promise.resolve();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const isBatch = req.method === 'POST' && /[?&]delete(=|&|$)/.test(req.url ?? '');
      if (isBatch) batches.push((body.toString().match(/<Key>/g) ?? []).length);
      let gone = false;
      res.on('close', () => (gone = true));
      const forward = () =>
        new Promise<void>((done) => {
          // A request the client gave up on while held never reaches the server, as if cut off on the way.
          if (gone) return done();
          const up = request(
            { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
            (upRes) => {
              res.writeHead(upRes.statusCode ?? 502, upRes.headers);
              upRes.pipe(res);
              upRes.on('end', () => done());
            },
          );
          up.on('error', () => {
            res.destroy();
            done();
          });
          up.end(body);
        });
      // Batches reach the server one after another, each held a moment after the one before has been answered,
      // so the first one's progress arrives while the next still waits (s3rver takes seconds over a batch).
      if (isBatch) queue = queue.then(() => new Promise((r) => setTimeout(r, HOLD_MS))).then(forward);
      else if (req.method === 'DELETE') {
        // A server Ferry deletes from one key at a time is slowed the same way, a little per key.
        singles.push(req.url ?? '');
        setTimeout(() => void forward(), HOLD_MS / 10);
      } else void forward();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    batches,
    singles,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

let serve: ServeBundle;
beforeAll(async () => {
  serve = await buildServe();
}, 60_000);
afterAll(() => serve.stopAll());

describe.runIf(all.length > 0).each(all.map((s) => [s.label, s] as const))('a delete job on %s', (_label, s) => {
  const { n: N, cancelN: CANCEL_N } = sizes(s.kind);
  const doomed = Array.from({ length: N }, (_, i) => `gone/${String(i % 7)}/k-${String(i).padStart(5, '0')}.txt`);
  const kept = ['gone-not/x.txt', 'keep/a.txt', 'gonex'];

  async function session(dataDir: string, endpoint: string): Promise<{ served: Served; connectionId: string }> {
    const served = await serve.start(dataDir);
    const draft = {
      label: s.label,
      endpoint,
      region: s.region,
      accessKeyId: s.accessKeyId,
      secretAccessKey: s.secretAccessKey,
      pathStyle: true,
    };
    const conn = await served.call<ConnectionSummary>('connections.add', draft);
    return { served, connectionId: conn.id };
  }

  it('is killed part way, resumes in a new process, and deletes exactly the selection', async () => {
    const bucket = uniqueBucket('deljob');
    await createBucket(s, bucket);
    await seedKeys(s, bucket, [...doomed, ...kept]);
    const proxy = await slowDeletes(s.endpoint);
    try {
      const dataDir = await mkdtemp(path.join(tmpdir(), 'ferry-data-'));
      const first = await session(dataDir, proxy.endpoint);
      const halfway = new Promise<void>((resolve) => first.served.onJob((job) => job.itemsDone >= 1000 && resolve()));
      const selection = { kind: 's3', connectionId: first.connectionId, bucket, objects: [], folders: ['gone/'] };
      const { job } = await first.served.call<{ job: JobSnapshot }>('delete.start', { selection });
      expect(job).toMatchObject({ mode: 'delete', label: `Delete gone/ in ${bucket}` });
      await halfway;
      first.served.child.kill('SIGKILL');
      await new Promise((resolve) => first.served.child.once('exit', resolve));
      const left = await listKeys(sdkClient(s), bucket, 'gone/');
      expect(left.length).toBeGreaterThan(0);
      expect(left.length).toBeLessThan(N);

      const second = await serve.start(dataDir);
      const [restored] = await second.call<JobSnapshot[]>('transfer.list', {});
      expect(restored).toMatchObject({ id: job.id, state: 'paused', mode: 'delete' });
      // Keys lasted for the first process's session only: give the secret again, then resume.
      const draft = {
        label: s.label,
        endpoint: proxy.endpoint,
        region: s.region,
        accessKeyId: s.accessKeyId,
        secretAccessKey: s.secretAccessKey,
        pathStyle: true,
      };
      await second.call('connections.update', { ...draft, id: first.connectionId });
      const done = new Promise<JobSnapshot>((resolve) => second.onJob((j) => (j.state === 'done' || j.state === 'failed') && resolve(j)));
      await second.call('transfer.resume', { jobId: job.id });
      expect(await done).toMatchObject({ state: 'done', itemsFailed: 0 });
      expect(await listKeys(sdkClient(s), bucket, 'gone/')).toEqual([]);
      expect((await listKeys(sdkClient(s), bucket, '')).sort()).toEqual([...kept].sort());
      // Batched: no request carried more than S3's 1,000 keys, and far fewer requests than keys were sent.
      expect(Math.max(...proxy.batches)).toBeLessThanOrEqual(1000);
      expect(proxy.batches.length).toBeLessThan(N / 100);
      console.log(`${s.label}: ${proxy.batches.length} DeleteObjects, ${proxy.singles.length} single DELETEs`);
      second.child.kill('SIGTERM');
    } finally {
      await proxy.close();
    }
  }, 300_000);

  it('keeps every key it had not deleted when cancelled', async () => {
    const bucket = uniqueBucket('delcancel');
    await createBucket(s, bucket);
    await seedKeys(s, bucket, doomed.slice(0, CANCEL_N));
    const proxy = await slowDeletes(s.endpoint);
    try {
      const { served, connectionId } = await session(await mkdtemp(path.join(tmpdir(), 'ferry-data-')), proxy.endpoint);
      const progressed = new Promise<void>((resolve) => served.onJob((j) => j.itemsDone >= 1000 && resolve()));
      const selection = { kind: 's3', connectionId, bucket, objects: [], folders: ['gone/'] };
      const { job } = await served.call<{ job: JobSnapshot }>('delete.start', { selection });
      await progressed;
      const cancelled = await served.call<JobSnapshot>('transfer.cancel', { jobId: job.id });
      expect(cancelled.state).toBe('cancelled');
      // Let anything already on its way to the server land before counting.
      await new Promise((resolve) => setTimeout(resolve, 2 * HOLD_MS));
      const left = await listKeys(sdkClient(s), bucket, 'gone/');
      // What was confirmed deleted is gone; the rest stays (a batch cut off in flight may have gone too).
      expect(left.length).toBeGreaterThan(0);
      expect(left.length).toBeLessThanOrEqual(CANCEL_N - cancelled.itemsDone);
      expect(left.every((k) => doomed.includes(k))).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 2 * HOLD_MS));
      const later = await listKeys(sdkClient(s), bucket, 'gone/');
      expect(later).toEqual(left);
      served.child.kill('SIGTERM');
    } finally {
      await proxy.close();
    }
  }, 240_000);
});
