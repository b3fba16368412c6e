/**
 * Object lock changes on MinIO: the legal hold on and off, retention
 * extended, governance retention shortened only with the explicit bypass,
 * compliance retention never shortened.
 */
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ObjectInspection } from '../../app/api/inspect-types';
import type { TestServer } from '../../e2e/servers/harness';
import { createLockedBucket } from './inspect-support';
import { CoreUnderTest, sdkClient, server, uniqueBucket } from './support';

const minio = server('minio');
const inDays = (days: number) => {
  const d = new Date(Date.now() + days * 24 * 3600 * 1000);
  d.setUTCMilliseconds(0);
  return d.toISOString();
};

describe.skipIf(!minio)('object lock changes on MinIO', () => {
  const srv = minio as TestServer;
  const t = new CoreUnderTest();
  const bucket = uniqueBucket('lock');
  let connectionId = '';
  const item = (key: string) => ({ kind: 's3', connectionId, bucket, key }) as const;
  const lockOf = async (key: string) => (await t.call<ObjectInspection>('inspect.object', { item: item(key) })).lock;

  beforeAll(async () => {
    connectionId = await t.connect(srv);
    await createLockedBucket(srv, bucket);
    await sdkClient(srv).send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: 'gov.txt',
        Body: 'g',
        ObjectLockMode: 'GOVERNANCE',
        ObjectLockRetainUntilDate: new Date(inDays(2)),
      }),
    );
    await sdkClient(srv).send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: 'comp.txt',
        Body: 'c',
        ObjectLockMode: 'COMPLIANCE',
        ObjectLockRetainUntilDate: new Date(inDays(1)),
      }),
    );
  });
  afterAll(() => t.dispose());

  it('turns the legal hold on and off', async () => {
    await t.call('inspect.setLock', { item: item('gov.txt'), legalHold: true });
    expect(await lockOf('gov.txt')).toMatchObject({ state: 'ok', value: { legalHold: true } });
    await t.call('inspect.setLock', { item: item('gov.txt'), legalHold: false });
    expect(await lockOf('gov.txt')).toMatchObject({ state: 'ok', value: { legalHold: false } });
  });

  it('extends retention without a bypass', async () => {
    const until = inDays(5);
    await t.call('inspect.setLock', { item: item('gov.txt'), retention: { mode: 'GOVERNANCE', until } });
    expect(await lockOf('gov.txt')).toMatchObject({ state: 'ok', value: { retention: { mode: 'GOVERNANCE', until } } });
  });

  it('shortens governance retention only with the bypass', async () => {
    const shorter = inDays(3);
    const refused = await t.core.dispatch('inspect.setLock', { item: item('gov.txt'), retention: { mode: 'GOVERNANCE', until: shorter } });
    expect(refused.ok).toBe(false);
    await t.call('inspect.setLock', { item: item('gov.txt'), retention: { mode: 'GOVERNANCE', until: shorter }, bypassGovernance: true });
    expect(await lockOf('gov.txt')).toMatchObject({ state: 'ok', value: { retention: { until: shorter } } });
  });

  it('never shortens compliance retention, bypass or not', async () => {
    const out = await t.core.dispatch('inspect.setLock', {
      item: item('comp.txt'),
      retention: { mode: 'COMPLIANCE', until: inDays(0.5) },
      bypassGovernance: true,
    });
    expect(out.ok).toBe(false);
    expect(await lockOf('comp.txt')).toMatchObject({ state: 'ok', value: { retention: { mode: 'COMPLIANCE' } } });
  });

  it('refuses a retention date in the past before any request', async () => {
    const out = await t.core.dispatch('inspect.setLock', { item: item('gov.txt'), retention: { mode: 'GOVERNANCE', until: inDays(-1) } });
    expect(out).toMatchObject({ ok: false, error: { code: 'invalid-arguments', message: 'A retention date must lie in the future.' } });
  });
});
