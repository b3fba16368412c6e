/**
 * The inspector's data on MinIO with a versioned, object-lock bucket: an
 * object with user metadata, tags, a checksum, a retention date, a legal hold
 * and three versions must come back complete and correct.
 */
import { PutObjectCommand, PutObjectLegalHoldCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ObjectInspection, SelectionSummary } from '../../app/api/inspect-types';
import type { TestServer } from '../../e2e/servers/harness';
import { createLockedBucket, putMultipart, putVersion } from './inspect-support';
import { CoreUnderTest, sdkClient, server, uniqueBucket } from './support';

const minio = server('minio');

describe.skipIf(!minio)('the inspector on MinIO (versioned, object lock)', () => {
  const srv = minio as TestServer;
  const t = new CoreUnderTest();
  const bucket = uniqueBucket('inspect');
  const retainUntil = new Date(Date.now() + 2 * 24 * 3600 * 1000);
  retainUntil.setUTCMilliseconds(0);
  const versionIds: string[] = [];
  let sseRefusal = '';
  let connectionId = '';
  const item = (key: string) => ({ kind: 's3', connectionId, bucket, key }) as const;

  beforeAll(async () => {
    connectionId = await t.connect(srv);
    await createLockedBucket(srv, bucket);
    for (const n of [1, 2, 3]) {
      const id = await putVersion(srv, bucket, 'report.csv', `a,b\n${n},${n}\n`, {
        ContentType: 'text/csv',
        CacheControl: 'max-age=60',
        ContentDisposition: 'attachment; filename="report.csv"',
        ContentLanguage: 'en',
        Metadata: { owner: 'ada', project: 'ferry' },
        Tagging: `team=blue&round=${n}`,
        ChecksumAlgorithm: 'SHA256',
        ...(n === 3 ? { ObjectLockMode: 'GOVERNANCE', ObjectLockRetainUntilDate: retainUntil } : {}),
      });
      versionIds.push(id ?? 'null');
    }
    await sdkClient(srv).send(new PutObjectLegalHoldCommand({ Bucket: bucket, Key: 'report.csv', LegalHold: { Status: 'ON' } }));
    try {
      await sdkClient(srv).send(new PutObjectCommand({ Bucket: bucket, Key: 'sealed.txt', Body: 'x', ServerSideEncryption: 'AES256' }));
    } catch (err) {
      sseRefusal = (err as Error).message;
      await putVersion(srv, bucket, 'sealed.txt', 'x');
    }
    await putMultipart(srv, bucket, 'big.bin', 2, { Metadata: { owner: 'grace' } });
  });
  afterAll(() => t.dispose());

  it('shows General, HTTP headers, user metadata, tags and checksums of the current version', async () => {
    const d = await t.call<ObjectInspection>('inspect.object', { item: item('report.csv') });
    expect(d.general).toMatchObject({
      key: 'report.csv',
      size: 8,
      etagKind: 'md5',
      storageClass: 'STANDARD',
      archived: false,
      contentType: 'text/csv',
      versionId: versionIds[2],
    });
    expect(d.general.etag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(d.headers.values).toEqual({
      contentType: 'text/csv',
      cacheControl: 'max-age=60',
      contentDisposition: 'attachment; filename="report.csv"',
      contentLanguage: 'en',
    });
    expect(d.headers.raw['x-amz-meta-owner']).toBe('ada');
    expect(d.headers.raw['content-length']).toBe('8');
    expect(d.metadata).toEqual({ owner: 'ada', project: 'ferry' });
    expect(d.metadataBytes).toBe('owneradaprojectferry'.length);
    expect(d.tags).toEqual({
      state: 'ok',
      value: expect.arrayContaining([
        { key: 'team', value: 'blue' },
        { key: 'round', value: '3' },
      ]),
    });
    expect(d.tags.state === 'ok' && d.tags.value).toHaveLength(2);
    expect(d.checksums).toMatchObject({ state: 'ok', value: { values: [{ algorithm: 'SHA256' }] } });
  });

  it('shows retention until its date and the legal hold', async () => {
    const d = await t.call<ObjectInspection>('inspect.object', { item: item('report.csv') });
    expect(d.lock).toEqual({
      state: 'ok',
      value: { legalHold: true, retention: { mode: 'GOVERNANCE', until: retainUntil.toISOString() } },
    });
  });

  it('lists all three versions, newest first, the latest marked', async () => {
    const d = await t.call<ObjectInspection>('inspect.object', { item: item('report.csv') });
    expect(d.versions.state).toBe('ok');
    if (d.versions.state !== 'ok') return;
    expect(d.versions.value.bucketVersioning).toBe('enabled');
    expect(d.versions.value.versions.map((v) => [v.versionId, v.isLatest, v.deleteMarker, v.size])).toEqual([
      [versionIds[2], true, false, 8],
      [versionIds[1], false, false, 8],
      [versionIds[0], false, false, 8],
    ]);
  });

  it('says SSE-S3 is not available when MinIO has no KMS, and shows the object as not encrypted', async () => {
    const d = await t.call<ObjectInspection>('inspect.object', { item: item('sealed.txt') });
    expect(d.encryption.state).toBe('ok');
    if (d.encryption.state !== 'ok') return;
    if (sseRefusal) {
      expect(sseRefusal).toMatch(/KMS/);
      expect(d.encryption.value.kind).toBe('none');
      expect(d.encryption.value.bucketDefault).toEqual({ state: 'not-available', message: 'The bucket has no default encryption.' });
    } else {
      expect(d.encryption.value).toMatchObject({ kind: 'SSE-S3', algorithm: 'AES256' });
    }
  });

  it('shows the ACL owner grant and that the object is not public', async () => {
    const d = await t.call<ObjectInspection>('inspect.object', { item: item('report.csv') });
    expect(d.access).toMatchObject({ state: 'ok', value: { publicRead: false, grants: { state: 'ok' } } });
    if (d.access.state === 'ok' && d.access.value.grants.state === 'ok') {
      expect(d.access.value.grants.value).toContainEqual(expect.objectContaining({ permission: 'FULL_CONTROL' }));
    }
  });

  it('recognises a multipart ETag and its part count', async () => {
    const d = await t.call<ObjectInspection>('inspect.object', { item: item('big.bin') });
    expect(d.general).toMatchObject({ size: 10 * 1024 * 1024, etagKind: 'multipart', partCount: 2 });
    expect(d.lock).toEqual({ state: 'ok', value: { legalHold: false } });
  });

  it('summarises a selection: totals, shared values and mixed ones', async () => {
    const s = await t.call<SelectionSummary>('inspect.summary', { connectionId, bucket, keys: ['report.csv', 'big.bin', 'gone.txt'] });
    expect(s.count).toBe(3);
    expect(s.totalBytes).toBe(8 + 10 * 1024 * 1024);
    expect(s.failed).toEqual([{ key: 'gone.txt', message: expect.stringMatching(/not ?found|404/i) }]);
    expect(s.storageClass).toEqual({ same: true, value: 'STANDARD' });
    expect(s.contentType).toEqual({ same: false });
    expect(s.metadata).toEqual({ owner: { same: false } });
    expect(s.partialMetadata).toEqual(['project']);
  });
});
