// Objects up to 1 MiB download whole into memory (write-small-file.ts); each body counts against the part-buffer
// budget until it is on disk, so objects in flight never hold more than the budget between them, however many are
// allowed at once. With a 5 MiB budget and 16 objects allowed, a folder of 1,000 KiB objects is never fetched more
// than 5 at a time (a logging proxy sees when each GET starts and ends), and lands byte for byte. On MinIO.
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startRequestLog, type RequestLog } from '../../e2e/servers/request-log';
import { createBucket, putObject, server, sha256, uniqueBucket } from './support';
import { runJob, TransferTestCore } from './transfer-support';

const KiB = 1024;
const MiB = 1024 * KiB;
const OBJECTS = 16;
const minio = server('minio');
const t = new TransferTestCore({ partSize: 5 * MiB, multipartThreshold: 5 * MiB, memoryBytes: 5 * MiB, objectsInFlight: OBJECTS });
let log: RequestLog | undefined;
let dir: string | undefined;
afterAll(async () => {
  t.dispose();
  await log?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** The most GETs whose answers were flowing at the same moment. */
function mostAtOnce(spans: { at: number; endedAt: number }[]): number {
  const edges = spans.flatMap((s) => [
    { t: s.at, d: 1 },
    { t: s.endedAt, d: -1 },
  ]);
  // At equal times an end comes before a start: the proxy stamps in milliseconds.
  edges.sort((a, b) => a.t - b.t || a.d - b.d);
  let now = 0;
  let most = 0;
  for (const e of edges) most = Math.max(most, (now += e.d));
  return most;
}

describe.skipIf(!minio)('small downloads and the memory budget', () => {
  it('hold no more than the budget at once, and land whole', { timeout: 90_000 }, async () => {
    const s = minio as NonNullable<typeof minio>;
    const bucket = uniqueBucket('dlmem');
    await createBucket(s, bucket);
    const bodies = new Map<string, Buffer>();
    for (let i = 0; i < OBJECTS; i++) bodies.set(`set/o${String(i).padStart(2, '0')}.bin`, randomBytes(1000 * KiB));
    for (const [key, body] of bodies) await putObject(s, bucket, key, body);
    log = await startRequestLog(s.endpoint);
    dir = await mkdtemp(path.join(tmpdir(), 'ferry-dlmem-'));

    const job = await runJob(t, {
      sources: [{ kind: 's3-prefix', connectionId: await t.connect(s, log.endpoint), bucket, prefix: 'set/' }],
      destination: { kind: 'local', path: dir },
      conflict: 'overwrite',
    });
    expect(job).toMatchObject({ state: 'done', itemsDone: OBJECTS, itemsFailed: 0 });
    for (const [key, body] of bodies) expect(sha256(await readFile(path.join(dir, key))), key).toBe(sha256(body));

    const gets = log.requests.filter((r) => r.method === 'GET' && r.path.includes('/set/') && r.status === 200);
    expect(gets).toHaveLength(OBJECTS);
    const spans = gets.map((g) => ({ at: g.at, endedAt: g.endedAt ?? Number.POSITIVE_INFINITY }));
    expect(mostAtOnce(spans)).toBeLessThanOrEqual(5);
  });
});
