/**
 * An edit keeps the ACL's grants beyond the owner's, on every server that
 * keeps such grants at all; where a server does not, the test says so and
 * is skipped (found out on the server, not assumed). Of the test servers
 * today none does: MinIO, versitygw and s3rver all answer PutObjectAcl with
 * NotImplemented, so this runs where a server with object ACLs is added.
 */
import { GetObjectAclCommand, PutObjectAclCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EditResult, ObjectInspection } from '../../app/api/inspect-types';
import { CoreUnderTest, createBucket, sdkClient, servers, uniqueBucket } from './support';

const ALL_USERS = 'http://acs.amazonaws.com/groups/global/AllUsers';

describe.each(servers().map((s) => [s.label, s] as const))('ACL grants kept by an edit on %s', (_label, srv) => {
  const t = new CoreUnderTest();
  const bucket = uniqueBucket('acl');
  let connectionId = '';
  /** Why this server cannot take part, or '' when it keeps a grant beyond the owner's. */
  let without = '';

  const publicGrants = async () => {
    const acl = await sdkClient(srv).send(new GetObjectAclCommand({ Bucket: bucket, Key: 'shared.txt' }));
    return (acl.Grants ?? []).filter((g) => g.Grantee?.URI === ALL_USERS).map((g) => g.Permission);
  };

  beforeAll(async () => {
    connectionId = await t.connect(srv);
    await createBucket(srv, bucket);
    await sdkClient(srv).send(new PutObjectCommand({ Bucket: bucket, Key: 'shared.txt', Body: 'for everyone', ContentType: 'text/plain' }));
    try {
      const owner = (await sdkClient(srv).send(new GetObjectAclCommand({ Bucket: bucket, Key: 'shared.txt' }))).Owner;
      await sdkClient(srv).send(
        new PutObjectAclCommand({
          Bucket: bucket,
          Key: 'shared.txt',
          AccessControlPolicy: {
            ...(owner ? { Owner: owner } : {}),
            Grants: [
              ...(owner?.ID ? [{ Grantee: { Type: 'CanonicalUser' as const, ID: owner.ID }, Permission: 'FULL_CONTROL' as const }] : []),
              { Grantee: { Type: 'Group' as const, URI: ALL_USERS }, Permission: 'READ' as const },
            ],
          },
        }),
      );
      if (!(await publicGrants()).includes('READ')) without = `${srv.label} takes PutObjectAcl but keeps no grant beyond the owner's`;
    } catch (err) {
      without = `${srv.label} has no object ACLs (${(err as Error).name})`;
    }
  });
  afterAll(() => t.dispose());

  it('a content-type edit keeps an AllUsers READ grant, and the inspector shows the object as public', async ({ skip }) => {
    if (without) return skip(without);
    const inspect = () => t.call<ObjectInspection>('inspect.object', { item: { kind: 's3', connectionId, bucket, key: 'shared.txt' } });
    expect((await inspect()).access).toMatchObject({ state: 'ok', value: { publicRead: true } });
    const result = await t.call<EditResult>('inspect.edit', {
      connectionId,
      bucket,
      keys: ['shared.txt'],
      edit: { headers: { contentType: 'text/markdown' } },
    });
    expect(result.items[0]).toMatchObject({ ok: true });
    expect(await publicGrants()).toEqual(['READ']);
    const after = await inspect();
    expect(after.headers.values.contentType).toBe('text/markdown');
    expect(after.access).toMatchObject({ state: 'ok', value: { publicRead: true } });
  });
});
