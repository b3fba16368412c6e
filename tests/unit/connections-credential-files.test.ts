// Credential files as users have them: an AWS config with static,
// assume-role and SSO profiles, an rclone config with several S3 remotes,
// and the malformed and encrypted files Ferry must refuse with a line number.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listAwsProfiles } from '../../app/connections/aws-shared-config';
import { profileFromDraft } from '../../app/connections/draft';
import { describeRcloneRemotes, readRcloneRemotes } from '../../app/connections/rclone-config';

const dir = mkdtempSync(path.join(tmpdir(), 'ferry-credfiles-'));
function file(name: string, text: string): string {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
}

const AWS_CONFIG = `# Ferry test config
[default]
region = us-east-1

[profile dev]
region = eu-west-1
role_arn = arn:aws:iam::123456789012:role/Developer
source_profile = default
s3 =
  endpoint_url = https://s3.eu-west-1.amazonaws.com
  max_concurrent_requests = 20

[profile sso-admin]
sso_session = corp
sso_account_id = 111122223333
sso_role_name = AdministratorAccess
region = eu-central-1

[sso-session corp]
sso_start_url = https://corp.awsapps.example/start
sso_region = eu-central-1
sso_registration_scopes = sso:account:access

[profile legacy-sso]
sso_start_url = https://legacy.awsapps.example/start
sso_region = us-east-1
sso_account_id = 444455556666
sso_role_name = ReadOnly

[profile minio-local]
endpoint_url = http://127.0.0.1:9000   ; the lab MinIO
region = us-east-1

[profile tool]
credential_process = /usr/local/bin/get-creds --profile tool
`;

const AWS_CREDENTIALS = `[default]
aws_access_key_id = AKIDDEFAULT
aws_secret_access_key = default-secret-value

[minio-local]
aws_access_key_id = minioadmin
aws_secret_access_key = minio-secret-value
aws_session_token = token-value
`;

describe('AWS shared config and credentials', () => {
  const profiles = listAwsProfiles({ configFile: file('config', AWS_CONFIG), credentialsFile: file('credentials', AWS_CREDENTIALS) });
  const byName = (name: string) => profiles.find((p) => p.name === name);

  it('finds every profile of both files, by name, and nothing that is not a profile', () => {
    expect(profiles.map((p) => p.name).sort()).toEqual(['default', 'dev', 'legacy-sso', 'minio-local', 'sso-admin', 'tool']);
  });

  it('reads a static profile from both files', () => {
    expect(byName('default')).toMatchObject({
      kind: 'static',
      region: 'us-east-1',
      definedIn: ['config', 'credentials'],
      hasSessionToken: false,
    });
    expect(byName('minio-local')).toMatchObject({ kind: 'static', endpointUrl: 'http://127.0.0.1:9000', hasSessionToken: true });
  });

  it('reads an assume-role profile with its source profile and the nested s3 endpoint', () => {
    expect(byName('dev')).toMatchObject({
      kind: 'assume-role',
      roleArn: 'arn:aws:iam::123456789012:role/Developer',
      sourceProfile: 'default',
      region: 'eu-west-1',
      endpointUrl: 'https://s3.eu-west-1.amazonaws.com',
    });
  });

  it('reads SSO profiles, with an sso-session and in the legacy form', () => {
    expect(byName('sso-admin')).toMatchObject({
      kind: 'sso',
      ssoSession: 'corp',
      ssoStartUrl: 'https://corp.awsapps.example/start',
      ssoAccountId: '111122223333',
      ssoRoleName: 'AdministratorAccess',
    });
    expect(byName('legacy-sso')).toMatchObject({
      kind: 'sso',
      ssoStartUrl: 'https://legacy.awsapps.example/start',
      ssoRoleName: 'ReadOnly',
    });
    expect(byName('tool')?.kind).toBe('process');
  });

  it('never lets a key into what it lists', () => {
    const text = JSON.stringify(profiles);
    for (const secret of ['default-secret-value', 'minio-secret-value', 'token-value', 'AKIDDEFAULT']) expect(text).not.toContain(secret);
  });

  it.each([
    ['[profile broken\nregion = x\n', 1, 'closing "]"'],
    ['[default]\nregion = us-east-1\nthis line has no equals sign\n', 3, 'expected "key = value"'],
    ['region = us-east-1\n[default]\n', 1, 'before any [section]'],
    ['[default]\n\n\n[]\n', 4, 'needs a name'],
  ])('a malformed config file is refused with its line number (%#)', (text, line, words) => {
    const config = file(`bad-${line}-${words.length}`, text);
    let caught: unknown;
    try {
      listAwsProfiles({ configFile: config, credentialsFile: path.join(dir, 'absent') });
    } catch (err) {
      caught = err;
    }
    expect(caught).toMatchObject({ code: 'invalid-arguments', details: { line, file: config } });
    expect((caught as Error).message).toContain(`line ${line}:`);
    expect((caught as Error).message).toContain(words);
  });
});

