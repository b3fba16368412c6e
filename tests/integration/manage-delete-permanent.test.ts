// "Delete permanently" where the server cannot list versions (s3rver has no
// ListObjectVersions) and in buckets that never kept versions: the core
// either deletes exactly the selection (a bucket without versions has
// nothing but the keys themselves) or refuses with a clean "not supported by
// this server", and never reports success while leaving the keys behind.
// Both ways in: `delete.run` (small selections) and `delete.start` (a job).
import { ListObjectVersionsCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobSnapshot } from '../../app/api/types';
import { createBucket, CoreUnderTest, sdkClient, servers, uniqueBucket } from './support';
import { seedKeys } from './manage-support';
import { listKeys } from './transfer-support';

const all = servers();

describe.runIf(all.length > 0).each(all.map((s) => [s.label, s] as const))(
  'delete permanently in a bucket without versions on %s',
  (_label, s) => {
    let core: CoreUnderTest;
    let connectionId = '';
    /** Asked of the server itself, not assumed from its name: which outcome is the right one. */
    let listsVersions = false;
    const bucket = uniqueBucket('permanent');
    const keys = ['p/a.txt', 'p/b.txt', 'p/sub/c.txt', 'p/sub/d.txt', 'keep/me.txt', 'p-not/x.txt'];
    beforeAll(async () => {
      await createBucket(s, bucket);
      await seedKeys(s, bucket, keys);
      core = new CoreUnderTest();
      connectionId = await core.connect(s);
      listsVersions = await sdkClient(s)
        .send(new ListObjectVersionsCommand({ Bucket: bucket, MaxKeys: 1 }))
        .then(
          () => true,
          () => false,
        );
    }, 60_000);
    afterAll(() => core.dispose());

    it('delete.run removes exactly the selection, or refuses cleanly and removes nothing', async () => {
      const selection = { kind: 's3', connectionId, bucket, objects: [{ key: 'p/a.txt' }], folders: ['p/sub/'] };
      const out = await core.core.dispatch('delete.run', { selection, permanently: true, confirmName: bucket });
      const left = (await listKeys(sdkClient(s), bucket, '')).sort();
      expect(out.ok).toBe(listsVersions);
      if (out.ok) {
        expect(out.value).toMatchObject({ deleted: 3, failed: 0 });
        expect(left).toEqual(['keep/me.txt', 'p-not/x.txt', 'p/b.txt']);
      } else {
        expect(out.error).toMatchObject({ code: 'unsupported' });
        expect(out.error.message).toMatch(/not supported by this server/);
        expect(left).toEqual([...keys].sort());
      }
    });

    it('a delete.start job does the same: done with exactly those keys gone, or failed saying why, nothing gone', async () => {
      const selection = { kind: 's3', connectionId, bucket, objects: [{ key: 'p/b.txt' }], folders: [] };
      const before = (await listKeys(sdkClient(s), bucket, '')).sort();
      const { job } = await core.call<{ job: JobSnapshot }>('delete.start', { selection, permanently: true, confirmName: bucket });
      const end = await core.finished(job.id);
      const left = (await listKeys(sdkClient(s), bucket, '')).sort();
      expect(end.state).toBe(listsVersions ? 'done' : 'failed');
      if (end.state === 'done') {
        expect(end.itemsFailed).toBe(0);
        expect(left).toEqual(before.filter((k) => k !== 'p/b.txt'));
      } else {
        expect(end.state).toBe('failed');
        expect(JSON.stringify(end)).toMatch(/not supported by this server/);
        expect(left).toEqual(before);
      }
    });
  },
);
