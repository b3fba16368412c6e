/**
 * Attribute and tag edits: a copy of the object onto itself that keeps
 * everything the user did not touch, on every server; the multipart copy
 * path above a (lowered) CopyObject limit with identical bytes; limits
 * refused before any request.
 */
import { GetObjectTaggingCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EditResult, ObjectInspection } from '../../app/api/inspect-types';
import type { TestServer } from '../../e2e/servers/harness';
import { connectCore, coreWithCopyLimit, createLockedBucket } from './inspect-support';
import { CoreUnderTest, createBucket, expectOk, objectBytes, sdkClient, server, servers, sha256, uniqueBucket } from './support';

async function tagsOf(srv: TestServer, bucket: string, key: string) {
  try {
    const out = await sdkClient(srv).send(new GetObjectTaggingCommand({ Bucket: bucket, Key: key }));
    return (out.TagSet ?? []).map((t) => `${t.Key}=${t.Value}`).sort();
  } catch {
    return ['(no tagging)'];
  }
}

describe.each(servers().map((s) => [s.label, s] as const))('editing an object on %s', (_label, srv) => {
  const t = new CoreUnderTest();
  const bucket = uniqueBucket('edit');
  let connectionId = '';
  const selection = (keys: string[]) => ({ connectionId, bucket, keys });
  const inspect = (key: string) => t.call<ObjectInspection>('inspect.object', { item: { kind: 's3', connectionId, bucket, key } });

  beforeAll(async () => {
    connectionId = await t.connect(srv);
    await createBucket(srv, bucket);
    await sdkClient(srv).send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: 'page.htm',
        Body: '<p>hi</p>',
        ContentType: 'application/octet-stream',
        CacheControl: 'no-cache',
        ContentLanguage: 'de',
        Metadata: { owner: 'ada', 'build-id': '42' },
        Tagging: 'team=blue&stage=draft',
      }),
    );
  });
  afterAll(() => t.dispose());

  it('changes the content type and keeps user metadata, tags and the other headers', async () => {
    const tagsBefore = await tagsOf(srv, bucket, 'page.htm');
    const bytesBefore = await objectBytes(srv, bucket, 'page.htm');
    const result = await t.call<EditResult>('inspect.edit', {
      ...selection(['page.htm']),
      edit: { headers: { contentType: 'text/html' } },
    });
    expect(result.items).toEqual([expect.objectContaining({ key: 'page.htm', ok: true, method: 'copy' })]);
    const d = await inspect('page.htm');
    expect(d.headers.values).toMatchObject({ contentType: 'text/html', cacheControl: 'no-cache', contentLanguage: 'de' });
    expect(d.metadata).toEqual({ owner: 'ada', 'build-id': '42' });
    expect(await tagsOf(srv, bucket, 'page.htm')).toEqual(tagsBefore);
    expect(await objectBytes(srv, bucket, 'page.htm')).toEqual(bytesBefore);
  });

  it('adds, changes and removes user metadata, and removes a header (or says the server kept it)', async () => {
    const result = await t.call<EditResult>('inspect.edit', {
      ...selection(['page.htm']),
      edit: { metadata: { put: { Reviewer: 'grace', owner: 'lin' }, remove: ['build-id'] }, headers: { contentLanguage: '' } },
    });
    const d = await inspect('page.htm');
    expect(d.metadata).toEqual({ owner: 'lin', reviewer: 'grace' });
    if (srv.kind === 'versitygw') {
      // versitygw keeps a header that a metadata REPLACE leaves out; Ferry says so instead of claiming success.
      expect(result.items[0]).toMatchObject({ ok: false, message: expect.stringContaining('Content-Language is "de", not removed') });
    } else {
      expect(result.items[0]).toMatchObject({ ok: true });
      expect(d.headers.values.contentLanguage).toBeUndefined();
    }
    expect(d.headers.values).toMatchObject({ contentType: 'text/html', cacheControl: 'no-cache' });
  });

  it('changes the storage class (or says the server kept its own), keeping metadata and headers', async () => {
    const metadata = (await inspect('page.htm')).metadata;
    const result = await t.call<EditResult>('inspect.edit', { ...selection(['page.htm']), edit: { storageClass: 'REDUCED_REDUNDANCY' } });
    const d = await inspect('page.htm');
    if (srv.kind === 'versitygw') {
      // versitygw takes the copy but keeps one storage class; Ferry says the change did not happen.
      expect(result.items[0]).toMatchObject({
        ok: false,
        message: expect.stringContaining('the storage class is STANDARD, not REDUCED_REDUNDANCY'),
      });
    } else {
      expect(result.items[0]).toMatchObject({ ok: true, method: 'copy' });
      expect(d.general.storageClass).toBe('REDUCED_REDUNDANCY');
    }
    expect(d.metadata).toEqual(metadata);
    expect(d.headers.values.contentType).toBe('text/html');
  });

  it('refuses metadata over 2 KB on the real server and leaves the object as it was', async () => {
    const before = await inspect('page.htm');
    const out = await t.core.dispatch('inspect.edit', {
      ...selection(['page.htm']),
      edit: { metadata: { put: { big: 'x'.repeat(2100) } } },
    });
    expect(out).toMatchObject({ ok: false, error: { code: 'invalid-arguments', message: expect.stringMatching(/2048 bytes \(2 KB/) } });
    expect((await inspect('page.htm')).general.etag).toBe(before.general.etag);
    expect((await inspect('page.htm')).general.lastModified).toBe(before.general.lastModified);
  });
});

