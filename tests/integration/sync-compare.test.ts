// Compare two locations against real servers: every class and reason over a
// prepared pair, between two different servers and between a server and a
// local folder, with keys whose order differs between S3 and a naive walk.
import { mkdtemp, readdir, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompareRow } from '../../app/api/types';
import type { TestServer } from '../../e2e/servers/harness';
import { createBucket, server, uniqueBucket } from './support';
import { compareAll, engineRig, preparedPair, putMultipart, seedDir, seedS3, type Rig } from './sync-support';
import { putObject } from './support';

const minio = server('minio');
const versity = server('versitygw');

/** Sets every file's modification time under `dir`. */
async function age(dir: string, when: number): Promise<void> {
  const walk = async (d: string): Promise<void> => {
    for (const e of await readdir(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else await utimes(p, new Date(when), new Date(when));
    }
  };
  await walk(dir);
}

function byKey(rows: CompareRow[]): Record<string, [string, string]> {
  return Object.fromEntries(rows.map((r) => [r.key, [r.cls, r.reason]]));
}

function counts(rows: CompareRow[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of rows) out[r.cls] = (out[r.cls] ?? 0) + 1;
  return out;
}

describe.runIf(minio && versity)('compare MinIO with versitygw', () => {
  let rig: Rig;
  const lb = uniqueBucket('cmpl');
  const rb = uniqueBucket('cmpr');
  beforeAll(async () => {
    const a = minio as TestServer;
    const b = versity as TestServer;
    rig = await engineRig({ left: a, right: b });
    const pair = preparedPair();
    await createBucket(a, lb);
    await createBucket(b, rb);
    await seedS3(a, lb, 'data/', pair.left);
    await seedS3(b, rb, 'mirror/', pair.right);
    // The same bytes: multipart on the left, one PUT on the right.
    await putMultipart(a, lb, 'data/mp.bin', pair.big);
    await putObject(b, rb, 'mirror/mp.bin', pair.big);
    // Outside the compared prefixes: must not appear.
    await putObject(a, lb, 'elsewhere.txt', Buffer.from('x'));
  }, 120_000);
  afterAll(async () => rig?.dispose());

  const left = () => ({ kind: 's3' as const, connectionId: rig.id('left'), bucket: lb, prefix: 'data' });
  const right = () => ({ kind: 's3' as const, connectionId: rig.id('right'), bucket: rb, prefix: 'mirror/' });

  it('classifies every key, in S3 byte order, with its reason', async () => {
    const rows = await compareAll(rig, left(), right());
    const { expected } = preparedPair();
    expect(byKey(rows)).toEqual(expected);
    const keys = rows.map((r) => r.key);
    expect(keys).toEqual([...keys].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y))));
    expect(keys.indexOf('a-b.txt')).toBeLessThan(keys.indexOf('a/b.txt'));
    expect(counts(rows)).toEqual({ same: 6, different: 2, unknown: 1, 'only-left': 1, 'only-right': 1 });
    const mp = rows.find((r) => r.key === 'mp.bin');
    expect(mp?.left?.etag).toMatch(/-2"?$/);
  });

  it('a deep compare reads the multipart object and calls it the same', async () => {
    const rows = await compareAll(rig, left(), right(), { deep: true });
    const got = byKey(rows);
    expect(got['mp.bin']).toEqual(['same', 'content']);
    expect(got['content.txt']).toEqual(['different', 'etag']);
    expect(counts(rows)).toEqual({ same: 7, different: 2, 'only-left': 1, 'only-right': 1 });
  });

  it('include and exclude globs choose the keys on both sides', async () => {
    const rows = await compareAll(rig, left(), right(), { include: ['*.txt'], exclude: ['z/**', 'only-*'] });
    expect(rows.map((r) => r.key)).toEqual(['a-b.txt', 'a/b.txt', 'content.txt', 'same.txt', 'size.txt']);
  });
});

describe.runIf(minio)('compare MinIO with a local folder', () => {
  let rig: Rig;
  let dir = '';
  const lb = uniqueBucket('cmploc');
  beforeAll(async () => {
    const a = minio as TestServer;
    rig = await engineRig({ left: a });
    const pair = preparedPair();
    await createBucket(a, lb);
    await seedS3(a, lb, '', pair.left);
    await putMultipart(a, lb, 'mp.bin', pair.big);
    dir = await mkdtemp(path.join(tmpdir(), 'ferry-cmp-'));
    await seedDir(dir, { ...pair.right, 'mp.bin': pair.big });
    // Files older than the objects: nothing says the folder is a copy of the bucket, so equal sizes are hashed.
    await age(dir, Date.now() - 3600_000);
  }, 120_000);
  afterAll(async () => rig?.dispose());

  it('hashes files against plain ETags, and leaves a multipart one unknown without a deep compare', async () => {
    const rows = await compareAll(rig, { kind: 's3', connectionId: rig.id('left'), bucket: lb, prefix: '' }, { kind: 'local', path: dir });
    const want = Object.fromEntries(Object.entries(preparedPair().expected).map(([k, v]) => [k, v[1] === 'etag' ? [v[0], 'content'] : v]));
    expect(byKey(rows)).toEqual(want);
  });

  it('a deep compare reads the object in ranges and the file, and finds them the same', async () => {
    const rows = await compareAll(
      rig,
      { kind: 's3', connectionId: rig.id('left'), bucket: lb, prefix: '' },
      { kind: 'local', path: dir },
      { deep: true },
    );
    expect(byKey(rows)['mp.bin']).toEqual(['same', 'content']);
    expect(counts(rows)).toEqual({ same: 7, different: 2, 'only-left': 1, 'only-right': 1 });
  });

  it('a folder written after the objects is taken for their copy without reading it, unless deep', async () => {
    const left = { kind: 's3' as const, connectionId: rig.id('left'), bucket: lb, prefix: '' };
    const right = { kind: 'local' as const, path: dir };
    await age(dir, Date.now() + 60_000);
    try {
      const quick = byKey(await compareAll(rig, left, right));
      expect(quick['content.txt']).toEqual(['same', 'right-newer']);
      expect(quick['mp.bin']).toEqual(['same', 'right-newer']);
      expect(quick['size.txt']).toEqual(['different', 'size']);
      const deep = byKey(await compareAll(rig, left, right, { deep: true }));
      expect(deep['content.txt']).toEqual(['different', 'content']);
      expect(deep['mp.bin']).toEqual(['same', 'content']);
    } finally {
      await age(dir, Date.now() - 3600_000);
    }
  });

  it('the folder on the left, in the same order', async () => {
    const rows = await compareAll(rig, { kind: 'local', path: dir }, { kind: 's3', connectionId: rig.id('left'), bucket: lb, prefix: '' });
    const keys = rows.map((r) => r.key);
    expect(keys).toEqual([...keys].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y))));
    expect(byKey(rows)['only-right.txt']).toEqual(['only-left', 'missing']);
  });
});
