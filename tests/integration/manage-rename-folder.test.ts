// A folder of 500 objects renamed through the transfer engine, on every test
// server: every key moves (bytes identical), each source is deleted only
// after its copy was made, and a core stopped half-way resumes from its
// journal to a state where every object is present exactly once.
import { cp, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { JobSnapshot } from '../../app/api/types';
import { transferJournalDir } from '../../app/core/handlers/transfer-handlers';
import { startRequestLog, type RequestLog } from '../../e2e/servers/request-log';
import { createBucket, objectBytes, sdkClient, servers, uniqueBucket } from './support';
import { seedKeys } from './manage-support';
import { listKeys, TransferTestCore, waitForJob } from './transfer-support';

const all = servers();
const logs: RequestLog[] = [];
afterAll(async () => {
  await Promise.all(logs.map((l) => l.stop()));
});

const N = 500;
const names = Array.from({ length: N }, (_, i) => `${i % 5}/file-${String(i).padStart(3, '0')}.txt`);
const body = (k: string) => Buffer.from(`${k} ${'x'.repeat(k.length * 7)}`);

describe.runIf(all.length > 0).each(all.map((s) => [s.label, s] as const))('renaming a folder of 500 on %s', (_label, s) => {
  it('moves every key, deleting each source after its copy', async () => {
    const bucket = uniqueBucket('mvdir');
    await createBucket(s, bucket);
    await seedKeys(s, bucket, ['photos/', ...names.map((n) => `photos/${n}`), 'photos-old/keep.txt'], body);
    const log = await startRequestLog(s.endpoint);
    logs.push(log);
    const core = new TransferTestCore();
    try {
      const connectionId = await core.connect(s, log.endpoint);
      const out = await core.call<{ id: string; job: JobSnapshot }>('entry.rename', {
        item: { kind: 's3', connectionId, bucket, key: 'photos/' },
        name: 'pictures',
      });
      expect(out.id).toBe('pictures/');
      const done = await waitForJob(core, out.job.id, (j) => ['done', 'failed', 'cancelled'].includes(j.state), 120_000);
      const failedItems = await core.call<{ items: unknown[] }>('transfer.items', { jobId: out.job.id, only: 'failed' });
      expect(done, JSON.stringify(failedItems.items)).toMatchObject({ state: 'done', itemsDone: N + 1, itemsFailed: 0 });
      expect(await listKeys(sdkClient(s), bucket, 'pictures/')).toEqual(['pictures/', ...names.map((n) => `pictures/${n}`)].sort());
      expect(await listKeys(sdkClient(s), bucket, 'photos/')).toEqual([]);
      expect(await listKeys(sdkClient(s), bucket, 'photos-old/')).toEqual(['photos-old/keep.txt']);
      expect(await objectBytes(s, bucket, `pictures/${names[17]}`)).toEqual(body(`photos/${names[17]}`));
      // Each source's DELETE came after the write that made its new key.
      const copiedAt = new Map<string, number>();
      log.requests.forEach((r, i) => {
        // Objects are copied inside the server; the zero-byte folder marker is written afresh.
        if (r.method === 'PUT' && (r.copySource !== undefined || r.path.endsWith('/pictures/')))
          copiedAt.set(decodeURIComponent(r.path).replace(`/${bucket}/pictures/`, ''), i);
      });
      const deletes = log.requests.map((r, i) => ({ r, i })).filter(({ r }) => r.method === 'DELETE');
      expect(new Set(deletes.map(({ r }) => r.path)).size).toBe(N + 1);
      for (const { r, i } of deletes) {
        const name = decodeURIComponent(r.path).replace(`/${bucket}/photos/`, '');
        expect(copiedAt.get(name) ?? Infinity).toBeLessThan(i);
      }
    } finally {
      core.dispose();
    }
  }, 180_000);

  it('resumes after the core stops half-way, ending with every object present exactly once', async () => {
    const bucket = uniqueBucket('mvres');
    await createBucket(s, bucket);
    await seedKeys(
      s,
      bucket,
      names.map((n) => `logs/${n}`),
      body,
    );
    const dir = await mkdtemp(path.join(tmpdir(), 'ferry-rename-'));
    // One object at a time, so the job is well under way, not finished, when it is stopped.
    const first = new TransferTestCore({ objectsInFlight: 1, socketsPerEndpoint: 1 });
    const connectionId = await first.connect(s);
    const out = await first.call<{ job: JobSnapshot }>('entry.rename', {
      item: { kind: 's3', connectionId, bucket, key: 'logs/' },
      name: 'archive',
    });
    await waitForJob(first, out.job.id, (j) => j.itemsDone >= N / 2, 120_000);
    // What a kill leaves is the journal as it is at that moment: copy it, then stop the first core.
    await cp(transferJournalDir(first.userDataDir), transferJournalDir(dir), { recursive: true });
    await first.call('transfer.pause', { jobId: out.job.id });
    first.dispose();
    const moved = await listKeys(sdkClient(s), bucket, 'archive/');
    expect(moved.length).toBeGreaterThan(0);
    expect(moved.length).toBeLessThan(N);

    const second = new TransferTestCore({}, dir);
    try {
      const [restored] = await second.call<JobSnapshot[]>('transfer.list', {});
      expect(restored).toMatchObject({ id: out.job.id, state: 'paused', mode: 'move', label: 'logs/ → archive/' });
      await second.connect(s);
      await second.call('transfer.resume', { jobId: out.job.id });
      const done = await waitForJob(second, out.job.id, (j) => ['done', 'failed', 'cancelled'].includes(j.state), 120_000);
      expect(done).toMatchObject({ state: 'done', itemsFailed: 0 });
      // Exactly once: the same N names, no "(1)" copies, and nothing left at the source.
      expect(await listKeys(sdkClient(s), bucket, 'archive/')).toEqual(names.map((n) => `archive/${n}`).sort());
      expect(await listKeys(sdkClient(s), bucket, 'logs/')).toEqual([]);
      for (const n of [names[0], names[N / 2], names[N - 1]] as string[]) {
        expect(await objectBytes(s, bucket, `archive/${n}`)).toEqual(body(`logs/${n}`));
      }
    } finally {
      second.dispose();
    }
  }, 240_000);
});
