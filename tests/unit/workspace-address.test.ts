import { describe, expect, it } from 'vitest';
import type { ConnectionSummary, Location } from '../../app/api/types';
import { formatAddress, parseAddress, type AddressContext } from '../../renderer/src/workspace/address';

const conn = (id: string, label: string, endpoint: string, providerId: string, region = 'us-east-1'): ConnectionSummary => ({
  id,
  label,
  endpoint,
  region,
  pathStyle: true,
  accessKeyId: 'AKID',
  providerId,
});

const connections = [
  conn('m', 'minio', 'http://127.0.0.1:9000', 'minio'),
  conn('aws-eu', 'AWS Ireland', 'https://s3.eu-west-1.amazonaws.com', 'aws', 'eu-west-1'),
  conn('aws-us', 'AWS', 'https://s3.us-east-1.amazonaws.com', 'aws', 'us-east-1'),
  conn('r2', 'r2 prod', 'https://0123456789abcdef0123456789abcdef.r2.cloudflarestorage.com', 'r2', 'auto'),
  conn('b2', 'b2', 'https://s3.us-west-004.backblazeb2.com', 'b2', 'us-west-004'),
  conn('gcs', 'gcs', 'https://storage.googleapis.com', 'gcs', 'auto'),
  conn('do', 'spaces', 'https://fra1.digitaloceanspaces.com', 'digitalocean', 'fra1'),
  conn('odd', 'odd:name', 'http://10.0.0.5:9000', 'other'),
];
const onMinio: Location = { kind: 's3', connectionId: 'm', bucket: 'b', prefix: '' };
const onLocal: Location = { kind: 'local', path: '/home/ann' };
const ctx = (current: Location = onMinio): AddressContext => ({ connections, current, homeDir: '/home/ann' });

function s3(text: string, current?: Location) {
  const parsed = parseAddress(text, ctx(current));
  if (!parsed.ok) throw new Error(`refused ${text}: ${parsed.error}`);
  return parsed.address;
}
function refusal(text: string, current?: Location): string {
  const parsed = parseAddress(text, ctx(current));
  if (parsed.ok) throw new Error(`accepted ${text}`);
  return parsed.error;
}

