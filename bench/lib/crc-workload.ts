/**
 * W4c: W4's download of one large object, with the object written by Ferry.
 * W4's source is seeded by a plain SDK client that sends no checksums, so
 * the server keeps only an MD5 ETag and Ferry checks the download by MD5;
 * written by Ferry, the object keeps a full-object CRC32 and Ferry checks the
 * same bytes by that instead (docs/integrity.md). Side by side, W4 and W4c
 * show what the cheaper check saves; every tool downloads the same bytes.
 */
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { expectedOf, largeSet, materialize } from './datasets';
import { clientFor, createBucket, localFingerprint } from './remote';
import { prepareWithFerry } from './tools/ferry';
import { own } from './tools/types';
import type { Workload, WorkloadContext } from './workload-types';

const CRC_BUCKET = 'bench-src-crc';

function human(bytes: number): string {
  return bytes >= 1024 ** 3 ? `${+(bytes / 1024 ** 3).toFixed(2)} GiB` : `${+(bytes / 1024 ** 2).toFixed(1)} MiB`;
}

/** Whether the bucket already holds the object as Ferry writes it (a full-object CRC32), so a rerun need not upload again. */
async function writtenByFerry(ctx: WorkloadContext, key: string, size: number): Promise<boolean> {
  const head = await clientFor(own(ctx.a))
    .send(new HeadObjectCommand({ Bucket: CRC_BUCKET, Key: key, ChecksumMode: 'ENABLED' }))
    .catch(() => null);
  return head?.ContentLength === size && head.ChecksumCRC32 !== undefined && head.ChecksumType === 'FULL_OBJECT';
}

export const crcDownloadWorkload: Workload = {
  id: 'W4c',
  group: 'W4c',
  title: (s) => `download 1 × ${human(s.largeBytes)} written by Ferry (full-object CRC32)`,
  budgets: ['default', 'tuned'],
  note: () => 'checked by CRC32 where the object keeps one (W4: MD5)',
  // The local file Ferry uploads, the object in MinIO and a run's download.
  spaceNeeded: (sizes) => 3 * sizes.largeBytes,
  async prepare(ctx) {
    const ds = largeSet(ctx.seed, ctx.sizes.largeBytes);
    const file = ds.files[0];
    if (!file) throw new Error('the large data set has no file');
    await createBucket(own(ctx.a), CRC_BUCKET);
    if (await writtenByFerry(ctx, file.key, file.size)) return;
    const dir = join(ctx.dataDir, ds.name, 'files');
    await materialize(ds, dir);
    prepareWithFerry(ctx.a, "write W4c's object", (at) => ['cp', '-r', join(dir, file.key), at(CRC_BUCKET)]);
    if (!(await writtenByFerry(ctx, file.key, file.size))) throw new Error(`the server kept no full-object CRC32 for ${file.key}`);
  },
  async setup(ctx, _tag, scratch) {
    const ds = largeSet(ctx.seed, ctx.sizes.largeBytes);
    const dir = join(scratch, 'download');
    await mkdir(dir, { recursive: true });
    return {
      op: { kind: 'copy', from: { kind: 's3', ep: ctx.a, bucket: CRC_BUCKET }, to: { kind: 'local', dir }, shape: 'one' },
      async verify() {
        const expected = await expectedOf(ds);
        const actual = await localFingerprint(dir);
        const ok = expected.count === actual.count && expected.fingerprint === actual.fingerprint;
        return { ok, expected, actual, ...(ok ? {} : { detail: `expected ${expected.count} objects, found ${actual.count}` }) };
      },
      cleanup: () => rm(dir, { recursive: true, force: true }),
    };
  },
};
