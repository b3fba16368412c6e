/** Pieces the compare and sync tests share: an engine on named test servers, and a prepared pair of locations. */
import { CompleteMultipartUploadCommand, CreateMultipartUploadCommand, UploadPartCommand } from '@aws-sdk/client-s3';
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CompareOptions, CompareRow, Location } from '../../app/api/types';
import { CliConnections } from '../../app/cli/connections';
import { compareLocations } from '../../app/sync/compare';
import { listDepsOf } from '../../app/cli/engine-deps';
import { TransferEngine } from '../../app/transfer/engine';
import { clientOptions, type TransferTuning } from '../../app/transfer/tuning';
import type { TestServer } from '../../e2e/servers/harness';
import { putObject, sdkClient } from './support';
import { cliEnv, listKeys } from './transfer-support';

export interface Rig {
  engine: TransferEngine;
  conns: CliConnections;
  /** Connection id of each named server. */
  id(name: string): string;
  dispose(): Promise<void>;
}

export async function engineRig(named: Record<string, TestServer>, tuning: Partial<TransferTuning> = {}): Promise<Rig> {
  const dir = await mkdtemp(path.join(tmpdir(), 'ferry-sync-'));
  const env = Object.assign({}, ...Object.entries(named).map(([n, s]) => cliEnv(n, s))) as NodeJS.ProcessEnv;
  const conns = new CliConnections(dir, env, clientOptions(tuning));
  const engine = new TransferEngine({
    connections: conns,
    clientFor: (id) => conns.client(id),
    journalDir: path.join(dir, 'journal'),
    tuning,
    publish: () => undefined,
  });
  return {
    engine,
    conns,
    id: (name) => conns.resolve(name),
    dispose: async () => {
      await engine.dispose();
      conns.dispose();
    },
  };
}

export async function compareAll(rig: Rig, left: Location, right: Location, opts: CompareOptions = {}): Promise<CompareRow[]> {
  const rows: CompareRow[] = [];
  for await (const row of compareLocations(listDepsOf(rig.engine, new AbortController().signal), left, right, opts)) rows.push(row);
  return rows;
}

/** A location's content: relative key → sha256 (objects under an S3 prefix, files under a folder). */
export async function snapshot(
  where: { server: TestServer; bucket: string; prefix: string } | { dir: string },
): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  if ('dir' in where) {
    const walk = async (rel: string): Promise<void> => {
      for (const d of await readdir(path.join(where.dir, rel), { withFileTypes: true }).catch(() => [])) {
        const r = rel ? `${rel}/${d.name}` : d.name;
        if (d.isDirectory()) await walk(r);
        else
          out[r] = createHash('sha256')
            .update(await readFile(path.join(where.dir, r)))
            .digest('hex');
      }
    };
    await walk('');
    return out;
  }
  const client = sdkClient(where.server);
  for (const key of await listKeys(client, where.bucket, where.prefix)) {
    const { GetObjectCommand } = await import('@aws-sdk/client-s3');
    const got = await client.send(new GetObjectCommand({ Bucket: where.bucket, Key: key }));
    const bytes = Buffer.from(await (got.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray());
    out[key.slice(where.prefix.length)] = createHash('sha256').update(bytes).digest('hex');
  }
  return out;
}

/** The same bytes as an object of two parts (5 MiB and the rest): its ETag is a multipart one, not an MD5. */
export async function putMultipart(s: TestServer, bucket: string, key: string, body: Buffer): Promise<void> {
  const client = sdkClient(s);
  const { UploadId } = await client.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: key }));
  const cut = 5 * 1024 * 1024;
  const parts = [];
  for (const [n, chunk] of [body.subarray(0, cut), body.subarray(cut)].entries()) {
    const up = await client.send(new UploadPartCommand({ Bucket: bucket, Key: key, UploadId, PartNumber: n + 1, Body: chunk }));
    parts.push({ PartNumber: n + 1, ETag: up.ETag });
  }
  await client.send(new CompleteMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId, MultipartUpload: { Parts: parts } }));
}

/**
 * Every class a compare knows, on both sides. Keys chosen so that byte order
 * matters: "a-b.txt" sorts before "a/…" in S3 while a folder walk by name
 * would put the folder "a" first; "é" and "😀" order by UTF-8 bytes.
 */
export function preparedPair() {
  const same = randomBytes(3000);
  const big = randomBytes(5 * 1024 * 1024 + 4096);
  const equalSizeA = Buffer.alloc(2048, 'a');
  const equalSizeB = Buffer.alloc(2048, 'b');
  const left: Record<string, Buffer> = {
    'a-b.txt': Buffer.from('dash'),
    'a/b.txt': Buffer.from('slash'),
    'content.txt': equalSizeA,
    'only-left.txt': Buffer.from('only on the left'),
    'same.txt': same,
    'size.txt': Buffer.from('short'),
    'z/\u00e9.txt': Buffer.from('e acute'),
    'z/\u{1F600}.txt': Buffer.from('emoji'),
    'z/\uFF5E.txt': Buffer.from('fullwidth tilde'),
  };
  const right: Record<string, Buffer> = {
    ...Object.fromEntries(Object.entries(left).filter(([k]) => !['only-left.txt', 'content.txt', 'size.txt'].includes(k))),
    'content.txt': equalSizeB,
    'only-right.txt': Buffer.from('only on the right'),
    'size.txt': Buffer.from('a longer text'),
  };
  const expected: Record<string, [string, string]> = {
    'a-b.txt': ['same', 'etag'],
    'a/b.txt': ['same', 'etag'],
    'content.txt': ['different', 'etag'],
    'mp.bin': ['unknown', 'multipart-etag'],
    'only-left.txt': ['only-left', 'missing'],
    'only-right.txt': ['only-right', 'missing'],
    'same.txt': ['same', 'etag'],
    'size.txt': ['different', 'size'],
    'z/\u00e9.txt': ['same', 'etag'],
    'z/\uFF5E.txt': ['same', 'etag'],
    'z/\u{1F600}.txt': ['same', 'etag'],
  };
  return { left, right, big, expected };
}

export async function seedS3(s: TestServer, bucket: string, prefix: string, files: Record<string, Buffer>): Promise<void> {
  for (const [k, body] of Object.entries(files)) await putObject(s, bucket, prefix + k, body);
}

export async function seedDir(dir: string, files: Record<string, Buffer>): Promise<void> {
  for (const [k, body] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, k)), { recursive: true });
    await writeFile(path.join(dir, k), body);
  }
}

export async function exists(p: string): Promise<boolean> {
  return (await stat(p).catch(() => null)) !== null;
}

/** Polls `check` until it holds (a wait for a condition, not a time limit on the code under test). */
export async function until(check: () => Promise<boolean> | boolean, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
