// A server that knows only the first version of ListObjects answers a V2
// request with a V1 page: paged by marker, no continuation token. Before,
// Ferry listed the first thousand entries and stopped with "the listing goes
// on without a continuation token". Now it tells such a page apart and lists
// the V1 way, so every listing pages to its end, each entry once: `ferry ls`
// (keys, and folders across pages), a recursive download, a compare, and a
// recursive delete. Real MinIO behind a proxy that answers V2 listings as a
// V1-only server would.
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBucket, sdkClient, servers, uniqueBucket } from './support';
import { buildCli, cliEnv, listKeys, runCli } from './transfer-support';
import type { RunningProxy } from './unsigned-proxy';
import { startV1OnlyProxy } from './v1-only-proxy';
import { publicRead } from './whole-answer-proxy';

const s = servers().find((x) => x.kind === 'minio');
if (!s) throw new Error('the integration servers include MinIO');
const client = sdkClient(s);
/** More than one page (1,000) of each: keys in one folder, and folders side by side. */
const KEYS = Array.from({ length: 1100 }, (_, i) => `many/k${String(i).padStart(4, '0')}.txt`);
const FOLDERS = Array.from({ length: 1050 }, (_, i) => `tree/d${String(i).padStart(4, '0')}/f.txt`);
/** Names that URL-encoded listings change: a V1 marker must be sent back decoded. */
const ODD = ['odd/a b+c.txt', 'odd/é ü.txt', 'odd/100%.txt'];

let proxy: RunningProxy;
let bucket: string;
let env: Record<string, string>;

beforeAll(async () => {
  bucket = uniqueBucket('list-v1');
  await createBucket(s, bucket);
  await publicRead(client, bucket, { list: true });
  const all = [...KEYS, ...FOLDERS, ...ODD];
  for (let i = 0; i < all.length; i += 64) {
    await Promise.all(all.slice(i, i + 64).map((Key) => client.send(new PutObjectCommand({ Bucket: bucket, Key, Body: Key }))));
  }
  proxy = await startV1OnlyProxy(s.endpoint);
  env = { ...cliEnv('old', s, proxy.endpoint), FERRY_DATA_DIR: await mkdtemp(path.join(tmpdir(), 'ferry-list-v1-data-')) };
}, 120_000);
afterAll(() => proxy?.close());

async function ferry(args: string[]) {
  const out = await runCli(await buildCli(), args, env);
  expect(out.code, out.stderr).toBe(0);
  return out;
}

describe('a server that lists only in the first version of ListObjects', () => {
  it('ferry ls pages through keys and folders to the end, each once', { timeout: 60_000 }, async () => {
    const before = proxy.rewritten;
    const keys = (await ferry(['ls', '--json', `old:${bucket}/many/`])).stdout.trim().split('\n');
    expect(keys.map((l) => (JSON.parse(l) as { key: string }).key)).toEqual(KEYS);
    const folders = (await ferry(['ls', '--json', `old:${bucket}/tree/`])).stdout.trim().split('\n');
    expect(folders.map((l) => (JSON.parse(l) as { key: string }).key)).toEqual(FOLDERS.map((k) => k.slice(0, k.lastIndexOf('/') + 1)));
    // The first page of each was asked as V2 and answered as V1; the rest were asked as V1.
    expect(proxy.rewritten).toBe(before + 2);
    const odd = (await ferry(['ls', '--json', '--recursive', `old:${bucket}/odd/`])).stdout.trim().split('\n');
    expect(odd.map((l) => (JSON.parse(l) as { key: string }).key).sort()).toEqual([...ODD].sort());
  });

  it('a recursive download, a compare and a recursive delete see every key', { timeout: 120_000 }, async () => {
    const dest = await mkdtemp(path.join(tmpdir(), 'ferry-list-v1-out-'));
    await ferry(['cp', '-r', `old:${bucket}/many/`, `${dest}/`]);
    expect((await readdir(path.join(dest, 'many'))).length).toBe(KEYS.length);

    // The local copy and the bucket are equal; one more local file is the one difference.
    await writeFile(path.join(dest, 'many', 'extra.txt'), 'x');
    const diff = await runCli(await buildCli(), ['diff', path.join(dest, 'many'), `old:${bucket}/many/`], env);
    expect([diff.code, diff.stdout]).toEqual([1, '< extra.txt  (missing)\n']);

    await ferry(['rm', '-r', `old:${bucket}/tree/`]);
    expect(await listKeys(client, bucket, 'tree/')).toEqual([]);
    expect((await listKeys(client, bucket, 'many/')).length).toBe(KEYS.length);
  });
});
