/**
 * A folder larger than one ListObjectsV2 page is read page by page through
 * `browse.list`'s cursor: on every real server each key and each folder
 * comes back exactly once, the first page starts with its folders, and the
 * pages take the direct path (the SDK's pipeline never runs for them).
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Entry, Listing } from '../../app/api/types';
import { buildS3Client } from '../../app/s3/client-factory';
import { listPrefix } from '../../app/s3/browse';
import { seedEmpty } from '../../bench/lib/remote';
import { CoreUnderTest, createBucket, servers, uniqueBucket } from './support';

const OBJECTS = 2500;
const PREFIX = 'big/';
/** Folders on both sides of the objects in key order: one lands on the first page, one on the last. */
const FOLDERS = ['big/0-first/', 'big/zz-last/'];

function objectKeys(): string[] {
  // Zero-padded, with a space and a non-ASCII character in some, so decoding is exercised on every page.
  return Array.from({ length: OBJECTS }, (_, i) => `${PREFIX}item ${String(i).padStart(5, '0')}${i % 97 === 0 ? ' é' : ''}.txt`);
}

describe.each(servers().map((s) => [s.label, s] as const))('a folder of %s in pages', (_label, srv) => {
  const t = new CoreUnderTest();
  const bucket = uniqueBucket('pages');
  const keys = objectKeys();
  let connectionId = '';

  beforeAll(async () => {
    connectionId = await t.connect(srv);
    await createBucket(srv, bucket);
    await seedEmpty(srv, bucket, [...keys, ...FOLDERS.map((f) => `${f}inside.txt`), `${PREFIX}`], 16);
  });
  afterAll(() => t.dispose());

  const location = () => ({ kind: 's3' as const, connectionId, bucket, prefix: PREFIX });

  it('lists every key exactly once across pages, folders first on the first page', async () => {
    const pages: Listing[] = [];
    let cursor: string | undefined;
    do {
      const page = await t.call<Listing>('browse.list', { location: location(), ...(cursor ? { cursor } : {}) });
      pages.push(page);
      expect(page.truncated).toBe(page.nextCursor !== undefined);
      cursor = page.nextCursor;
      if (pages.length > 10) throw new Error('the listing never ended');
    } while (cursor);

    expect(pages.length).toBeGreaterThanOrEqual(3);
    const first = pages[0]?.entries ?? [];
    // Full pages, the first too: a pane's first 1,000 rows come in one round trip. (The prefix's own marker is not an entry.)
    expect(first.length).toBeGreaterThanOrEqual(999);
    expect(first.length).toBeLessThanOrEqual(1000);
    expect(pages[1]?.entries.length).toBe(1000);
    const firstObject = first.findIndex((e) => e.kind === 'object');
    expect(first[0]).toMatchObject({ kind: 'folder', id: 'big/0-first/', name: '0-first/' });
    expect(first.slice(firstObject).every((e) => e.kind === 'object')).toBe(true);

    const all: Entry[] = pages.flatMap((p) => p.entries);
    const objectIds = all.filter((e) => e.kind === 'object').map((e) => e.id);
    expect(new Set(objectIds).size).toBe(objectIds.length);
    expect([...objectIds].sort()).toEqual([...keys].sort());
    expect(all.filter((e) => e.kind === 'folder').map((e) => e.id)).toEqual(FOLDERS);
    // The prefix's own marker is the folder being shown, never a row of it.
    expect(all.some((e) => e.id === PREFIX)).toBe(false);
    expect(all.find((e) => e.id === keys[97])).toMatchObject({ kind: 'object', name: 'item 00097 é.txt', size: 0 });
  });

  it('refuses a cursor the schema or the location cannot take, naming the field', async () => {
    const empty = await t.core.dispatch('browse.list', { location: location(), cursor: '' });
    expect(empty).toMatchObject({ ok: false, error: { code: 'invalid-arguments', details: { field: 'cursor' } } });
    const huge = await t.core.dispatch('browse.list', { location: location(), cursor: 'x'.repeat(9000) });
    expect(huge).toMatchObject({ ok: false, error: { code: 'invalid-arguments', details: { field: 'cursor' } } });
    const onBuckets = await t.core.dispatch('browse.list', {
      location: { kind: 's3', connectionId, bucket: '', prefix: '' },
      cursor: 'abc',
    });
    expect(onBuckets).toMatchObject({ ok: false, error: { code: 'invalid-arguments', details: { field: 'cursor' } } });
  });
});

describe.each(servers().map((s) => [s.label, s] as const))('listing pages on %s', (_label, srv) => {
  let client: S3Client;
  let pipelineRuns = 0;
  const bucket = uniqueBucket('pagedirect');

  beforeAll(async () => {
    client = buildS3Client(
      { endpoint: srv.endpoint, region: srv.region, pathStyle: true },
      { accessKeyId: srv.accessKeyId, secretAccessKey: srv.secretAccessKey },
      { direct: true },
    );
    client.middlewareStack.add(
      (next) => (args) => {
        pipelineRuns++;
        return next(args);
      },
      { step: 'initialize', name: 'countPipelineRuns' },
    );
    await createBucket(srv, bucket);
    await seedEmpty(srv, bucket, ['a/one.txt', 'a/two.txt', 'a/sub/three.txt']);
  });
  afterAll(() => client.destroy());

  it('skip the SDK pipeline and give the same entries', async () => {
    const listing = await listPrefix(client, { kind: 's3', connectionId: 'c', bucket, prefix: 'a/' }, new AbortController().signal);
    expect(pipelineRuns).toBe(0);
    expect(listing.entries.map((e) => [e.kind, e.id])).toEqual([
      ['folder', 'a/sub/'],
      ['object', 'a/one.txt'],
      ['object', 'a/two.txt'],
    ]);
    expect(listing).toMatchObject({ truncated: false });
    expect(listing.nextCursor).toBeUndefined();
  });

  it('stop when asked: an aborted page fails as aborted, without retrying', async () => {
    const stop = new AbortController();
    stop.abort(new Error('stopped by the test'));
    await expect(listPrefix(client, { kind: 's3', connectionId: 'c', bucket, prefix: 'a/' }, stop.signal)).rejects.toThrow(
      'stopped by the test',
    );
  });
});
