// Credential sources end to end against the real servers: an AWS profile
// (static, and assume-role through MinIO's own STS), the environment, and
// remotes imported from an rclone config. The profile in use is always the
// one named, never a fallback.
import { DeleteObjectsCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionSummary, DiagnosticReport, Listing, RcloneRemoteInfo } from '../../app/api/types';
import { profileFromDraft } from '../../app/connections/draft';
import { buildS3Client } from '../../app/s3/client-factory';
import { createRestrictedMinioUser, type TestServer } from '../../e2e/servers/harness';
import { createBucket, CoreUnderTest, server, uniqueBucket } from './support';

let core: CoreUnderTest;
let minio: TestServer;
const dir = mkdtempSync(path.join(tmpdir(), 'ferry-creds-'));

beforeAll(() => {
  const found = server('minio');
  if (!found) throw new Error('MinIO is needed for these tests');
  minio = found;
  core = new CoreUnderTest();
});
afterAll(() => core.dispose());

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

async function listBuckets(id: string): Promise<string[]> {
  const listing = await core.call<Listing>('browse.list', { location: { kind: 's3', connectionId: id, bucket: '', prefix: '' } });
  return listing.entries.map((e) => e.name);
}

async function failure(method: Parameters<CoreUnderTest['call']>[0], args: unknown) {
  const out = await core.core.dispatch(method, args);
  if (out.ok) throw new Error(`${method} unexpectedly succeeded`);
  return out.error;
}

describe('AWS shared config profiles', () => {
  let config = '';
  let credentials = '';
  let bucket = '';

  beforeAll(async () => {
    bucket = uniqueBucket('awsprofile');
    await createBucket(minio, bucket);
    const user = await createRestrictedMinioUser(minio, bucket, ['s3:*']);
    config = write(
      'config',
      `[default]\nregion = us-east-1\n\n[profile lab]\nregion = us-east-1\n\n[profile lab-role]\nrole_arn = arn:aws:iam::000000000000:role/ferry-test\nsource_profile = restricted\nregion = us-east-1\n`,
    );
    credentials = write(
      'credentials',
      `[default]\naws_access_key_id = ${minio.accessKeyId}\naws_secret_access_key = ${minio.secretAccessKey}\n\n` +
        `[lab]\naws_access_key_id = ${minio.accessKeyId}\naws_secret_access_key = ${minio.secretAccessKey}\n\n` +
        `[restricted]\naws_access_key_id = ${user.accessKeyId}\naws_secret_access_key = ${user.secretAccessKey}\n`,
    );
  });

  const viaProfile = (awsProfile: string) => ({
    label: `profile ${awsProfile}`,
    providerId: 'minio',
    endpoint: minio.endpoint,
    region: 'us-east-1',
    credentialSource: 'aws-profile',
    awsProfile,
    awsConfigFile: config,
    awsCredentialsFile: credentials,
  });

  it('lists the profiles of the files the user points at', async () => {
    const profiles = await core.call<{ name: string; kind: string }[]>('connections.awsProfiles', {
      configFile: config,
      credentialsFile: credentials,
    });
    expect(profiles.map((p) => [p.name, p.kind]).sort()).toEqual([
      ['default', 'static'],
      ['lab', 'static'],
      ['lab-role', 'assume-role'],
      ['restricted', 'static'],
    ]);
  });

  it('a static profile works and the connection names it', async () => {
    const added = await core.call<ConnectionSummary>('connections.add', viaProfile('lab'));
    expect(added).toMatchObject({ credentialSource: 'aws-profile', awsProfile: 'lab', secret: 'not-needed' });
    expect(await listBuckets(added.id)).toContain(bucket);
  });

  it('an assume-role profile gets temporary keys from MinIO’s STS through its source profile', async () => {
    const report = await core.call<DiagnosticReport>('connections.test', { draft: viaProfile('lab-role') });
    expect(report).toMatchObject({ ok: true });
    expect(report.steps.find((s) => s.id === 'credentials')?.detail).toContain('with a session token');
    const added = await core.call<ConnectionSummary>('connections.add', viaProfile('lab-role'));
    // The role carries the restricted user's policy: its own bucket only.
    expect(await listBuckets(added.id)).toEqual([bucket]);
  });

  it('a profile that does not exist fails naming it, even with a working default profile and AWS_PROFILE set', async () => {
    process.env.AWS_PROFILE = 'default';
    try {
      const added = await core.call<ConnectionSummary>('connections.add', viaProfile('nope'));
      const error = await failure('browse.list', { location: { kind: 's3', connectionId: added.id, bucket: '', prefix: '' } });
      expect(error.code).toBe('invalid-credentials');
      expect(error.message).toContain('AWS profile "nope"');
      const report = await core.call<DiagnosticReport>('connections.test', { id: added.id });
      expect(report).toMatchObject({ ok: false, code: 'credentials-unavailable' });
      expect(report.message).toContain('[nope]');
    } finally {
      delete process.env.AWS_PROFILE;
    }
  });
});

