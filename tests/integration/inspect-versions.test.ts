/**
 * Versions on MinIO: restoring an older one makes its bytes current (verified, for a multipart version by its
 * bytes' hash and its ETag); deleting one removes only that one.
 */
import { GetObjectCommand, HeadObjectCommand, PutBucketVersioningCommand } from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EditItemResult, ObjectInspection, ObjectVersion } from '../../app/api/inspect-types';
import type { TestServer } from '../../e2e/servers/harness';
import { connectCore, coreWithCopyLimit, putMultipart, putVersion } from './inspect-support';
import { CoreUnderTest, createBucket, expectOk, objectBytes, sdkClient, server, sha256, uniqueBucket } from './support';

const minio = server('minio');

describe.skipIf(!minio)('object versions on MinIO', () => {
  const srv = minio as TestServer;
  const t = new CoreUnderTest();
  const bucket = uniqueBucket('versions');
  const ids: string[] = [];
  let connectionId = '';
  const item = () => ({ kind: 's3', connectionId, bucket, key: 'notes.md' }) as const;
  const versions = async (): Promise<ObjectVersion[]> => {
    const d = await t.call<ObjectInspection>('inspect.object', { item: item() });
    if (d.versions.state !== 'ok') throw new Error(d.versions.message);
    return d.versions.value.versions;
  };

  beforeAll(async () => {
    connectionId = await t.connect(srv);
    await createBucket(srv, bucket);
    await sdkClient(srv).send(new PutBucketVersioningCommand({ Bucket: bucket, VersioningConfiguration: { Status: 'Enabled' } }));
    for (const [n, text] of ['first draft\n', 'second draft, longer\n', 'third\n'].entries()) {
      ids.push((await putVersion(srv, bucket, 'notes.md', text, { Metadata: { draft: String(n + 1) }, Tagging: `n=${n + 1}` })) ?? '');
    }
  });
  afterAll(() => t.dispose());

  it('restores the first version over the current one: its bytes, metadata and tags become current', async () => {
    const result = await t.call<EditItemResult>('inspect.restoreVersion', { item: item(), versionId: ids[0] });
    expect(result).toMatchObject({ ok: true, method: 'copy', newVersionId: expect.any(String) });
    expect((await objectBytes(srv, bucket, 'notes.md')).toString()).toBe('first draft\n');
    const d = await t.call<ObjectInspection>('inspect.object', { item: item() });
    expect(d.metadata).toEqual({ draft: '1' });
    expect(d.tags).toEqual({ state: 'ok', value: [{ key: 'n', value: '1' }] });
    const list = await versions();
    expect(list).toHaveLength(4);
    expect(list[0]).toMatchObject({ versionId: result.newVersionId, isLatest: true, size: 12 });
  });

  it('refuses to delete a version unless told it is permanent', async () => {
    const out = await t.core.dispatch('inspect.deleteVersion', { item: item(), versionId: ids[1] });
    expect(out).toMatchObject({ ok: false, error: { code: 'invalid-arguments', message: expect.stringMatching(/permanent/) } });
    expect((await versions()).map((v) => v.versionId)).toContain(ids[1]);
  });

  it('deletes exactly one version and leaves the others', async () => {
    const before = (await versions()).map((v) => v.versionId);
    await t.call('inspect.deleteVersion', { item: item(), versionId: ids[1], permanent: true });
    const after = (await versions()).map((v) => v.versionId);
    expect(after).toEqual(before.filter((id) => id !== ids[1]));
    expect((await objectBytes(srv, bucket, 'notes.md')).toString()).toBe('first draft\n');
  });
});

/** Restoring a version made of parts: the bytes hashed against that version's own, and the ETag's shape as the path implies. */
describe.skipIf(!minio)('restoring a multipart version on MinIO', () => {
  const srv = minio as TestServer;
  const bucket = uniqueBucket('mpversions');
  // Above 8 MiB the rewrite takes the multipart copy path (lowered from 5 GiB), in 6 MiB parts unless it follows the source.
  const core = coreWithCopyLimit(8 * 1024 * 1024, 6 * 1024 * 1024);
  let connectionId = '';
  let old: { versionId: string; etag: string; bytes: Buffer } = { versionId: '', etag: '', bytes: Buffer.alloc(0) };
  const item = { kind: 's3', bucket, key: 'video.bin' } as const;

  beforeAll(async () => {
    connectionId = await connectCore(core, srv);
    await createBucket(srv, bucket);
    await sdkClient(srv).send(new PutBucketVersioningCommand({ Bucket: bucket, VersioningConfiguration: { Status: 'Enabled' } }));
    // Three parts of 5 MiB, each a different byte, then a small plain version on top.
    const bytes = await putMultipart(srv, bucket, 'video.bin', 3);
    const head = await sdkClient(srv).send(new HeadObjectCommand({ Bucket: bucket, Key: 'video.bin' }));
    old = { versionId: head.VersionId ?? '', etag: head.ETag ?? '', bytes };
    await putVersion(srv, bucket, 'video.bin', 'replaced');
  });
  afterAll(() => core.dispose());

  const current = async () => {
    const out = await sdkClient(srv).send(new GetObjectCommand({ Bucket: bucket, Key: 'video.bin' }));
    return {
      etag: out.ETag ?? '',
      bytes: Buffer.from(await (out.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray()),
    };
  };
  const partLengths = async (versionId: string, parts: number) => {
    const lengths: number[] = [];
    for (let n = 1; n <= parts; n++) {
      const out = await sdkClient(srv).send(
        new HeadObjectCommand({ Bucket: bucket, Key: 'video.bin', VersionId: versionId, PartNumber: n }),
      );
      lengths.push(out.ContentLength ?? -1);
    }
    return lengths;
  };

  it('copies it in parts along the version’s own boundaries: same bytes, same multipart ETag', async () => {
    expect(old.etag).toMatch(/-3"$/);
    const result = await expectOk<EditItemResult>(
      core.dispatch('inspect.restoreVersion', { item: { ...item, connectionId }, versionId: old.versionId }),
    );
    expect(result).toMatchObject({ ok: true, method: 'multipart-copy', newVersionId: expect.any(String) });
    const now = await current();
    expect(sha256(now.bytes)).toBe(sha256(old.bytes));
    // Cut where the version was cut, the parts' MD5s and so the ETag are the version's own.
    expect(now.etag).toBe(old.etag);
    expect(await partLengths(result.newVersionId ?? '', 3)).toEqual([5, 5, 5].map((m) => m * 1024 * 1024));
  });

  it('below the CopyObject limit, one copy: the same bytes again', async () => {
    await putVersion(srv, bucket, 'video.bin', 'replaced again');
    const t = new CoreUnderTest();
    try {
      const id = await t.connect(srv);
      const result = await t.call<EditItemResult>('inspect.restoreVersion', {
        item: { ...item, connectionId: id },
        versionId: old.versionId,
      });
      expect(result).toMatchObject({ ok: true, method: 'copy' });
      const now = await current();
      expect(sha256(now.bytes)).toBe(sha256(old.bytes));
      // MinIO keeps a copied object's multipart ETag; a plain one would have to be the MD5 of the bytes.
      const md5 = createHash('md5').update(now.bytes).digest('hex');
      expect([old.etag, `"${md5}"`]).toContain(now.etag);
    } finally {
      t.dispose();
    }
  });
});
