// A key whose last segment is near the 255-byte file name limit downloads:
// the temp file beside it must fit the limit too. Small (one temp write) and
// large (ranged blocks) downloads, ASCII and multi-byte names, on MinIO and
// versitygw (s3rver keeps each object under its name plus a suffix, so it
// cannot hold such a name itself).
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempBeside } from '../../app/transfer/methods/write-local';
import { createBucket, sdkClient, servers, sha256, uniqueBucket } from './support';
import { runJob, TransferTestCore } from './transfer-support';

const MiB = 1024 * 1024;
const t = new TransferTestCore({ partSize: 8 * MiB, multipartThreshold: 8 * MiB });
afterAll(() => t.dispose());

const NAMES = ['a'.repeat(250), `${'é'.repeat(125)}.txt`, `${'x'.repeat(240)}-${'€'.repeat(4)}`];
const longServers = servers().filter((s) => s.kind !== 's3rver');

describe('temp names beside long names', () => {
  it('stay within 255 bytes, keep whole characters, and differ for names that share a start', () => {
    const dir = '/tmp/d';
    for (const name of [...NAMES, 'b'.repeat(255), `${'é'.repeat(127)}x`]) {
      const temp = path.basename(tempBeside(path.join(dir, name)));
      expect(Buffer.byteLength(temp)).toBeLessThanOrEqual(255);
      expect(temp).not.toContain('\ufffd');
    }
    const a = tempBeside(path.join(dir, `${'c'.repeat(250)}1`));
    const b = tempBeside(path.join(dir, `${'c'.repeat(250)}2`));
    expect(a.replace(/\.ferry-.*/, '')).not.toBe(b.replace(/\.ferry-.*/, ''));
  });
});

describe.runIf(longServers.length > 0).each(longServers.map((s) => [s.label, s] as const))('long last segments from %s', (_l, s) => {
  it('download byte for byte with no temp left, small and large', { timeout: 60_000 }, async () => {
    const bucket = uniqueBucket('longname');
    await createBucket(s, bucket);
    const bodies: Record<string, Buffer> = {};
    NAMES.forEach((name, i) => {
      bodies[`small/${name}`] = randomBytes(1000 + i);
      bodies[`large/${name}`] = randomBytes(3 * MiB + i);
    });
    for (const [Key, Body] of Object.entries(bodies)) await sdkClient(s).send(new PutObjectCommand({ Bucket: bucket, Key, Body }));
    const down = await mkdtemp(path.join(tmpdir(), 'ferry-long-'));
    const job = await runJob(t, {
      sources: [{ kind: 's3-prefix', connectionId: await t.connect(s), bucket, prefix: '' }],
      destination: { kind: 'local', path: down },
      conflict: 'overwrite',
    });
    expect(job).toMatchObject({ state: 'done', itemsFailed: 0, itemsDone: Object.keys(bodies).length });
    for (const [key, body] of Object.entries(bodies)) expect(sha256(await readFile(path.join(down, key))), key).toBe(sha256(body));
    for (const folder of ['small', 'large']) expect((await readdir(path.join(down, folder))).sort()).toEqual([...NAMES].sort());
  });
});