describe('environment variables', () => {
  afterEach(() => {
    delete process.env.AWS_ACCESS_KEY_ID;
    delete process.env.AWS_SECRET_ACCESS_KEY;
  });

  it('uses Ferry’s own environment, and names the variables when they are missing', async () => {
    const added = await core.call<ConnectionSummary>('connections.add', {
      label: 'from env',
      providerId: 'minio',
      endpoint: minio.endpoint,
      credentialSource: 'env',
    });
    const missing = await core.call<DiagnosticReport>('connections.test', { id: added.id });
    expect(missing).toMatchObject({ ok: false, code: 'credentials-unavailable' });
    expect(missing.message).toContain('AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY');
    process.env.AWS_ACCESS_KEY_ID = minio.accessKeyId;
    process.env.AWS_SECRET_ACCESS_KEY = minio.secretAccessKey;
    const report = await core.call<DiagnosticReport>('connections.test', { id: added.id });
    expect(report.ok).toBe(true);
  });
});

describe('rclone config import', () => {
  it('imports the chosen S3 remotes as working connections, keys straight into the secret store', async () => {
    const bucket = uniqueBucket('rclone');
    await createBucket(minio, bucket);
    const file = write(
      'rclone.conf',
      `[lab]\ntype = s3\nprovider = Minio\naccess_key_id = ${minio.accessKeyId}\nsecret_access_key = ${minio.secretAccessKey}\nendpoint = ${minio.endpoint}\n\n` +
        `[photos]\ntype = s3\nprovider = Cloudflare\naccess_key_id = abc\nsecret_access_key = def\nendpoint = https://f00dcafe.r2.cloudflarestorage.com\n\n` +
        `[drive]\ntype = drive\n`,
    );
    const remotes = await core.call<RcloneRemoteInfo[]>('connections.rcloneRemotes', { path: file });
    expect(remotes.map((r) => [r.name, r.providerId, r.hasKeys])).toEqual([
      ['lab', 'minio', true],
      ['photos', 'r2', true],
    ]);
    const [lab] = await core.call<ConnectionSummary[]>('connections.importRclone', { path: file, names: ['lab'] });
    expect(lab).toMatchObject({ label: 'lab', providerId: 'minio', endpoint: minio.endpoint, secret: 'session' });
    expect(await listBuckets(lab?.id ?? '')).toContain(bucket);
    const missing = await failure('connections.importRclone', { path: file, names: ['drive'] });
    expect(missing.message).toContain('has no S3 remote named "drive"');
  });
});

describe('MinIO-like servers and DeleteObjects', () => {
  it('the client sends a correct Content-MD5 with DeleteObjects, and MinIO (which checks it) accepts the delete', async () => {
    const bucket = uniqueBucket('md5');
    await createBucket(minio, bucket);
    const { profile } = profileFromDraft({
      label: 'm',
      providerId: 'minio',
      endpoint: minio.endpoint,
      region: minio.region,
      credentialSource: 'keys',
      accessKeyId: minio.accessKeyId,
      secretAccessKey: minio.secretAccessKey,
    });
    const client = buildS3Client(profile, { accessKeyId: minio.accessKeyId, secretAccessKey: minio.secretAccessKey });
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: 'a.txt', Body: 'a' }));
    const command = new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: [{ Key: 'a.txt' }] } });
    let sent: { md5?: string; body?: string } = {};
    command.middlewareStack.add(
      (next) => async (args) => {
        const r = args.request as { headers: Record<string, string>; body: string };
        sent = { md5: r.headers['content-md5'], body: r.body };
        return next(args);
      },
      { step: 'finalizeRequest', priority: 'low', name: 'testSeeDelete' },
    );
    const out = await client.send(command);
    expect(out.Deleted?.map((d) => d.Key)).toEqual(['a.txt']);
    expect(sent.md5).toBe(
      createHash('md5')
        .update(sent.body ?? '')
        .digest('base64'),
    );
    client.destroy();
  });
});
