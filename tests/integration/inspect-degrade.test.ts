/**
 * versitygw and s3rver lack some of the calls the inspector makes: each such
 * section must say so plainly while the rest still shows the object. A
 * preset that lacks a feature (Garage: no tags, ACLs, versions or lock) is
 * believed without a request.
 */
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ObjectInspection } from '../../app/api/inspect-types';
import type { TestServer } from '../../e2e/servers/harness';
import { CoreUnderTest, createBucket, sdkClient, server, uniqueBucket } from './support';

const NOT_SUPPORTED = { state: 'not-supported', message: expect.stringMatching(/^Not supported by this provider/) };

async function seeded(srv: TestServer, t: CoreUnderTest, providerId?: string) {
  const connectionId = providerId
    ? (
        await t.call<{ id: string }>('connections.add', {
          label: `${srv.label} as ${providerId}`,
          providerId,
          endpoint: srv.endpoint,
          region: srv.region,
          accessKeyId: srv.accessKeyId,
          secretAccessKey: srv.secretAccessKey,
          pathStyle: true,
        })
      ).id
    : await t.connect(srv);
  const bucket = uniqueBucket('degrade');
  await createBucket(srv, bucket);
  await sdkClient(srv).send(
    new PutObjectCommand({ Bucket: bucket, Key: 'note.txt', Body: 'hello', ContentType: 'text/plain', Metadata: { owner: 'ada' } }),
  );
  return t.call<ObjectInspection>('inspect.object', { item: { kind: 's3', connectionId, bucket, key: 'note.txt' } });
}

function expectObjectShown(d: ObjectInspection) {
  expect(d.general).toMatchObject({ key: 'note.txt', size: 5, etagKind: 'md5', contentType: 'text/plain' });
  expect(d.metadata).toEqual({ owner: 'ada' });
  expect(d.headers.raw['x-amz-meta-owner']).toBe('ada');
}

const versitygw = server('versitygw');
describe.skipIf(!versitygw)('the inspector on versitygw', () => {
  const t = new CoreUnderTest();
  afterAll(() => t.dispose());
  let d: ObjectInspection;
  beforeAll(async () => {
    d = await seeded(versitygw as TestServer, t);
  });

  it('shows the object, its tags and checksums', () => {
    expectObjectShown(d);
    expect(d.tags).toEqual({ state: 'ok', value: [] });
    expect(d.checksums.state).toBe('ok');
  });

  it('says which of its sections the server lacks, and why the others are empty', () => {
    expect(d.access).toMatchObject({ state: 'ok', value: { grants: NOT_SUPPORTED, publicRead: 'unknown' } });
    expect(d.encryption).toMatchObject({ state: 'ok', value: { kind: 'none', bucketDefault: NOT_SUPPORTED } });
    expect(d.lock).toEqual({ state: 'not-available', message: 'The bucket does not have object lock enabled.' });
    expect(d.versions).toEqual({ state: 'not-available', message: 'The bucket does not keep versions (versioning is off).' });
  });

  it('believes a preset that lacks tags, ACLs, versions and lock, without asking', async () => {
    const g = await seeded(versitygw as TestServer, t, 'garage');
    expectObjectShown(g);
    expect(g.tags).toEqual(NOT_SUPPORTED);
    expect(g.lock).toEqual(NOT_SUPPORTED);
    expect(g.versions).toEqual(NOT_SUPPORTED);
    expect(g.access).toMatchObject({ state: 'ok', value: { grants: NOT_SUPPORTED } });
  });
});

const s3rver = server('s3rver');
describe.skipIf(!s3rver)('the inspector on s3rver', () => {
  const t = new CoreUnderTest();
  afterAll(() => t.dispose());
  let d: ObjectInspection;
  beforeAll(async () => {
    d = await seeded(s3rver as TestServer, t);
  });

  it('shows the object with its metadata; it keeps no checksums or tags', () => {
    expectObjectShown(d);
    expect(d.checksums).toEqual({ state: 'ok', value: { values: [] } });
    expect(d.tags).toEqual({ state: 'ok', value: [] });
  });

  it('says object lock, bucket encryption and policy status are not supported, and versions are off', () => {
    expect(d.lock).toEqual(NOT_SUPPORTED);
    expect(d.encryption).toMatchObject({ state: 'ok', value: { kind: 'none', bucketDefault: NOT_SUPPORTED } });
    expect(d.access).toMatchObject({ state: 'ok', value: { bucketPolicyPublic: NOT_SUPPORTED, publicRead: 'unknown' } });
    expect(d.versions).toEqual({ state: 'not-available', message: 'The bucket does not keep versions (versioning is off).' });
  });
});
