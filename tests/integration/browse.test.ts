import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Listing, ObjectDetails } from '../../app/api/types';
import { CoreUnderTest, createBucket, putObject, servers, uniqueBucket } from './support';

describe.each(servers().map((s) => [s.label, s] as const))('browsing %s through the core', (_label, srv) => {
  const t = new CoreUnderTest();
  const bucket = uniqueBucket('browse');
  let connectionId = '';

  beforeAll(async () => {
    connectionId = await t.connect(srv);
    await createBucket(srv, bucket);
    await putObject(srv, bucket, 'docs/', Buffer.alloc(0));
    await putObject(srv, bucket, 'docs/readme.txt', Buffer.from('hello ferry\n'), {
      ContentType: 'text/plain; charset=utf-8',
      Metadata: { owner: 'ada', purpose: 'test' },
    });
    await putObject(srv, bucket, 'docs/deep/nested.json', Buffer.from('{}'));
    await putObject(srv, bucket, 'top level.bin', Buffer.alloc(2048, 7));
  });
  afterAll(() => t.dispose());

  it('lists buckets', async () => {
    const listing = await t.call<Listing>('browse.list', { location: { kind: 's3', connectionId, bucket: '', prefix: '' } });
    expect(listing.entries.find((e) => e.name === bucket)).toMatchObject({ kind: 'bucket', id: bucket });
  });

  it('lists the bucket root with folders and objects', async () => {
    const listing = await t.call<Listing>('browse.list', { location: { kind: 's3', connectionId, bucket, prefix: '' } });
    expect(listing.entries.map((e) => [e.kind, e.name])).toEqual([
      ['folder', 'docs/'],
      ['object', 'top level.bin'],
    ]);
    expect(listing.entries[1]?.size).toBe(2048);
  });

  it('lists a prefix, showing its folder marker as the folder and not as an entry', async () => {
    const listing = await t.call<Listing>('browse.list', { location: { kind: 's3', connectionId, bucket, prefix: 'docs/' } });
    expect(listing.entries.map((e) => [e.kind, e.id])).toEqual([
      ['folder', 'docs/deep/'],
      ['object', 'docs/readme.txt'],
    ]);
  });

  it('inspects an object: system headers, user metadata and raw response headers', async () => {
    const d = await t.call<ObjectDetails>('object.inspect', { item: { kind: 's3', connectionId, bucket, key: 'docs/readme.txt' } });
    expect(d.size).toBe(12);
    expect(d.contentType).toBe('text/plain; charset=utf-8');
    expect(d.metadata).toEqual({ owner: 'ada', purpose: 'test' });
    expect(d.etag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(d.lastModified).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(d.headers['content-length']).toBe('12');
    expect(d.headers['x-amz-meta-owner']).toBe('ada');
  });

  it('answers a missing object with a typed not-found error', async () => {
    const out = await t.core.dispatch('object.inspect', { item: { kind: 's3', connectionId, bucket, key: 'nope.txt' } });
    expect(out).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('answers a folder in a bucket that does not exist with not-found, naming the bucket', async () => {
    const missing = uniqueBucket('never-made');
    const out = await t.core.dispatch('browse.list', { location: { kind: 's3', connectionId, bucket: missing, prefix: 'docs/' } });
    expect(out).toEqual({
      ok: false,
      error: {
        code: 'not-found',
        message: `The bucket "${missing}" does not exist: it may have been deleted, or its name is mistyped.`,
        retryable: false,
        details: { s3Code: 'NoSuchBucket' },
      },
    });
  });
});