const RCLONE = `[r2-photos]
type = s3
provider = Cloudflare
access_key_id = r2-key-id
secret_access_key = r2-secret-value
endpoint = https://f00dcafe.r2.cloudflarestorage.com
acl = private

[aws-archive]
type = s3
provider = AWS
env_auth = false
access_key_id = AKIDARCHIVE
secret_access_key = aws-secret-value
region = eu-central-1
location_constraint = eu-central-1

[lab-minio]
type = s3
provider = Minio
access_key_id = minioadmin
secret_access_key = minio-secret-value
endpoint = http://127.0.0.1:9000
force_path_style = true

[wasabi]
type = s3
provider = Wasabi
access_key_id = wasabi-key
secret_access_key = wasabi-secret-value
endpoint = s3.eu-central-2.wasabisys.com
region = eu-central-2

[from-env]
type = s3
provider = AWS
env_auth = true
region = us-west-2

[gdrive]
type = drive
scope = drive
token = {"access_token":"not-s3"}

[keyless]
type = s3
provider = Other
endpoint = https://s3.example.test
`;

describe('rclone config', () => {
  const remotes = readRcloneRemotes(file('rclone.conf', RCLONE));
  const byName = (name: string) => remotes.find((r) => r.name === name);

  it('lists the S3 remotes only, each mapped to a Ferry preset', () => {
    expect(remotes.map((r) => r.name)).toEqual(['r2-photos', 'aws-archive', 'lab-minio', 'wasabi', 'from-env', 'keyless']);
    expect(remotes.map((r) => r.providerId)).toEqual(['r2', 'aws', 'minio', 'wasabi', 'aws', 'other']);
  });

  it('turns each remote into the connection it describes', () => {
    expect(profileFromDraft(byName('r2-photos')?.draft ?? fail()).profile).toMatchObject({
      providerId: 'r2',
      endpoint: 'https://f00dcafe.r2.cloudflarestorage.com',
      region: 'auto',
      accessKeyId: 'r2-key-id',
    });
    expect(profileFromDraft(byName('aws-archive')?.draft ?? fail()).profile).toMatchObject({
      providerId: 'aws',
      endpoint: 'https://s3.eu-central-1.amazonaws.com',
      region: 'eu-central-1',
      pathStyle: false,
    });
    const minio = profileFromDraft(byName('lab-minio')?.draft ?? fail());
    expect(minio.profile).toMatchObject({ providerId: 'minio', endpoint: 'http://127.0.0.1:9000', pathStyle: true });
    expect(minio.secret).toEqual({ secretAccessKey: 'minio-secret-value' });
    expect(profileFromDraft(byName('wasabi')?.draft ?? fail()).profile).toMatchObject({
      endpoint: 'https://s3.eu-central-2.wasabisys.com',
      region: 'eu-central-2',
    });
    expect(byName('from-env')?.draft).toMatchObject({ credentialSource: 'env', region: 'us-west-2' });
  });

  it('names what stops a remote from being imported', () => {
    expect(byName('keyless')?.problem).toMatch(/line \d+: the remote has no access_key_id/);
    expect(byName('keyless')?.draft).toBeUndefined();
  });

  it('describes remotes to the renderer without their keys', () => {
    const text = JSON.stringify(describeRcloneRemotes(remotes));
    for (const secret of ['r2-secret-value', 'aws-secret-value', 'minio-secret-value', 'wasabi-secret-value'])
      expect(text).not.toContain(secret);
  });

  it('refuses an encrypted config, saying so and how to get a plain one', () => {
    const encrypted = file('encrypted.conf', '# Encrypted rclone configuration File\n\nRCLONE_ENCRYPT_V0:\nXg0ZmFrZS1jaXBoZXJ0ZXh0\n');
    expect(() => readRcloneRemotes(encrypted)).toThrow(/encrypted with rclone's config password \(line 3\).*rclone config show/);
  });

  it('refuses a malformed config with its line number', () => {
    const bad = file('bad-rclone.conf', '[ok]\ntype = s3\n\n[broken\ntype = s3\n');
    expect(() => readRcloneRemotes(bad)).toThrow(`${bad}, line 4: a section header needs a closing "]"`);
  });
});

function fail(): never {
  throw new Error('expected a draft');
}
