/**
 * The workloads of shared/design/benchmarks.md (W1–W9, L1). Each knows how to
 * prepare its sources once, how to give every run a fresh destination, and
 * how to verify what a tool left behind against the data set's known hashes.
 */
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { expectedOf, keysFingerprint, largeSet, materialize, mixSet, smallSet, type Dataset, type Expected } from './datasets';
import type { Sizes } from './options';
import { createBucket, dropBucket, listKeys, localFingerprint, remoteFingerprint, seed, seedEmpty } from './remote';
import { remoteVariant } from './remote-workloads';
import { syncWorkload } from './sync-workload';
import { crcDownloadWorkload } from './crc-workload';
import { own, type Place, type Shape } from './tools/types';
import type { Verification, Workload, WorkloadContext } from './workload-types';

export type { RunSetup, Verification, Workload, WorkloadContext } from './workload-types';

function compare(expected: Expected, actual: Expected): Verification {
  const ok = expected.count === actual.count && expected.fingerprint === actual.fingerprint;
  return {
    ok,
    expected,
    actual,
    ...(ok ? {} : { detail: `expected ${expected.count} objects / ${expected.bytes} bytes, found ${actual.count} / ${actual.bytes}` }),
  };
}

const KiB = 1024;
function human(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${+(bytes / 1024 ** 3).toFixed(2)} GiB`;
  if (bytes >= 1024 ** 2) return `${+(bytes / 1024 ** 2).toFixed(1)} MiB`;
  return `${+(bytes / KiB).toFixed(1)} KiB`;
}
const count = (n: number): string => n.toLocaleString('en-US');

/** A workload's data set: which one depends only on the sizes and the seed. */
type DatasetOf = (ctx: Pick<WorkloadContext, 'sizes' | 'seed'>) => Dataset;
const small: DatasetOf = (ctx) => smallSet(ctx.seed, ctx.sizes.smallCount, ctx.sizes.smallBytes);
const large: DatasetOf = (ctx) => largeSet(ctx.seed, ctx.sizes.largeBytes);
const mix: DatasetOf = (ctx) => mixSet(ctx.seed, ctx.sizes.mixCount, ctx.sizes.mixMaxBytes);

const SOURCE_BUCKET = 'bench-src';

function localDir(ctx: WorkloadContext, ds: Dataset): string {
  return join(ctx.dataDir, ds.name, 'files');
}

/**
 * Local → MinIO, or → versitygw (`to: 'b'`): versitygw closes every connection after one answer, so each object
 * costs a tool a connect as well, a cost no other workload isolates.
 */
function upload(id: string, shape: Shape, dataset: DatasetOf, title: (s: Sizes) => string, to: 'a' | 'b' = 'a', group = id): Workload {
  return {
    id,
    group,
    title,
    budgets: ['default', 'tuned'],
    // The local source and its copy in MinIO.
    spaceNeeded: (sizes, seed) => 2 * dataset({ sizes, seed }).totalBytes,
    async prepare(ctx) {
      const ds = dataset(ctx);
      await materialize(ds, localDir(ctx, ds));
      await expectedOf(ds);
    },
    async setup(ctx, tag) {
      const ds = dataset(ctx);
      const bucket = `up-${tag}`;
      const ep = ctx[to];
      await createBucket(own(ep), bucket);
      const place: Place = { kind: 's3', ep, bucket };
      return {
        op: { kind: 'copy', from: { kind: 'local', dir: localDir(ctx, ds) }, to: place, shape },
        verify: async () => compare(await expectedOf(ds), await remoteFingerprint(own(ep), bucket)),
        cleanup: () => dropBucket(own(ep), bucket),
      };
    },
  };
}

/** MinIO → local. */
function download(id: string, shape: Shape, dataset: DatasetOf, title: (s: Sizes) => string): Workload {
  return {
    id,
    group: id,
    title,
    budgets: ['default', 'tuned'],
    // The source in MinIO and a run's download.
    spaceNeeded: (sizes, seed) => 2 * dataset({ sizes, seed }).totalBytes,
    async prepare(ctx) {
      await createBucket(own(ctx.a), SOURCE_BUCKET);
      await seed(own(ctx.a), SOURCE_BUCKET, dataset(ctx));
    },
    async setup(ctx, _tag, scratch) {
      const ds = dataset(ctx);
      const dir = join(scratch, 'download');
      await mkdir(dir, { recursive: true });
      return {
        op: { kind: 'copy', from: { kind: 's3', ep: ctx.a, bucket: SOURCE_BUCKET }, to: { kind: 'local', dir }, shape },
        verify: async () => compare(await expectedOf(ds), await localFingerprint(dir)),
        cleanup: () => rm(dir, { recursive: true, force: true }),
      };
    },
  };
}

/** MinIO → versitygw (across clouds) or MinIO → MinIO (server-side), from a seeded source bucket. */
function s3copy(id: string, group: string, across: boolean, shape: Shape, dataset: DatasetOf, title: (s: Sizes) => string): Workload {
  return {
    id,
    group,
    title,
    budgets: ['default', 'tuned'],
    // The source, its copy, and across clouds a peer's staging copy (s5cmd goes through local files).
    spaceNeeded: (sizes, seed) => (across ? 3 : 2) * dataset({ sizes, seed }).totalBytes,
    async prepare(ctx) {
      await createBucket(own(ctx.a), SOURCE_BUCKET);
      await seed(own(ctx.a), SOURCE_BUCKET, dataset(ctx));
      await expectedOf(dataset(ctx));
    },
    async setup(ctx, tag) {
      const ds = dataset(ctx);
      const ep = across ? ctx.b : ctx.a;
      const bucket = `cp-${tag}`;
      await createBucket(own(ep), bucket);
      return {
        op: { kind: 'copy', from: { kind: 's3', ep: ctx.a, bucket: SOURCE_BUCKET }, to: { kind: 's3', ep, bucket }, shape },
        verify: async () => compare(await expectedOf(ds), await remoteFingerprint(own(ep), bucket)),
        cleanup: () => dropBucket(own(ep), bucket),
      };
    },
  };
}

const deleteWorkload: Workload = {
  id: 'W8',
  group: 'W8',
  title: (s) => `delete ${count(s.deleteCount)} objects`,
  budgets: ['default', 'tuned'],
  async prepare() {},
  async setup(ctx, tag) {
    const bucket = `del-${tag}`;
    await createBucket(own(ctx.a), bucket);
    await seed(own(ctx.a), bucket, smallSet(ctx.seed, ctx.sizes.deleteCount, ctx.sizes.smallBytes), { concurrency: 64 });
    const empty = { count: 0, bytes: 0, fingerprint: keysFingerprint([]).fingerprint };
    return {
      op: { kind: 'delete', at: { kind: 's3', ep: ctx.a, bucket } },
      async verify() {
        // A tool may remove the bucket along with its objects; no bucket holds no objects.
        const left = await listKeys(own(ctx.a), bucket).catch((err: unknown) => {
          if (err instanceof Error && err.name === 'NoSuchBucket') return [];
          throw err;
        });
        const actual = {
          count: left.length,
          bytes: left.reduce((s, k) => s + k.size, 0),
          fingerprint: keysFingerprint(left.map((k) => k.key)).fingerprint,
        };
        return compare(empty, actual);
      },
      cleanup: () => dropBucket(own(ctx.a), bucket),
    };
  },
};

const LIST_BUCKET = 'bench-list';
const listKey = (i: number): string => `k${String(i).padStart(8, '0')}`;

const listWorkload: Workload = {
  id: 'L1',
  group: 'L1',
  title: (s) => `list ${count(s.listKeys)} keys to the end`,
  // Listing has no budget to tune: one request at a time, 1,000 keys a page, for every tool.
  budgets: ['default'],
  async prepare(ctx) {
    await createBucket(own(ctx.a), LIST_BUCKET);
    const keys = Array.from({ length: ctx.sizes.listKeys }, (_, i) => listKey(i));
    await seedEmpty(own(ctx.a), LIST_BUCKET, keys);
  },
  async setup(ctx, _tag, scratch) {
    const stdoutFile = join(scratch, 'listing.txt');
    return {
      op: { kind: 'list', at: { kind: 's3', ep: ctx.a, bucket: LIST_BUCKET }, stdoutFile },
      async verify(tool) {
        const { readFile } = await import('node:fs/promises');
        const keys = tool.parseListing(await readFile(stdoutFile, 'utf8'));
        const expected = keysFingerprint(Array.from({ length: ctx.sizes.listKeys }, (_, i) => listKey(i)));
        return compare(expected, keysFingerprint(keys));
      },
      cleanup: () => rm(stdoutFile, { force: true }),
    };
  },
};

const LOCAL: Workload[] = [
  upload('W1', 'many', small, (s) => `upload ${count(s.smallCount)} × ${human(s.smallBytes)}`),
  upload('W1-vg', 'many', small, (s) => `upload ${count(s.smallCount)} × ${human(s.smallBytes)} to versitygw`, 'b', 'W1'),
  download('W2', 'many', small, (s) => `download ${count(s.smallCount)} × ${human(s.smallBytes)}`),
  upload('W3', 'one', large, (s) => `upload 1 × ${human(s.largeBytes)}`),
  download('W4', 'one', large, (s) => `download 1 × ${human(s.largeBytes)}`),
  crcDownloadWorkload,
  upload('W5', 'mix', mix, (s) => `upload folder mix: ${count(s.mixCount)} files, 4 KiB to ${human(s.mixMaxBytes)}`),
  s3copy('W6-small', 'W6', true, 'many', small, (s) => `copy A → B: ${count(s.smallCount)} × ${human(s.smallBytes)}`),
  s3copy('W6-large', 'W6', true, 'one', large, (s) => `copy A → B: 1 × ${human(s.largeBytes)}`),
  s3copy('W6-mix', 'W6', true, 'mix', mix, (s) => `copy A → B: folder mix (${count(s.mixCount)} files)`),
  s3copy(
    'W7-small',
    'W7',
    false,
    'many',
    (ctx) => smallSet(ctx.seed, ctx.sizes.copySmallCount, ctx.sizes.smallBytes),
    (s) => `server-side copy in A: ${count(s.copySmallCount)} × ${human(s.smallBytes)}`,
  ),
  {
    ...s3copy(
      'W7-big',
      'W7',
      false,
      'one',
      (ctx) => largeSet(ctx.seed, ctx.sizes.copyBigBytes),
      (s) => `server-side copy in A: 1 × ${human(s.copyBigBytes)}`,
    ),
    note: (s) => (s.copyBigBytes > 5 * 1024 ** 3 ? undefined : 'under 5 GiB: a single CopyObject suffices, unlike the full-size run'),
  },
  deleteWorkload,
  listWorkload,
  syncWorkload,
];

/** W1, W2, W5 and W6 again, every tool behind the same latency. */
const REMOTE = LOCAL.filter((w) => ['W1', 'W2', 'W5', 'W6'].includes(w.group) && w.id !== 'W1-vg').map(remoteVariant);

export const WORKLOADS: Workload[] = [...LOCAL, ...REMOTE];

/** Workloads named on the command line (W6 means all of W6's parts); none named means all. */
export function selectWorkloads(names: string[]): Workload[] {
  if (names.length === 0) return WORKLOADS;
  const picked = WORKLOADS.filter((w) => names.includes(w.id.toUpperCase()) || names.includes(w.group.toUpperCase()));
  const unknown = names.filter((n) => !WORKLOADS.some((w) => w.id.toUpperCase() === n || w.group.toUpperCase() === n));
  if (unknown.length) throw new Error(`unknown workload ${unknown.join(', ')}; known: ${WORKLOADS.map((w) => w.id).join(' ')}`);
  return picked;
}
