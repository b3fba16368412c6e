// Smoke test of the S3 test servers: the basic calls Ferry depends on work on
// each real server the harness started.
import {
  CreateBucketCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { ALL_SERVER_KINDS, type TestServer } from './harness';

const servers = inject('s3Servers');

test('the required S3 servers are running', () => {
  if (process.env.FERRY_REQUIRE_ALL_SERVERS === '1') {
    expect(servers.map((s) => s.kind).sort()).toEqual([...ALL_SERVER_KINDS].sort());
  }
  for (const s of servers) expect(s.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
});

function clientFor(server: TestServer): S3Client {
  return new S3Client({
    endpoint: server.endpoint,
    region: server.region,
    credentials: { accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey },
    forcePathStyle: server.pathStyle,
    // Not every S3 implementation understands the SDK's default CRC32 trailers.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

describe.each(servers)('$label', (server) => {
  const bucket = `ferry-harness-${Date.now().toString(36)}`;
  const body = new TextEncoder().encode('hello from Ferry\n');
  let s3: S3Client;

  beforeAll(async () => {
    s3 = clientFor(server);
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    for (const Key of ['docs/readme.txt', 'docs/sub/deep.txt', 'top.txt']) {
      await s3.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key,
          Body: body,
          ContentType: 'text/plain; charset=utf-8',
          Metadata: { origin: 'ferry-test', 'mixed-case': 'Value 1' },
        }),
      );
    }
  });
  afterAll(() => s3.destroy());

  test('HeadObject returns size, content type and user metadata', async () => {
    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: 'docs/readme.txt' }));
    expect(head.ContentLength).toBe(body.byteLength);
    expect(head.ContentType).toBe('text/plain; charset=utf-8');
    expect(head.Metadata).toEqual({ origin: 'ferry-test', 'mixed-case': 'Value 1' });
    expect(head.ETag).toMatch(/^"[0-9a-f]{32}"$/);
  });

  test('GetObject returns the same bytes', async () => {
    const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'docs/readme.txt' }));
    expect(await got.Body?.transformToByteArray()).toEqual(body);
  });

  test('ListObjectsV2 with delimiter groups "folders"', async () => {
    const root = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Delimiter: '/' }));
    expect(root.Contents?.map((o) => o.Key)).toEqual(['top.txt']);
    expect(root.CommonPrefixes?.map((p) => p.Prefix)).toEqual(['docs/']);

    const docs = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: 'docs/', Delimiter: '/' }));
    expect(docs.Contents?.map((o) => [o.Key, o.Size])).toEqual([['docs/readme.txt', body.byteLength]]);
    expect(docs.CommonPrefixes?.map((p) => p.Prefix)).toEqual(['docs/sub/']);
  });
});
