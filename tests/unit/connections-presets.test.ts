// Every preset, through the real SDK client Ferry builds from it: the request
// it would send (host, path, signing region, checksum and Content-MD5
// headers) is captured after signing, just before it would leave the machine.
import { DeleteObjectsCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { profileFromDraft } from '../../app/connections/draft';
import { clientSettings } from '../../app/providers/client-settings';
import { PRESETS, providerCatalogue } from '../../app/providers/presets';
import { buildS3Client } from '../../app/s3/client-factory';

interface Sent {
  hostname: string;
  path: string;
  headers: Record<string, string>;
}

class Captured extends Error {
  constructor(readonly sent: Sent) {
    super('captured');
  }
}

/** Stops the request after signing and hands back what would have gone on the wire. */
async function capture(client: S3Client, command: ListObjectsV2Command | PutObjectCommand | DeleteObjectsCommand): Promise<Sent> {
  const stack = command.middlewareStack as ListObjectsV2Command['middlewareStack'];
  stack.add(
    () => async (args) => {
      const r = args.request as { hostname: string; path: string; headers: Record<string, string> };
      throw new Captured({ hostname: r.hostname, path: r.path, headers: r.headers });
    },
    { step: 'deserialize', priority: 'low', name: 'testCapture' },
  );
  // One function for three command types: the SDK's overloads cannot take the union.
  const send = client.send.bind(client) as (c: typeof command) => Promise<unknown>;
  try {
    await send(command);
  } catch (err) {
    if (err instanceof Captured) return err.sent;
    throw err;
  }
  throw new Error('the request was not captured');
}

const fieldValues = { accountId: 'f00dcafe', location: 'fsn1', namespace: 'axyz123' };
const SELF_HOSTED = 'https://storage.example.test:9443';

function draftFor(id: string) {
  const preset = PRESETS.find((p) => p.id === id);
  if (!preset) throw new Error(id);
  const region = preset.fields.includes('location') ? '' : (preset.regions.at(-1)?.id ?? preset.defaultRegion);
  return {
    label: preset.name,
    providerId: id,
    endpoint: preset.fields.includes('endpoint') ? SELF_HOSTED : '',
    region,
    pathStyle: !preset.pathStyle, // ask for the other style: fixed presets must ignore it
    ...fieldValues,
    credentialSource: 'keys' as const,
    accessKeyId: 'AKIDFERRYTEST',
    secretAccessKey: 'not-a-real-secret',
  };
}

/** The test's own reading of a template, independent of Ferry's. */
function expectedHost(template: string | undefined, region: string): string {
  if (!template) return new URL(SELF_HOSTED).hostname;
  const filled = template
    .replace('{region}', region)
    .replace('{accountId}', fieldValues.accountId)
    .replace('{location}', fieldValues.location)
    .replace('{namespace}', fieldValues.namespace);
  return new URL(filled).hostname;
}

describe('provider presets', () => {
  it('cover at least twenty providers plus "Other S3-compatible", each with a unique id', () => {
    const ids = PRESETS.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.filter((id) => id !== 'other').length).toBeGreaterThanOrEqual(20);
    for (const id of [
      'aws',
      'r2',
      'b2',
      'tigris',
      'wasabi',
      'gcs',
      'digitalocean',
      'hetzner',
      'scaleway',
      'ovh',
      'idrive',
      'storj',
      'minio',
      'ceph',
      'oracle',
      'ibm',
      'alibaba',
      'linode',
      'exoscale',
      'vultr',
      'other',
    ]) {
      expect(ids).toContain(id);
    }
    expect(providerCatalogue().find((p) => p.id === 'other')?.name).toBe('Other S3-compatible');
  });

  it.each(PRESETS.map((p) => [p.name, p.id]))(
    '%s: the client sends to the right host, region, style and checksum settings',
    async (_name, id) => {
      const preset = PRESETS.find((p) => p.id === id);
      if (!preset) throw new Error(id);
      const { profile } = profileFromDraft(draftFor(id));
      const region = profile.region;
      const settings = clientSettings(profile);
      const client = buildS3Client(profile, { accessKeyId: 'AKIDFERRYTEST', secretAccessKey: 'not-a-real-secret' });
      try {
        const host = expectedHost(preset.endpointTemplate, region);
        const signingRegion = preset.signingRegion ?? region;
        expect(await client.config.region()).toBe(signingRegion);
        expect(client.config.forcePathStyle).toBe(preset.pathStyleFixed ? preset.pathStyle : !preset.pathStyle);

        const list = await capture(client, new ListObjectsV2Command({ Bucket: 'ferry-bucket' }));
        if (client.config.forcePathStyle) {
          expect(list.hostname).toBe(host);
          expect(list.path.startsWith('/ferry-bucket')).toBe(true);
        } else {
          expect(list.hostname).toBe(`ferry-bucket.${host}`);
          expect(list.path.startsWith('/ferry-bucket')).toBe(false);
        }
        expect(list.headers.authorization).toContain(`/${signingRegion}/s3/aws4_request`);

        const wantChecksums = preset.checksumMode === 'when-supported';
        expect(await client.config.requestChecksumCalculation()).toBe(wantChecksums ? 'WHEN_SUPPORTED' : 'WHEN_REQUIRED');
        expect(await client.config.responseChecksumValidation()).toBe(wantChecksums ? 'WHEN_SUPPORTED' : 'WHEN_REQUIRED');
        const put = await capture(client, new PutObjectCommand({ Bucket: 'ferry-bucket', Key: 'k', Body: 'hello' }));
        expect(Object.keys(put.headers).some((h) => h.startsWith('x-amz-checksum-'))).toBe(wantChecksums);

        const del = await capture(client, new DeleteObjectsCommand({ Bucket: 'ferry-bucket', Delete: { Objects: [{ Key: 'k' }] } }));
        expect('content-md5' in del.headers).toBe(settings.contentMd5OnDelete);
        if (preset.quirks.includes('content-md5-on-delete')) expect(del.headers['content-md5']).toMatch(/^[A-Za-z0-9+/]{22}==$/);
      } finally {
        client.destroy();
      }
    },
  );

  it('only hosted services with one current version vouch for If-None-Match; a self-hosted server is probed', () => {
    // A server that takes the header and overwrites anyway turns "skip" into data loss: vouching is for services
    // every user of which runs the same release, never for software a user may run at any age.
    const vouching = PRESETS.filter((p) => p.features.ifNoneMatch).map((p) => p.id);
    expect(vouching.sort()).toEqual(['aws', 'r2', 'tigris']);
    for (const p of PRESETS.filter((x) => x.keywords.includes('self-hosted'))) expect(p.features.ifNoneMatch, p.id).toBe(false);
    expect(PRESETS.filter((x) => x.keywords.includes('self-hosted')).map((p) => p.id)).toContain('minio');
  });

  it('AWS keeps the SDK’s own regional endpoint, so a 301 to another region can be followed', () => {
    const { profile } = profileFromDraft({ ...draftFor('aws'), region: 'eu-west-1' });
    expect(profile.endpoint).toBe('https://s3.eu-west-1.amazonaws.com');
    expect(clientSettings(profile).endpoint).toBeUndefined();
    const custom = profileFromDraft({ ...draftFor('aws'), endpoint: 'https://bucket.vpce-1a2b.s3.eu-west-1.vpce.amazonaws.com' }).profile;
    expect(clientSettings(custom).endpoint).toBe('https://bucket.vpce-1a2b.s3.eu-west-1.vpce.amazonaws.com');
  });

  it('a profile that learnt the server refuses checksum headers strips them, and still sends Content-MD5 on DeleteObjects', async () => {
    const { profile } = profileFromDraft(draftFor('ovh'));
    const client = buildS3Client({ ...profile, checksumMode: 'off' }, { accessKeyId: 'a', secretAccessKey: 'b' });
    const del = await capture(client, new DeleteObjectsCommand({ Bucket: 'x', Delete: { Objects: [{ Key: 'k' }] } }));
    expect(Object.keys(del.headers).filter((h) => h.startsWith('x-amz-checksum') || h.startsWith('x-amz-sdk-checksum'))).toEqual([]);
    expect(del.headers['content-md5']).toBeTruthy();
    client.destroy();
  });

  it('Google Cloud Storage requests carry no x-id query', async () => {
    const { profile } = profileFromDraft(draftFor('gcs'));
    const client = buildS3Client(profile, { accessKeyId: 'a', secretAccessKey: 'b' });
    const sent = await capture(client, new PutObjectCommand({ Bucket: 'x', Key: 'k', Body: 'v' }));
    expect(sent.path).not.toContain('x-id');
    client.destroy();
  });

  it.each([
    ['r2', { accountId: '' }, 'accountId', 'Account ID is needed'],
    ['oracle', { namespace: 'bad name' }, 'namespace', 'cannot be part of a host name'],
    ['b2', { endpoint: 'http://s3.us-west-004.backblazeb2.com' }, 'endpoint', 'HTTPS only'],
    ['minio', { endpoint: '' }, 'endpoint', 'endpoint URL is required'],
    ['minio', { endpoint: 'ftp://x' }, 'endpoint', 'http:// or https://'],
    ['minio', { accessKeyId: '' }, 'accessKeyId', 'access key id is required'],
    ['minio', { secretAccessKey: '' }, 'secretAccessKey', 'secret key is required'],
  ])('%s: a missing or bad %j is named by its field', (id, change, field, message) => {
    expect(() => profileFromDraft({ ...draftFor(id), ...change })).toThrow(
      expect.objectContaining({ details: expect.objectContaining({ field }) }),
    );
    expect(() => profileFromDraft({ ...draftFor(id), ...change })).toThrow(message);
  });
});
