// A bucket with Object Lock and a default retention keeps every object
// written to it, and no one may delete it before the retention ends. The
// probes that write a test object (checksums, If-None-Match, key segments)
// would leave it there for that long, in a bucket that is usually kept for
// compliance. So none of them writes there (nor the copy's tags probe): Test connection says why it
// skipped those steps, and a skip upload looks first (HEAD) instead, still
// leaving the existing object alone. Real MinIO, governance mode, one day.
import {
  CreateBucketCommand,
  GetObjectCommand,
  GetObjectTaggingCommand,
  ListObjectVersionsCommand,
  PutObjectCommand,
  PutObjectLockConfigurationCommand,
} from '@aws-sdk/client-s3';
import { randomBytes } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionSummary, DiagnosticReport } from '../../app/api/types';
import { probeChecksums } from '../../app/probe/capability-probe';
import { probeConditionalWrites } from '../../app/probe/conditional-writes';
import { probeKeySegments } from '../../app/probe/key-segments';
import { sdkClient, servers, uniqueBucket } from './support';
import { runJob, TransferTestCore } from './transfer-support';

const s = servers().find((x) => x.kind === 'minio');
if (!s) throw new Error('the integration servers include MinIO');
const client = sdkClient(s);
const t = new TransferTestCore();
afterAll(() => t.dispose());

let bucket: string;
beforeAll(async () => {
  // Its objects stay locked for a day, so the bucket stays for the run: it sorts last, where no test that probes
  // "the first bucket listed" meets it.
  bucket = uniqueBucket('zz-locked');
  await client.send(new CreateBucketCommand({ Bucket: bucket, ObjectLockEnabledForBucket: true }));
  await client.send(
    new PutObjectLockConfigurationCommand({
      Bucket: bucket,
      ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'GOVERNANCE', Days: 1 } } },
    }),
  );
});

/** Every version and delete marker under the probes' folder. */
async function probeLeftovers(): Promise<string[]> {
  const out = await client.send(new ListObjectVersionsCommand({ Bucket: bucket, Prefix: '.ferry-probe/' }));
  return [...(out.Versions ?? []), ...(out.DeleteMarkers ?? [])].map((v) => v.Key ?? '');
}

describe('a bucket that locks what is written to it', () => {
  it('gets no test object from any probe', async () => {
    expect(await probeConditionalWrites(client, bucket)).toBe('unknown');
    const segments = await probeKeySegments(client, bucket);
    expect(segments).toEqual({
      keySegments: 'unknown',
      detail: `bucket ${bucket} keeps every object written to it for 1 day (Object Lock, governance mode), so Ferry writes no test object there`,
    });
    expect((await probeChecksums(client, bucket)).checksums).toBe('unknown');
    expect(await probeLeftovers()).toEqual([]);
  });

  it('Test connection skips the writing steps and says why', async () => {
    const report = await t.call<DiagnosticReport>('connections.test', {
      draft: {
        label: 'locked',
        providerId: 'minio',
        endpoint: s.endpoint,
        region: s.region,
        accessKeyId: s.accessKeyId,
        secretAccessKey: s.secretAccessKey,
      },
      bucket,
    });
    expect(report).toMatchObject({ ok: true, probe: { objectLock: 'enabled' } });
    const steps = Object.fromEntries(report.steps.map((x) => [x.id, x]));
    expect(steps.checksums).toMatchObject({ status: 'skipped', detail: expect.stringContaining('Object Lock') });
    expect(steps['conditional-writes']).toMatchObject({
      status: 'skipped',
      detail: expect.stringMatching(
        /Object Lock, governance mode\), so Ferry writes no test object there; skip and ask uploads look first$/,
      ),
    });
    expect(await probeLeftovers()).toEqual([]);
  });

  it('a skip upload onto an existing object looks first and leaves it as it was', async () => {
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: 'ledger.csv', Body: 'first' }));
    const id = await t.connect(s);
    const dir = await mkdtemp(path.join(tmpdir(), 'ferry-locked-'));
    await writeFile(path.join(dir, 'ledger.csv'), 'second');
    const job = await runJob(t, {
      sources: [{ kind: 'local', path: path.join(dir, 'ledger.csv') }],
      destination: { kind: 's3', connectionId: id, bucket, prefix: '' },
      conflict: 'skip',
    });
    expect(job).toMatchObject({ state: 'done', itemsSkipped: 1, itemsDone: 0 });
    const body = await client.send(new GetObjectCommand({ Bucket: bucket, Key: 'ledger.csv' }));
    expect(await body.Body?.transformToString()).toBe('first');
    // Nothing learnt, so nothing remembered: the next job asks again (and again writes nothing).
    const summary = (await t.call<ConnectionSummary[]>('connections.list', {})).find((c) => c.id === id);
    expect(summary?.probe?.conditionalWrites).toBeUndefined();
    expect(await probeLeftovers()).toEqual([]);
  });

  it('a copy inside it keeps the tags without a probe object to learn how', async () => {
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: 'tagged.txt', Body: 'tagged', Tagging: 'team=ops' }));
    const id = await t.connect(s);
    const job = await runJob(t, {
      sources: [{ kind: 's3', connectionId: id, bucket, key: 'tagged.txt' }],
      destination: { kind: 's3', connectionId: id, bucket, prefix: 'copies/' },
      conflict: 'overwrite',
    });
    expect(job).toMatchObject({ state: 'done', itemsDone: 1 });
    const tags = await client.send(new GetObjectTaggingCommand({ Bucket: bucket, Key: 'copies/tagged.txt' }));
    expect(tags.TagSet).toEqual([{ Key: 'team', Value: 'ops' }]);
    expect(await probeLeftovers()).toEqual([]);
  });

  it('still takes uploads, small, mid-size and multipart (a locked bucket asks each PUT for a checksum)', { timeout: 60_000 }, async () => {
    const id = await t.connect(s);
    const dir = await mkdtemp(path.join(tmpdir(), 'ferry-locked-up-'));
    const files = { 'small.txt': Buffer.from('small'), 'mid.bin': randomBytes(700 * 1024), 'big.bin': randomBytes(9 * 1024 * 1024 + 1) };
    for (const [name, body] of Object.entries(files)) await writeFile(path.join(dir, name), body);
    const job = await runJob(t, {
      sources: [{ kind: 'local', path: `${dir}/` }],
      destination: { kind: 's3', connectionId: id, bucket, prefix: 'up/' },
      conflict: 'overwrite',
    });
    expect(job).toMatchObject({ state: 'done', itemsDone: 3, itemsFailed: 0 });
  });
});
