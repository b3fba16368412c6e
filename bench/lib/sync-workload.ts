/**
 * W9: sync a folder of many small files to a bucket that already holds all
 * of them but `syncDiffer`, which hold stale bytes of another size (so every
 * tool's default comparison, by size, MD5 or time, sees them). The bucket is
 * seeded once; each run first puts the stale objects back, so every tool
 * starts from the same state and has exactly those to send.
 *
 * Verification lists the bucket (every key and size, as fingerprinted from
 * the data set) and reads back the objects that had to change: the others
 * were written by the seed, not by the tool, and a listing proves they stand.
 */
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { contentBuffer, contentHash, fingerprint, materialize, smallSet, type Dataset } from './datasets';
import { clientFor, createBucket, listKeys } from './remote';
import { prepareWithFerry } from './tools/ferry';
import { own } from './tools/types';
import type { Workload, WorkloadContext } from './workload-types';

const BUCKET = 'bench-sync';
const STALE_SEED = 'stale';

function dataset(ctx: WorkloadContext): Dataset {
  return smallSet(ctx.seed, ctx.sizes.syncCount, ctx.sizes.syncBytes);
}

/** Every n-th file differs, spread over the whole folder rather than bunched at its start. */
function differing(ctx: WorkloadContext): string[] {
  const files = dataset(ctx).files;
  const step = Math.max(1, Math.floor(files.length / Math.max(1, ctx.sizes.syncDiffer)));
  const keys: string[] = [];
  for (let i = 0; i < files.length && keys.length < ctx.sizes.syncDiffer; i += step) keys.push((files[i] as { key: string }).key);
  return keys;
}

async function putStale(ctx: WorkloadContext): Promise<void> {
  const c = clientFor(own(ctx.a));
  const keys = differing(ctx);
  const half = Math.max(1, Math.floor(ctx.sizes.syncBytes / 2));
  for (let i = 0; i < keys.length; i += 32) {
    await Promise.all(
      keys.slice(i, i + 32).map((Key) => c.send(new PutObjectCommand({ Bucket: BUCKET, Key, Body: contentBuffer(STALE_SEED, Key, half) }))),
    );
  }
}

export const syncWorkload: Workload = {
  id: 'W9',
  group: 'W9',
  title: (s) => `sync ${s.syncCount.toLocaleString('en-US')} × ${s.syncBytes / 1024} KiB, ${s.syncDiffer.toLocaleString('en-US')} differ`,
  budgets: ['default', 'tuned'],
  async prepare(ctx) {
    const ds = dataset(ctx);
    await materialize(ds, join(ctx.dataDir, ds.name, 'files'));
    await createBucket(own(ctx.a), BUCKET);
    // Filled by Ferry's own sync (about a minute for 100,000 objects; an SDK client at 64 in flight took 15–17).
    // Every run's verification lists the whole bucket, so a seed that missed a key would show there.
    prepareWithFerry(ctx.a, "fill W9's bucket", (at) => ['sync', `${join(ctx.dataDir, ds.name, 'files')}/`, at(BUCKET)]);
  },
  async setup(ctx) {
    const ds = dataset(ctx);
    await putStale(ctx);
    return {
      op: {
        kind: 'sync',
        from: { kind: 'local', dir: join(ctx.dataDir, ds.name, 'files') },
        to: { kind: 's3', ep: ctx.a, bucket: BUCKET },
      },
      async verify() {
        const listed = await listKeys(own(ctx.a), BUCKET);
        const shape = (entries: { key: string; size: number }[]) =>
          fingerprint(entries.map((e) => ({ key: e.key, size: e.size, sha256: '' })));
        const expected = shape(ds.files);
        const actual = shape(listed);
        let detail =
          expected.fingerprint === actual.fingerprint
            ? undefined
            : `listing: ${actual.count} keys, ${actual.bytes} bytes; expected ${expected.count}, ${expected.bytes}`;
        const c = clientFor(own(ctx.a));
        for (const key of detail ? [] : differing(ctx)) {
          const got = await c.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
          const bytes = Buffer.from(await (got.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray());
          if (createHash('sha256').update(bytes).digest('hex') !== (await contentHash(ds.seed, key, ctx.sizes.syncBytes))) {
            detail = `${key} does not hold the folder's bytes`;
            break;
          }
        }
        return { ok: detail === undefined, expected, actual, ...(detail ? { detail } : {}) };
      },
      cleanup: async () => undefined,
    };
  },
};
