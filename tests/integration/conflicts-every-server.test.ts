// Skip and keep-both must never overwrite, on every server. Ferry hands the
// check to the server (If-None-Match: *) only where the connection's provider
// is known to honour it, or where a probe saw the server refuse an existing
// key: s3rver, like some gateways, takes the header and overwrites anyway.
// Elsewhere each item looks first (HEAD).
import { ListObjectVersionsCommand, PutBucketVersioningCommand } from '@aws-sdk/client-s3';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ConnectionSummary } from '../../app/api/connection-types';
import { probeConditionalWrites } from '../../app/probe/conditional-writes';
import { createBucket, objectBytes, sdkClient, servers, uniqueBucket } from './support';
import { buildCli, cliEnv, listKeys, runCli, runJob, TransferTestCore } from './transfer-support';
import { createRestrictedMinioUser } from '../../e2e/servers/harness';

const t = new TransferTestCore();
afterAll(() => t.dispose());

describe.each(servers().map((s) => [s.label, s] as const))('an upload onto an existing object (%s)', (_label, s) => {
  it('is skipped by skip and kept beside by keep-both, the object left as it was', async () => {
    const bucket = uniqueBucket('no-overwrite');
    await createBucket(s, bucket);
    const id = await t.connect(s);
    const dir = await mkdtemp(path.join(tmpdir(), 'ferry-no-overwrite-'));
    const file = path.join(dir, 'ledger.csv');
    const sources = [{ kind: 'local', path: file }];
    const destination = { kind: 's3', connectionId: id, bucket, prefix: '' };
    await writeFile(file, 'first');
    expect(await runJob(t, { sources, destination, conflict: 'overwrite' })).toMatchObject({ state: 'done', itemsDone: 1 });

    await writeFile(file, 'second');
    expect(await runJob(t, { sources, destination, conflict: 'skip' })).toMatchObject({ state: 'done', itemsSkipped: 1, itemsDone: 0 });
    expect((await objectBytes(s, bucket, 'ledger.csv')).toString()).toBe('first');

    expect(await runJob(t, { sources, destination, conflict: 'keep-both' })).toMatchObject({ state: 'done', itemsDone: 1 });
    expect(await listKeys(sdkClient(s), bucket)).toEqual(['ledger (1).csv', 'ledger.csv']);
    expect((await objectBytes(s, bucket, 'ledger.csv')).toString()).toBe('first');
    expect((await objectBytes(s, bucket, 'ledger (1).csv')).toString()).toBe('second');

    // What the probe saw is kept with the connection, and it left nothing behind in the bucket.
    const summary = (await t.call<ConnectionSummary[]>('connections.list', {})).find((c) => c.id === id);
    expect(summary?.probe?.conditionalWrites).toBe(s.kind === 's3rver' ? 'ignored' : 'honoured');
    expect(summary?.features?.ifNoneMatch).toBe(s.kind !== 's3rver');
    expect(await listKeys(sdkClient(s), bucket, '.ferry-probe/')).toEqual([]);
  });

  it('a connection made with the MinIO preset is probed too: older MinIO releases overwrite', async (ctx) => {
    if (s.kind !== 'minio') ctx.skip();
    const bucket = uniqueBucket('minio-preset');
    await createBucket(s, bucket);
    const { id } = await t.call<{ id: string }>('connections.add', {
      label: 'MinIO by preset',
      providerId: 'minio',
      endpoint: s.endpoint,
      region: s.region,
      accessKeyId: s.accessKeyId,
      secretAccessKey: s.secretAccessKey,
      pathStyle: true,
    });
    const before = (await t.call<ConnectionSummary[]>('connections.list', {})).find((c) => c.id === id);
    expect(before?.features?.ifNoneMatch).toBe(false);
    const dir = await mkdtemp(path.join(tmpdir(), 'ferry-minio-preset-'));
    const file = path.join(dir, 'ledger.csv');
    const sources = [{ kind: 'local', path: file }];
    const destination = { kind: 's3', connectionId: id, bucket, prefix: '' };
    await writeFile(file, 'first');
    await runJob(t, { sources, destination, conflict: 'overwrite' });
    await writeFile(file, 'second');
    expect(await runJob(t, { sources, destination, conflict: 'skip' })).toMatchObject({ state: 'done', itemsSkipped: 1 });
    expect((await objectBytes(s, bucket, 'ledger.csv')).toString()).toBe('first');
    // This MinIO honours the header: from now on its skips cost one request, as the probe's answer is kept.
    const after = (await t.call<ConnectionSummary[]>('connections.list', {})).find((c) => c.id === id);
    expect(after?.probe?.conditionalWrites).toBe('honoured');
    expect(after?.features?.ifNoneMatch).toBe(true);
  });

  it('keys that may write but not delete leave one probe object, however many runs probe', { timeout: 60_000 }, async (ctx) => {
    if (s.kind !== 'minio') ctx.skip(); // users with their own policies: MinIO's
    const bucket = uniqueBucket('put-only');
    await createBucket(s, bucket);
    const user = await createRestrictedMinioUser(s, bucket, ['s3:GetObject', 's3:PutObject', 's3:ListBucket']);
    const putOnly = cliEnv('backup', { ...s, ...user });
    const dir = await mkdtemp(path.join(tmpdir(), 'ferry-put-only-'));
    await writeFile(path.join(dir, 'ledger.csv'), 'first');
    const cli = await buildCli();
    const data = await mkdtemp(path.join(tmpdir(), 'ferry-put-only-data-'));
    for (let run = 0; run < 3; run++) {
      // Each run of the command line asks again (it keeps no profile), as a nightly backup would.
      const out = await runCli(cli, ['cp', '--conflict', 'skip', path.join(dir, 'ledger.csv'), `backup:${bucket}/`], {
        FERRY_DATA_DIR: data,
        ...putOnly,
      });
      expect(out.code, out.stderr).toBe(0);
      await writeFile(path.join(dir, 'ledger.csv'), `changed ${run}`);
    }
    expect((await objectBytes(s, bucket, 'ledger.csv')).toString()).toBe('first');
    expect(await listKeys(sdkClient(s), bucket, '.ferry-probe/')).toEqual(['.ferry-probe/conditional-writes']);
  });

  it('the probe removes every version it wrote on a versioned bucket', async (ctx) => {
    if (s.kind !== 'minio') ctx.skip(); // versitygw here runs without versioning, s3rver keeps none
    const bucket = uniqueBucket('probe-versions');
    await createBucket(s, bucket);
    await sdkClient(s).send(new PutBucketVersioningCommand({ Bucket: bucket, VersioningConfiguration: { Status: 'Enabled' } }));
    expect(await probeConditionalWrites(sdkClient(s), bucket)).toBe('honoured');
    const left = await sdkClient(s).send(new ListObjectVersionsCommand({ Bucket: bucket }));
    expect([...(left.Versions ?? []), ...(left.DeleteMarkers ?? [])]).toEqual([]);
  });
});
