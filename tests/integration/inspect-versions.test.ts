/** Versions on MinIO: restoring an older one makes its bytes current (verified); deleting one removes only that one. */
import { PutBucketVersioningCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EditItemResult, ObjectInspection, ObjectVersion } from '../../app/api/inspect-types';
import type { TestServer } from '../../e2e/servers/harness';
import { putVersion } from './inspect-support';
import { CoreUnderTest, createBucket, objectBytes, sdkClient, server, uniqueBucket } from './support';

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
