import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listAwsProfiles } from '../../app/connections/aws-shared-config.js';
import { draftForAwsProfile, labelForAwsProfile } from '../../app/connections/aws-profile-draft.js';
import { profileFromDraft } from '../../app/connections/draft.js';

const dir = mkdtempSync(path.join(tmpdir(), 'ferry-aws-profile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const configFile = path.join(dir, 'config');
const credentialsFile = path.join(dir, 'credentials');
writeFileSync(
  configFile,
  [
    '[default]',
    'region = eu-west-3',
    '[profile lab]',
    'region = us-east-1',
    'endpoint_url = http://127.0.0.1:9000',
    '[profile r2]',
    'endpoint_url = https://0123456789abcdef.r2.cloudflarestorage.com',
    'region = auto',
    '[profile ops]',
    'role_arn = arn:aws:iam::123456789012:role/ops',
    'source_profile = default',
  ].join('\n'),
);
writeFileSync(
  credentialsFile,
  [
    '[default]',
    'aws_access_key_id = AKIADEFAULT',
    'aws_secret_access_key = never-in-a-draft',
    '[lab]',
    'aws_access_key_id = lab-key',
    'aws_secret_access_key = lab-secret-value',
  ].join('\n'),
);
const profiles = listAwsProfiles({ configFile, credentialsFile });
const named = (name: string) => {
  const p = profiles.find((x) => x.name === name);
  if (!p) throw new Error(`no profile ${name}`);
  return p;
};

describe('the connection a detected AWS profile stands for', () => {
  it('a profile with no endpoint is AWS in its own region, its credentials the profile itself', () => {
    const draft = draftForAwsProfile(named('default'), []);
    expect(draft).toMatchObject({
      label: 'default (AWS profile)',
      providerId: 'aws',
      endpoint: '',
      region: 'eu-west-3',
      credentialSource: 'aws-profile',
      awsProfile: 'default',
    });
    const { profile, secret } = profileFromDraft(draft);
    expect(profile.endpoint).toBe('https://s3.eu-west-3.amazonaws.com');
    expect(secret).toBeUndefined();
  });

  it('an endpoint_url picks the provider whose hosts match it, or Other S3-compatible, and is kept as typed', () => {
    const lab = draftForAwsProfile(named('lab'), []);
    expect(lab).toMatchObject({ providerId: 'other', endpoint: 'http://127.0.0.1:9000', region: 'us-east-1' });
    expect(profileFromDraft(lab).profile).toMatchObject({
      endpoint: 'http://127.0.0.1:9000',
      pathStyle: true,
      credentialSource: 'aws-profile',
    });
    expect(draftForAwsProfile(named('r2'), [])).toMatchObject({
      providerId: 'r2',
      endpoint: 'https://0123456789abcdef.r2.cloudflarestorage.com',
    });
  });

  it('a role profile is offered as well: the SDK resolves it each time it is used', () => {
    expect(draftForAwsProfile(named('ops'), [])).toMatchObject({ providerId: 'aws', credentialSource: 'aws-profile', awsProfile: 'ops' });
  });

  it('no key from the files lands in the draft', () => {
    const text = JSON.stringify(profiles.map((p) => draftForAwsProfile(p, [])));
    for (const secret of ['never-in-a-draft', 'lab-secret-value', 'AKIADEFAULT', 'lab-key']) expect(text).not.toContain(secret);
  });

  it('takes a label no connection has yet', () => {
    expect(labelForAwsProfile('lab', [])).toBe('lab (AWS profile)');
    expect(labelForAwsProfile('lab', ['lab (AWS profile)', 'lab (AWS profile) 2'])).toBe('lab (AWS profile) 3');
  });
});
