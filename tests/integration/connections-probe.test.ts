// The capability probe and the bucket-region memory against the real servers.
import type { S3Client } from '@aws-sdk/client-s3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ConnectionSummary, DiagnosticReport, Listing } from '../../app/api/types';
import { ConnectionRegistry } from '../../app/connections/connection-registry';
import { createCore } from '../../app/core/ferry-core';
import { S3ClientPool } from '../../app/s3/client-factory';
import { SecretManager } from '../../app/secrets/secret-manager';
import type { TestServer } from '../../e2e/servers/harness';
import { createBucket, CoreUnderTest, expectOk, putObject, server, servers, uniqueBucket } from './support';

const cores: CoreUnderTest[] = [];
afterAll(() => cores.forEach((c) => c.dispose()));

function newCore(): CoreUnderTest {
  const c = new CoreUnderTest();
  cores.push(c);
  return c;
}

function draftFor(s: TestServer, change: Record<string, unknown> = {}) {
  return {
    label: s.label,
    providerId: s.kind === 'minio' ? 'minio' : 'other',
    endpoint: s.endpoint,
    region: s.region,
    accessKeyId: s.accessKeyId,
    secretAccessKey: s.secretAccessKey,
    ...change,
  };
}

/** Counts the HTTP requests a client actually sends. */
function countRequests(client: S3Client): { sent: number } {
  const counter = { sent: 0 };
  client.middlewareStack.add(
    (next) => async (args) => {
      counter.sent++;
      return next(args);
    },
    { step: 'finalizeRequest', priority: 'low', name: 'testCountRequests' },
  );
  return counter;
}

describe('capability probe', () => {
  it.each(servers().map((s) => [s.label, s] as const))('%s: runs quietly on connect and is kept with the profile', async (_label, s) => {
    const core = newCore();
    const bucket = uniqueBucket('onconnect');
    await createBucket(s, bucket);
    const added = await core.call<ConnectionSummary>('connections.add', draftFor(s, { buckets: [bucket] }));
    expect(added.probe).toBeUndefined();
    const probed = new Promise<ConnectionSummary>((resolve) => {
      core.core.events.subscribe((name, payload) => {
        const mine = name === 'connections.changed' ? (payload as ConnectionSummary[]).find((c) => c.id === added.id) : undefined;
        if (mine?.probe) resolve(mine);
      });
    });
    await core.call<Listing>('browse.list', { location: { kind: 's3', connectionId: added.id, bucket: '', prefix: '' } });
    const summary = await probed;
    expect(summary.probe).toMatchObject({ listBuckets: 'allowed', bucket, checksums: 'unknown' });
    expect(['enabled', 'suspended', 'off', 'unsupported', 'denied', 'unknown']).toContain(summary.probe?.versioning);
    const listed = await core.call<ConnectionSummary[]>('connections.list', {});
    expect(listed.find((c) => c.id === added.id)?.probe?.probedAt).toBe(summary.probe?.probedAt);
  });

  it('saving right after a test keeps what the test found (checksum check included)', async () => {
    const minio = server('minio');
    if (!minio) throw new Error('MinIO is needed');
    const core = newCore();
    const bucket = uniqueBucket('tested');
    await createBucket(minio, bucket);
    const report = await core.call<DiagnosticReport>('connections.test', { draft: draftFor(minio), bucket });
    expect(report.probe?.checksums).toBe('verified');
    const added = await core.call<ConnectionSummary>('connections.add', draftFor(minio));
    expect(added.probe).toMatchObject({ checksums: 'verified', listBuckets: 'allowed' });
  });

  it('the checksum probe leaves nothing behind on a server that ignores checksums', async () => {
    const s3rver = server('s3rver');
    if (!s3rver) throw new Error('s3rver is needed');
    const core = newCore();
    const bucket = uniqueBucket('noleft');
    await createBucket(s3rver, bucket);
    const report = await core.call<DiagnosticReport>('connections.test', { draft: draftFor(s3rver), bucket });
    expect(report.probe?.checksums).toBe('ignored');
    const id = (await core.call<ConnectionSummary>('connections.add', draftFor(s3rver))).id;
    const root = await core.call<Listing>('browse.list', { location: { kind: 's3', connectionId: id, bucket, prefix: '' } });
    expect(root.entries).toEqual([]);
  });
});

describe('bucket region memory', () => {
  it('MinIO: a bucket answered with x-amz-bucket-region is retried there, remembered, and asked directly after a restart', async () => {
    const minio = server('minio');
    if (!minio) throw new Error('MinIO is needed');
    const bucket = uniqueBucket('region');
    await createBucket(minio, bucket);
    await putObject(minio, bucket, 'hello.txt', Buffer.from('hi'));
    const dataDir = mkdtempSync(path.join(tmpdir(), 'ferry-region-'));
    // The user typed the wrong region; the server is us-east-1.
    const core = createCore({ shell: 'serve', userDataDir: dataDir });
    const added = await expectOk<ConnectionSummary>(
      core.dispatch('connections.add', draftFor(minio, { region: 'eu-west-1', buckets: [bucket] })),
    );
    const listing = await expectOk<Listing>(
      core.dispatch('browse.list', { location: { kind: 's3', connectionId: added.id, bucket, prefix: '' } }),
    );
    expect(listing.entries.map((e) => e.name)).toEqual(['hello.txt']);
    const after = await expectOk<ConnectionSummary[]>(core.dispatch('connections.list', {}));
    expect(after.find((c) => c.id === added.id)?.bucketRegions).toEqual({ [bucket]: minio.region });
    core.dispose();

    // A new process reads the memory from the profiles file: one request, no detour.
    const registry = new ConnectionRegistry(dataDir, new SecretManager(dataDir));
    const secrets = registry.secrets;
    secrets.set(added.id, { secretAccessKey: minio.secretAccessKey });
    const pool = new S3ClientPool(registry);
    const client = pool.get(added.id);
    const counter = countRequests(client);
    const { ListObjectsV2Command } = await import('@aws-sdk/client-s3');
    const out = await client.send(new ListObjectsV2Command({ Bucket: bucket }));
    expect(out.Contents?.map((o) => o.Key)).toEqual(['hello.txt']);
    expect(counter.sent).toBe(1);
    pool.destroyAll();

    // Without the memory the same request takes two: the refusal, then the retry.
    const fresh = new ConnectionRegistry(mkdtempSync(path.join(tmpdir(), 'ferry-region-')), new SecretManager(dataDir));
    const id = fresh.add({ ...draftFor(minio, { region: 'eu-west-1' }), credentialSource: 'keys' }).id;
    const freshPool = new S3ClientPool(fresh);
    const freshClient = freshPool.get(id);
    const freshCounter = countRequests(freshClient);
    await freshClient.send(new ListObjectsV2Command({ Bucket: bucket }));
    expect(freshCounter.sent).toBe(2);
    expect(fresh.bucketRegion(id, bucket)).toBe(minio.region);
    freshPool.destroyAll();
  });
});
