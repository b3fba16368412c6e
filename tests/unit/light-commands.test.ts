// Light commands (app/sdk/): built without the SDK, sent by the SDK's
// own client as its command of the same name, with the middleware added to
// them meanwhile; the direct path's table knows them by name. The query
// string the direct path signs is the one the SDK would build, and the
// credentials the direct path signs with are fetched once until they near
// their expiry.
import { HeadObjectCommand as SdkHeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { buildQueryString, HttpResponse, type HttpRequest } from '@smithy/core/protocols';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { queryString } from '../../app/base/query-string';
import { commandName } from '../../app/sdk/light-command';
import { HeadObjectCommand, ListObjectsV2Command, PutObjectCommand } from '../../app/sdk/s3-commands';
import { directSpec } from '../../app/s3/direct/prepared/commands';
import { memoisedCredentials } from '../../app/s3/lazy-client';

/** An SDK client whose HTTP handler records each request and answers 200 with these headers. */
function recordingClient(headers: Record<string, string>): { client: S3Client; seen: HttpRequest[] } {
  const seen: HttpRequest[] = [];
  const client = new S3Client({
    endpoint: 'http://127.0.0.1:1',
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'key', secretAccessKey: 'secret' },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    requestHandler: {
      handle: (request: HttpRequest) => {
        seen.push(request);
        return Promise.resolve({ response: new HttpResponse({ statusCode: 200, headers, body: Readable.from([]) }) });
      },
    },
  });
  return { client, seen };
}

describe('a light command', () => {
  it('is sent by the SDK client as the SDK command of its name, with the middleware added to it', async () => {
    const { client, seen } = recordingClient({ etag: '"abc"', 'content-length': '7', 'x-amz-meta-origin': 'ferry' });
    const command = new HeadObjectCommand({ Bucket: 'ledger', Key: 'q1/report.csv' });
    command.middlewareStack.add(
      (next) => (args) => {
        (args.request as HttpRequest).headers['x-ferry-mark'] = 'added before sending';
        return next(args);
      },
      { step: 'build', name: 'ferryMark' },
    );
    const out = await client.send(command);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.method).toBe('HEAD');
    expect(seen[0]?.path).toBe('/ledger/q1/report.csv');
    expect(seen[0]?.headers['x-ferry-mark']).toBe('added before sending');
    expect(out.ETag).toBe('"abc"');
    expect(out.ContentLength).toBe(7);
    expect(out.Metadata).toEqual({ origin: 'ferry' });
  });

  it('gives the same output as the SDK command it stands for', async () => {
    const headers = { etag: '"def"', 'content-type': 'text/csv', 'last-modified': 'Tue, 08 Dec 2026 01:00:00 GMT' };
    const light = recordingClient(headers);
    const sdk = recordingClient(headers);
    const input = { Bucket: 'ledger', Key: 'a b/ü.csv', VersionId: 'v1' };
    const a = await light.client.send(new HeadObjectCommand(input));
    const b = await sdk.client.send(new SdkHeadObjectCommand(input));
    expect({ ...a, $metadata: undefined }).toEqual({ ...b, $metadata: undefined });
    expect(light.seen[0]?.path).toBe(sdk.seen[0]?.path);
    expect(light.seen[0]?.query).toEqual(sdk.seen[0]?.query);
  });

  it('a middleware stack only records: reading it back is refused with the reason', () => {
    const command = new PutObjectCommand({ Bucket: 'b', Key: 'k', Body: new Uint8Array(1) });
    expect(() => command.middlewareStack.identify()).toThrow(/only records/);
  });

  it('is known to the direct path by name, as the SDK command is', () => {
    const input = { Bucket: 'ledger', Key: 'q1/report.csv' };
    expect(commandName(new HeadObjectCommand(input))).toBe('HeadObjectCommand');
    expect(commandName(new SdkHeadObjectCommand(input))).toBe('HeadObjectCommand');
    expect(directSpec(new HeadObjectCommand(input))).toEqual(directSpec(new SdkHeadObjectCommand(input)));
    expect(directSpec(new ListObjectsV2Command({ Bucket: 'ledger', Prefix: 'q1/', MaxKeys: 10 }))).toMatchObject({
      method: 'GET',
      answer: 'list',
      query: { 'list-type': '2', prefix: 'q1/', 'max-keys': '10' },
    });
  });
});

describe('the query string a direct request signs', () => {
  it('is the one the SDK builds', () => {
    const cases: Record<string, string | string[] | null>[] = [
      {},
      { 'list-type': '2', prefix: 'a b/ü', delimiter: '/', 'continuation-token': 'x+y/z==' },
      { uploads: '', partNumber: '3', uploadId: "it's (1)*!" },
      { tagging: null, versionId: '~v.1_-' },
      { 'z-last': ['b', 'a'], 'A-first': 'Ä' },
    ];
    for (const query of cases) expect(queryString(query)).toBe(buildQueryString(query));
  });
});

describe('the direct path credentials', () => {
  it('are fetched once while they hold, again as they near expiry, and not kept after a failure', async () => {
    let calls = 0;
    const get = memoisedCredentials(() => {
      calls++;
      return Promise.resolve({ accessKeyId: `key${calls}`, secretAccessKey: 's', expiration: new Date(Date.now() + 60 * 60_000) });
    });
    const [a, b] = await Promise.all([get(), get()]);
    expect(calls).toBe(1);
    expect(a.accessKeyId).toBe('key1');
    expect(b.accessKeyId).toBe('key1');
    expect((await get()).accessKeyId).toBe('key1');

    // Credentials within five minutes of their expiry are fetched again on every use.
    const near = memoisedCredentials(() => {
      calls++;
      return Promise.resolve({ accessKeyId: `near${calls}`, secretAccessKey: 's', expiration: new Date(Date.now() + 60_000) });
    });
    expect((await near()).accessKeyId).toBe('near2');
    expect((await near()).accessKeyId).toBe('near3');

    let fail = true;
    const failing = memoisedCredentials(() =>
      fail ? Promise.reject(new Error('The secret store is locked.')) : Promise.resolve({ accessKeyId: 'late', secretAccessKey: 's' }),
    );
    await expect(failing()).rejects.toThrow('locked');
    fail = false;
    expect((await failing()).accessKeyId).toBe('late');
  });

  it('given as keys, are those keys', async () => {
    const get = memoisedCredentials({ accessKeyId: 'plain', secretAccessKey: 's' });
    expect((await get()).accessKeyId).toBe('plain');
  });
});