describe('limits are checked before any request', () => {
  // Nothing listens on port 1: any request would fail with a network error, not with the limit.
  const dead = {
    label: 'nowhere',
    endpoint: 'http://127.0.0.1:1',
    region: 'us-east-1',
    accessKeyId: 'AKIAEXAMPLE',
    secretAccessKey: 'secret',
  };
  const core = coreWithCopyLimit(5 * 1024 * 1024, 5 * 1024 * 1024);
  let connectionId = '';
  beforeAll(async () => {
    connectionId = await connectCore(core, dead);
  });
  afterAll(() => core.dispose());
  const refusal = async (method: 'inspect.edit' | 'inspect.editTags', edit: unknown) => {
    const out = await core.dispatch(method, { connectionId, bucket: 'b', keys: ['k'], edit });
    expect(out.ok).toBe(false);
    if (out.ok) return '';
    expect(out.error.code).toBe('invalid-arguments');
    return out.error.message;
  };

  it('names the tag limits: count, key and value length, characters, reserved prefix', async () => {
    const eleven = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`k${i}`, 'v']));
    expect(await refusal('inspect.editTags', { put: eleven })).toMatch(/at most 10 tags/);
    expect(await refusal('inspect.editTags', { put: { ['k'.repeat(129)]: 'v' } })).toMatch(/over 128 characters/);
    expect(await refusal('inspect.editTags', { put: { k: 'v'.repeat(257) } })).toMatch(/over 256 characters/);
    expect(await refusal('inspect.editTags', { put: { 'a<b': 'v' } })).toMatch(/character S3 does not allow/);
    expect(await refusal('inspect.editTags', { put: { 'aws:x': 'v' } })).toMatch(/reserved/);
  });

  it('names the metadata limits: 2 KB in all, header-safe names and values', async () => {
    expect(await refusal('inspect.edit', { metadata: { put: { a: 'x'.repeat(2048) } } })).toMatch(/2048 bytes/);
    expect(await refusal('inspect.edit', { metadata: { put: { 'bad name': 'x' } } })).toMatch(/Metadata name "bad name"/);
    expect(await refusal('inspect.edit', { metadata: { put: { note: 'naïve' } } })).toMatch(/printable ASCII/);
    expect(await refusal('inspect.edit', { headers: { expires: 'someday' } })).toMatch(/HTTP date/);
  });
});

