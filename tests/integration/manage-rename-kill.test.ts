// A folder rename survives SIGKILL: serve mode runs in its own process,
// renames a folder of 400 objects on MinIO, and is killed with SIGKILL part
// way through. A second process on the same data folder finds the job
// paused in its journal, resumes it once the key is given again, and every
// object ends up under the new name exactly once, none left under the old.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionSummary, JobSnapshot } from '../../app/api/types';
import { buildServe, type ServeBundle } from './serve-process';
import { createBucket, objectBytes, sdkClient, server, uniqueBucket } from './support';
import { seedKeys } from './manage-support';
import { listKeys } from './transfer-support';

const minio = server('minio');
const N = 400;
const names = Array.from({ length: N }, (_, i) => `${i % 4}/item-${String(i).padStart(3, '0')}.txt`);
const body = (k: string) => Buffer.from(`${k}\n`.repeat(50));

let serve: ServeBundle;
beforeAll(async () => {
  serve = await buildServe();
}, 60_000);
afterAll(() => serve.stopAll());

describe.runIf(minio !== undefined)('a folder rename killed with SIGKILL', () => {
  it('resumes in a new process, every object once under the new name', async () => {
    const s = minio as NonNullable<typeof minio>;
    const bucket = uniqueBucket('mvkill');
    await createBucket(s, bucket);
    await seedKeys(
      s,
      bucket,
      names.map((n) => `old/${n}`),
      body,
    );
    const dataDir = await mkdtemp(path.join(tmpdir(), 'ferry-data-'));
    const draft = {
      label: s.label,
      endpoint: s.endpoint,
      region: s.region,
      accessKeyId: s.accessKeyId,
      secretAccessKey: s.secretAccessKey,
      pathStyle: true,
    };

    const first = await serve.start(dataDir);
    const conn = await first.call<ConnectionSummary>('connections.add', draft);
    const halfway = new Promise<void>((resolve) => first.onJob((job) => job.itemsDone >= N / 4 && resolve()));
    const out = await first.call<{ job: JobSnapshot }>('entry.rename', {
      item: { kind: 's3', connectionId: conn.id, bucket, key: 'old/' },
      name: 'new',
    });
    await halfway;
    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));
    expect(first.child.signalCode).toBe('SIGKILL');
    const left = await listKeys(sdkClient(s), bucket, 'old/');
    expect(left.length).toBeGreaterThan(0);

    const second = await serve.start(dataDir);
    const [restored] = await second.call<JobSnapshot[]>('transfer.list', {});
    expect(restored).toMatchObject({ id: out.job.id, state: 'paused', mode: 'move', label: 'old/ → new/' });
    // Keys lasted for the first process's session only: give the secret again, then resume.
    await second.call('connections.update', { ...draft, id: conn.id });
    const done = new Promise<JobSnapshot>((resolve) =>
      second.onJob((job) => (job.state === 'done' || job.state === 'failed') && resolve(job)),
    );
    await second.call('transfer.resume', { jobId: out.job.id });
    expect(await done).toMatchObject({ state: 'done', itemsFailed: 0 });
    expect(await listKeys(sdkClient(s), bucket, 'new/')).toEqual(names.map((n) => `new/${n}`).sort());
    expect(await listKeys(sdkClient(s), bucket, 'old/')).toEqual([]);
    for (const n of [names[0], names[N / 2], names[N - 1]] as string[])
      expect(await objectBytes(s, bucket, `new/${n}`)).toEqual(body(`old/${n}`));
    second.child.kill('SIGTERM');
  }, 180_000);
});
