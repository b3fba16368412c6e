// Whole objects between 512 KiB and the multipart threshold are read into
// the shared hash arena and hashed there (sources.ts, write-s3.ts): around
// every boundary (the arena's 512 KiB, the whole-file read's 1 MiB, the
// threshold itself) an upload and a cross-server copy must land byte for
// byte with a single PUT (Content-MD5 on each), and give every arena byte back.
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sharedArena } from '../../app/transfer/hash/arena';
import type { TestServer } from '../../e2e/servers/harness';
import { createBucket, objectBytes, servers, sha256, uniqueBucket } from './support';
import { allItems, runJob, TransferTestCore } from './transfer-support';

const KiB = 1024;
const MiB = 1024 * KiB;
const THRESHOLD = 8 * MiB;
const t = new TransferTestCore({ partSize: THRESHOLD, multipartThreshold: THRESHOLD });
afterAll(() => t.dispose());

const sizes = [512 * KiB - 1, 512 * KiB, 700 * KiB + 3, MiB, MiB + 1, 3 * MiB + 5, THRESHOLD, THRESHOLD + 1];
const bodies = new Map<string, Buffer>(sizes.map((n) => [`mid/${n}.bin`, randomBytes(n)]));
// Several at once, so the hash workers have company for their lanes.
for (let i = 0; i < 6; i++) bodies.set(`mid/batch/${i}.bin`, randomBytes(600 * KiB + i * 4099));

const all = servers();

describe.each(all.map((s, i) => [s.label, s, all[(i + 1) % all.length] as TestServer] as const))(
  'mid-size objects to %s',
  (_label, s, next) => {
    it('upload and copy on to the next server byte for byte through single PUTs, arena given back', { timeout: 120_000 }, async () => {
      const arena = sharedArena();
      const before = arena?.liveBytes ?? 0;
      const root = await mkdtemp(path.join(tmpdir(), 'ferry-mid-'));
      for (const [rel, body] of bodies) {
        await mkdir(path.dirname(path.join(root, rel)), { recursive: true });
        await writeFile(path.join(root, rel), body);
      }
      const bucket = uniqueBucket('mid');
      await createBucket(s, bucket);
      const up = await runJob(t, {
        sources: [{ kind: 'local', path: path.join(root, 'mid') }],
        destination: { kind: 's3', connectionId: await t.connect(s), bucket, prefix: '' },
        conflict: 'overwrite',
      });
      expect(up).toMatchObject({ state: 'done', itemsDone: bodies.size, itemsFailed: 0 });
      for (const [key, body] of bodies) expect(sha256(await objectBytes(s, bucket, key)), key).toBe(sha256(body));
      const upItems = await allItems(t, up.id);
      for (const item of upItems.filter((i) => i.bytesTotal <= THRESHOLD))
        expect(item, item.destinationId).toMatchObject({ method: 'single-put' });
      expect(upItems.find((i) => i.bytesTotal === THRESHOLD + 1)).toMatchObject({ method: 'multipart' });

      const copyBucket = uniqueBucket('mid-copy');
      await createBucket(next, copyBucket);
      const copy = await runJob(t, {
        sources: [{ kind: 's3-prefix', connectionId: await t.connect(s), bucket, prefix: 'mid/' }],
        destination: { kind: 's3', connectionId: await t.connect(next), bucket: copyBucket, prefix: '' },
        conflict: 'overwrite',
      });
      expect(copy).toMatchObject({ state: 'done', itemsDone: bodies.size, itemsFailed: 0 });
      for (const [key, body] of bodies) expect(sha256(await objectBytes(next, copyBucket, key)), key).toBe(sha256(body));
      for (const item of await allItems(t, copy.id)) {
        expect(item.method, item.destinationId).toBe(item.bytesTotal > THRESHOLD ? 'multipart' : 'single-put');
      }

      // Hash workers keep a few KiB of scratch each; any object's buffer left behind would be ≥ 512 KiB.
      if (arena) expect(arena.liveBytes - before).toBeLessThan(64 * KiB);
    });
  },
);