const multipartServers = servers().filter((s) => s.kind !== 's3rver');
describe.each(multipartServers.map((s) => [s.label, s] as const))('editing above the CopyObject limit on %s', (_label, srv) => {
  const core = coreWithCopyLimit(5 * 1024 * 1024, 5 * 1024 * 1024);
  const bucket = uniqueBucket('edit-big');
  const body = Buffer.alloc(12 * 1024 * 1024 + 333);
  for (let i = 0; i < body.length; i += 4096) body.writeUInt32LE(i, i);
  let connectionId = '';
  beforeAll(async () => {
    connectionId = await connectCore(core, srv);
    await createBucket(srv, bucket);
    await sdkClient(srv).send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: 'big.bin',
        Body: body,
        ContentType: 'application/x-ferry',
        Metadata: { owner: 'ada' },
        Tagging: 'keep=yes',
      }),
    );
  });
  afterAll(() => core.dispose());

  it('uses the multipart copy, keeps the bytes identical and the tags and content type', async () => {
    const result = await expectOk<EditResult>(
      core.dispatch('inspect.edit', { connectionId, bucket, keys: ['big.bin'], edit: { metadata: { put: { reviewed: 'yes' } } } }),
    );
    expect(result.items).toEqual([expect.objectContaining({ ok: true, method: 'multipart-copy' })]);
    expect(sha256(await objectBytes(srv, bucket, 'big.bin'))).toBe(sha256(body));
    const d = await expectOk<ObjectInspection>(
      core.dispatch('inspect.object', { item: { kind: 's3', connectionId, bucket, key: 'big.bin' } }),
    );
    expect(d.metadata).toEqual({ owner: 'ada', reviewed: 'yes' });
    expect(d.general).toMatchObject({ contentType: 'application/x-ferry', etagKind: 'multipart', partCount: 3 });
    expect(d.tags).toEqual({ state: 'ok', value: [{ key: 'keep', value: 'yes' }] });
  });
});

const minio = server('minio');
describe.skipIf(!minio)('editing on a versioned, object-lock bucket (MinIO)', () => {
  const srv = minio as TestServer;
  const t = new CoreUnderTest();
  const bucket = uniqueBucket('edit-lock');
  const until = new Date(Date.now() + 24 * 3600 * 1000);
  until.setUTCMilliseconds(0);
  let connectionId = '';
  beforeAll(async () => {
    connectionId = await t.connect(srv);
    await createLockedBucket(srv, bucket);
    await sdkClient(srv).send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: 'held.txt',
        Body: 'held',
        Metadata: { owner: 'ada' },
        Tagging: 'team=blue',
        ObjectLockMode: 'GOVERNANCE',
        ObjectLockRetainUntilDate: until,
        ObjectLockLegalHoldStatus: 'ON',
      }),
    );
  });
  afterAll(() => t.dispose());

  it('creates a new version that keeps retention, legal hold, tags and metadata, and says so', async () => {
    const item = { kind: 's3', connectionId, bucket, key: 'held.txt' } as const;
    const result = await t.call<EditResult>('inspect.edit', {
      connectionId,
      bucket,
      keys: ['held.txt'],
      edit: { headers: { contentType: 'text/plain' } },
    });
    expect(result.newVersions).toBe(true);
    expect(result.items[0]?.newVersionId).toEqual(expect.any(String));
    const d = await t.call<ObjectInspection>('inspect.object', { item });
    expect(d.general.versionId).toBe(result.items[0]?.newVersionId);
    expect(d.general.contentType).toBe('text/plain');
    expect(d.metadata).toEqual({ owner: 'ada' });
    expect(d.tags).toEqual({ state: 'ok', value: [{ key: 'team', value: 'blue' }] });
    expect(d.lock).toEqual({ state: 'ok', value: { legalHold: true, retention: { mode: 'GOVERNANCE', until: until.toISOString() } } });
    expect(d.versions.state === 'ok' && d.versions.value.versions).toHaveLength(2);
  });

  it('edits tags through the tagging calls without a new version', async () => {
    const result = await t.call<EditResult>('inspect.editTags', {
      connectionId,
      bucket,
      keys: ['held.txt'],
      edit: { put: { stage: 'final' }, remove: ['team'] },
    });
    expect(result.items).toEqual([{ key: 'held.txt', ok: true, method: 'tagging' }]);
    expect(await tagsOf(srv, bucket, 'held.txt')).toEqual(['stage=final']);
    const d = await t.call<ObjectInspection>('inspect.object', { item: { kind: 's3', connectionId, bucket, key: 'held.txt' } });
    expect(d.versions.state === 'ok' && d.versions.value.versions).toHaveLength(2);
  });
});
