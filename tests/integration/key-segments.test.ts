// Keys with ".", ".." or empty segments ("a/../b", "a//b", "./c"): AWS keeps
// them as sent, servers that keep objects as files do not. Ferry learns which
// kind a connection is the first time it is asked to write such a key (one
// small probe object, removed again), writes them where the server keeps them
// and refuses them, naming why, where it would not, with no request for the
// key itself. A download of such a key never leaves the chosen folder.
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionSummary } from '../../app/api/connection-types';
import { startRequestLog } from '../../e2e/servers/request-log';
import { createBucket, CoreUnderTest, sdkClient, servers, uniqueBucket } from './support';
import { allItems, runJob } from './transfer-support';
import { startVerbatimStore, type VerbatimStore } from './verbatim-store';

const PREFIXES = ['up/../', 'up/./', 'up//', '/'];
const core = new CoreUnderTest();
let store: VerbatimStore;
let files: string[] = [];

beforeAll(async () => {
  store = await startVerbatimStore(['kept']);
  const dir = await mkdtemp(path.join(tmpdir(), 'ferry-segments-'));
  files = [path.join(dir, 'one.txt'), path.join(dir, 'two.txt')];
  await writeFile(files[0] as string, 'first file');
  await writeFile(files[1] as string, 'second file');
});
afterAll(async () => {
  await core.dispose();
  await store?.stop();
});

async function uploadTo(connectionId: string, bucket: string, prefix: string) {
  const job = await runJob(core, {
    sources: files.map((f) => ({ kind: 'local' as const, path: f })),
    destination: { kind: 's3', connectionId, bucket, prefix },
    conflict: 'overwrite',
  });
  return { job, items: await allItems(core, job.id) };
}

async function probeOf(connectionId: string) {
  const list = await core.call<ConnectionSummary[]>('connections.list', {});
  return list.find((c) => c.id === connectionId)?.probe?.keySegments;
}

describe('a server that keeps keys as sent', () => {
  it('learns it once per connection and writes such keys byte for byte', { timeout: 60_000 }, async () => {
    const conn = await core.connect(store.server);
    for (const prefix of PREFIXES) {
      const { job, items } = await uploadTo(conn, 'kept', prefix);
      expect(job, prefix).toMatchObject({ state: 'done', itemsDone: 2, itemsFailed: 0 });
      expect(items.map((i) => i.destinationId).sort()).toEqual([`${prefix}one.txt`, `${prefix}two.txt`]);
    }
    const kept = store.objects.get('kept') as Map<string, Buffer>;
    expect([...kept.keys()].sort()).toEqual(PREFIXES.flatMap((p) => [`${p}one.txt`, `${p}two.txt`]).sort());
    expect(kept.get('up/../one.txt')?.toString()).toBe('first file');
    // One probe for the connection, its object removed; what it learnt is kept with the profile.
    const probes = store.requests.filter((r) => r.startsWith('PUT /kept/.ferry-probe/'));
    expect(probes).toHaveLength(1);
    expect(probes[0]).toMatch(/\/\.\/a\/\.\.\/b\/\/c$/);
    expect(await probeOf(conn)).toBe('verbatim');
  });

  it('downloads such a key only inside the chosen folder', { timeout: 30_000 }, async () => {
    const conn = await core.connect(store.server);
    const down = await mkdtemp(path.join(tmpdir(), 'ferry-segments-down-'));
    const target = path.join(down, 'into');
    // The folder "up/" holds "../one.txt", "./one.txt" and "/one.txt" (and the same for two.txt).
    const job = await runJob(core, {
      sources: [{ kind: 's3-prefix', connectionId: conn, bucket: 'kept', prefix: 'up/' }],
      destination: { kind: 'local', path: target },
      conflict: 'overwrite',
    });
    const items = await allItems(core, job.id);
    expect(items).toHaveLength(6);
    for (const i of items)
      expect(i.error, i.id).toMatchObject({ code: 'unsafe-path', message: expect.stringContaining('is not a safe file name') });
    expect(await readdir(down)).not.toContain('one.txt');
    expect(await readdir(target).catch(() => [])).toEqual([]);
  });
});

describe.runIf(servers().length > 0).each(servers().map((s) => [s.label, s] as const))('%s, which stores such keys elsewhere', (_l, s) => {
  it('refuses them with the reason and sends no request for them', { timeout: 60_000 }, async () => {
    const log = await startRequestLog(s.endpoint);
    try {
      const bucket = uniqueBucket('segments');
      await createBucket(s, bucket);
      const conn = await core.connect({ ...s, endpoint: log.endpoint });
      for (const prefix of PREFIXES) {
        const { job, items } = await uploadTo(conn, bucket, prefix);
        expect(job, prefix).toMatchObject({ itemsDone: 0, itemsFailed: 2 });
        for (const i of items)
          expect(i.error, prefix).toMatchObject({
            code: 'invalid-arguments',
            message: expect.stringContaining('this server stores such a key under another name'),
          });
      }
      expect(await probeOf(conn)).toBe('changed');
      // The probe's one write, and nothing of the refused keys.
      const writes = log.requests.filter((r) => r.method === 'PUT' || r.method === 'POST');
      expect(writes.map((r) => r.path)).toEqual([expect.stringMatching(new RegExp(`^/${bucket}/\\.ferry-probe/segments-`))]);
      expect(log.requests.filter((r) => /one\.txt|two\.txt/.test(decodeURIComponent(r.path)))).toEqual([]);
      // The probe left nothing behind.
      const left = await sdkClient(s).send(new ListObjectsV2Command({ Bucket: bucket }));
      expect(left.Contents ?? []).toEqual([]);
      // A plain key still goes through on the same connection.
      expect((await uploadTo(conn, bucket, 'plain/')).job).toMatchObject({ state: 'done', itemsDone: 2 });
    } finally {
      await log.stop();
    }
  });
});