describe('address bar: forms that are understood', () => {
  it('s3:// opens on the pane’s connection', () => {
    expect(s3('s3://photos/2024/')).toEqual({ kind: 's3', connectionId: 'm', bucket: 'photos', key: '2024/' });
    expect(s3('  s3://photos  ')).toEqual({ kind: 's3', connectionId: 'm', bucket: 'photos', key: '' });
  });

  it('NAME:bucket/prefix picks the connection by name, the longest name first and case aside', () => {
    expect(s3('MINIO:photos/a/b.jpg', onLocal)).toEqual({ kind: 's3', connectionId: 'm', bucket: 'photos', key: 'a/b.jpg' });
    expect(s3('odd:name:data/x/', onLocal)).toEqual({ kind: 's3', connectionId: 'odd', bucket: 'data', key: 'x/' });
    expect(s3('AWS Ireland:logs/', onLocal)).toMatchObject({ connectionId: 'aws-eu', bucket: 'logs' });
    expect(s3('minio:', onLocal)).toEqual({ kind: 's3', connectionId: 'm', bucket: '', key: '' });
  });

  it('AWS URLs, virtual-hosted and path-style, go to the connection in that region', () => {
    expect(s3('https://logs.s3.eu-west-1.amazonaws.com/2024/a.gz')).toEqual({
      kind: 's3',
      connectionId: 'aws-eu',
      bucket: 'logs',
      key: '2024/a.gz',
    });
    expect(s3('https://s3.us-east-1.amazonaws.com/logs/x/')).toEqual({ kind: 's3', connectionId: 'aws-us', bucket: 'logs', key: 'x/' });
    expect(s3('https://logs.s3-eu-west-1.amazonaws.com/k')).toMatchObject({ connectionId: 'aws-eu' });
    // A bucket in a region no connection names still opens on an AWS connection: the client follows the region.
    expect(s3('https://logs.s3.ap-south-1.amazonaws.com/k', onLocal)).toMatchObject({ kind: 's3', bucket: 'logs', key: 'k' });
    expect(s3('https://my.dotted.bucket.s3.amazonaws.com/k%20with%20space')).toMatchObject({
      bucket: 'my.dotted.bucket',
      key: 'k with space',
    });
  });

  it('R2, B2 (both URL forms), GCS (and gs://) and DigitalOcean URLs', () => {
    expect(s3('https://0123456789abcdef0123456789abcdef.r2.cloudflarestorage.com/assets/img/')).toMatchObject({
      connectionId: 'r2',
      bucket: 'assets',
      key: 'img/',
    });
    expect(s3('https://s3.us-west-004.backblazeb2.com/backups/db.tar')).toMatchObject({
      connectionId: 'b2',
      bucket: 'backups',
      key: 'db.tar',
    });
    expect(s3('https://f004.backblazeb2.com/file/backups/db.tar')).toMatchObject({ connectionId: 'b2', bucket: 'backups', key: 'db.tar' });
    expect(s3('https://storage.googleapis.com/public-data/x.csv')).toMatchObject({
      connectionId: 'gcs',
      bucket: 'public-data',
      key: 'x.csv',
    });
    expect(s3('gs://public-data/x/')).toMatchObject({ connectionId: 'gcs', bucket: 'public-data', key: 'x/' });
    expect(s3('https://media.fra1.digitaloceanspaces.com/v/a.mp4')).toMatchObject({ connectionId: 'do', bucket: 'media', key: 'v/a.mp4' });
    expect(s3('https://fra1.digitaloceanspaces.com/media/')).toMatchObject({ connectionId: 'do', bucket: 'media', key: '' });
  });

  it('a connection’s own endpoint, path-style or with the bucket in the host', () => {
    expect(s3('http://127.0.0.1:9000/photos/a.jpg', onLocal)).toEqual({ kind: 's3', connectionId: 'm', bucket: 'photos', key: 'a.jpg' });
    // The endpoint alone is the connection's bucket list.
    expect(s3('https://s3.eu-west-1.amazonaws.com/', onLocal)).toEqual({ kind: 's3', connectionId: 'aws-eu', bucket: '', key: '' });
  });

  it('local paths: absolute, home-relative, Windows drives; a trailing slash is the same folder', () => {
    expect(s3('/var/log/')).toEqual({ kind: 'local', path: '/var/log' });
    expect(s3('~/Downloads')).toEqual({ kind: 'local', path: '/home/ann/Downloads' });
    expect(s3('C:\\Users\\ann')).toEqual({ kind: 'local', path: 'C:\\Users\\ann' });
    expect(s3('/')).toEqual({ kind: 'local', path: '/' });
  });
});

describe('address bar: what is refused, and what it says', () => {
  it('names the part it did not understand', () => {
    expect(refusal('')).toMatch(/Type an address/);
    expect(refusal('ftp://host/x')).toMatch(/does not open ftp:\/\//);
    expect(refusal('nobody:bucket/x')).toMatch(/No connection is named "nobody" \(there are: minio, /);
    expect(refusal('relative/path')).toMatch(/"relative\/path" is not an address Ferry can read/);
    expect(refusal('s3://Bad*Name/x')).toMatch(/"Bad\*Name" in s3:\/\/Bad\*Name\/x is not a bucket name/);
    expect(refusal('s3://photos/x', onLocal)).toMatch(/this pane shows local files/);
    expect(refusal('https://example.com/a/b')).toMatch(/does not know the storage service at example\.com/);
    expect(refusal('https://media.s3.eu-central-2.wasabisys.com/k', onLocal)).toMatch(/is on Wasabi \(eu-central-2\), and no connection/);
    expect(refusal('https://storage.cloud.google.com/')).toMatch(/names no bucket/);
    expect(refusal(`minio:bkt/${'k'.repeat(1025)}`)).toMatch(/over 1,024 bytes/);
  });
});

describe('address bar: what it shows', () => {
  it('writes the complete NAME:bucket/prefix form, which reads back to the same place', () => {
    const at: Location = { kind: 's3', connectionId: 'odd', bucket: 'data', prefix: 'x/y/' };
    const text = formatAddress(at, connections);
    expect(text).toBe('odd:name:data/x/y/');
    expect(s3(text, onLocal)).toEqual({ kind: 's3', connectionId: 'odd', bucket: 'data', key: 'x/y/' });
    expect(formatAddress({ kind: 's3', connectionId: 'm', bucket: '', prefix: '' }, connections)).toBe('minio:');
  });
});
