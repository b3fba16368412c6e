/**
 * The direct path (app/s3/direct) must be indistinguishable from the SDK:
 * on every real server, each object call it takes gives the same output
 * fields and the same errors (name and status) as the SDK's own send, and
 * it really does bypass the SDK's pipeline (a counting middleware proves
 * which path ran). A transfer's client builds the SDK's client only for the
 * first call the direct path does not take.
 */
import {
  CompleteMultipartUploadCommand,
  CopyObjectCommand,
  CreateMultipartUploadCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  UploadPartCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildS3Client } from '../../app/s3/client-factory';
import { allowDirect } from '../../app/s3/direct/prepared/sender';
import {
  CompleteMultipartUploadCommand as LightComplete,
  CreateMultipartUploadCommand as LightCreateMultipart,
  GetObjectCommand as LightGet,
  HeadObjectCommand as LightHead,
  ListObjectsV2Command as LightList,
  PutObjectCommand as LightPut,
  UploadPartCommand as LightUploadPart,
} from '../../app/sdk/s3-commands';
import type { LazyS3Client } from '../../app/s3/lazy-client';
import type { TestServer } from '../../e2e/servers/harness';
import { createBucket, servers, uniqueBucket } from './support';

function md5(bytes: Buffer): string {
  return createHash('md5').update(bytes).digest('base64');
}

async function bytesOf(body: unknown): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of body as Readable) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/** Runs a command, returning its output or the error it threw. */
async function outcome(client: S3Client, command: object, direct: boolean): Promise<{ ok: unknown } | { err: Record<string, unknown> }> {
  if (direct) allowDirect(command);
  try {
    return { ok: await client.send(command as never) };
  } catch (err) {
    return { err: err as Record<string, unknown> };
  }
}

function errorShape(o: { ok: unknown } | { err: Record<string, unknown> }) {
  if (!('err' in o)) return { ok: true };
  return { name: o.err.name, status: (o.err.$metadata as { httpStatusCode?: number } | undefined)?.httpStatusCode };
}

const OBJECT_FIELDS = [
  'ETag',
  'ContentLength',
  'ContentType',
  'CacheControl',
  'ContentDisposition',
  'Metadata',
  'LastModified',
  'ContentRange',
];

function pick(out: unknown): Record<string, unknown> {
  const o = out as Record<string, unknown>;
  return Object.fromEntries(OBJECT_FIELDS.filter((f) => o[f] !== undefined).map((f) => [f, o[f]]));
}

describe.each(servers().map((s) => [s.kind, s] as const))('direct object requests on %s', (_kind, s: TestServer) => {
  let client: S3Client;
  let wrongSecret: S3Client;
  let pipelineRuns = 0;
  const bucket = uniqueBucket(`direct-${s.kind}`);
  // Spaces, unicode and the characters encodeURIComponent leaves alone (empty segments: MinIO and s3rver refuse them).
  const key = `dir/sp ace ü/it's (1)*!/b.txt`;
  const body = Buffer.from('direct path bytes '.repeat(500));

  beforeAll(async () => {
    const profile = { endpoint: s.endpoint, region: s.region, pathStyle: true };
    const credentials = { accessKeyId: s.accessKeyId, secretAccessKey: s.secretAccessKey };
    client = buildS3Client(profile, credentials, { direct: true, maxAttempts: 1 });
    wrongSecret = buildS3Client(
      profile,
      { ...credentials, secretAccessKey: `${s.secretAccessKey}-wrong` },
      { direct: true, maxAttempts: 1 },
    );
    client.middlewareStack.add(
      (next) => (args) => {
        pipelineRuns++;
        return next(args);
      },
      { step: 'initialize', name: 'countPipelineRuns' },
    );
    await createBucket(s, bucket);
  });

  afterAll(() => {
    client.destroy();
    wrongSecret.destroy();
  });

  const put = (k: string, direct: boolean) =>
    outcome(
      client,
      new PutObjectCommand({
        Bucket: bucket,
        Key: k,
        Body: body,
        ContentMD5: md5(body),
        ContentType: 'text/plain; charset=utf-8',
        CacheControl: 'max-age=60',
        ContentDisposition: 'attachment; filename="b.txt"',
        Metadata: { Origin: 'ferry-test', note: 'a b c' },
      }),
      direct,
    );

  it('writes and reads objects exactly as the SDK does, without running its pipeline', async () => {
    const before = pipelineRuns;
    const written = await put(key, true);
    expect(errorShape(written)).toEqual({ ok: true });
    const headDirect = await outcome(client, new HeadObjectCommand({ Bucket: bucket, Key: key }), true);
    const getDirect = await outcome(client, new GetObjectCommand({ Bucket: bucket, Key: key }), true);
    const rangeDirect = await outcome(client, new GetObjectCommand({ Bucket: bucket, Key: key, Range: 'bytes=100-299' }), true);
    expect(pipelineRuns).toBe(before);

    const headSdk = await outcome(client, new HeadObjectCommand({ Bucket: bucket, Key: key }), false);
    const rangeSdk = await outcome(client, new GetObjectCommand({ Bucket: bucket, Key: key, Range: 'bytes=100-299' }), false);
    expect(pipelineRuns).toBe(before + 2);
    if (!('ok' in headDirect) || !('ok' in headSdk) || !('ok' in getDirect) || !('ok' in rangeDirect) || !('ok' in rangeSdk)) {
      throw new Error('a request failed');
    }
    expect(pick(headDirect.ok)).toEqual(pick(headSdk.ok));
    expect(pick(headDirect.ok)).toMatchObject({ ContentLength: body.length, Metadata: { origin: 'ferry-test', note: 'a b c' } });
    expect((written as { ok: { ETag?: string } }).ok.ETag).toBe((headSdk.ok as { ETag?: string }).ETag);
    expect(await bytesOf((getDirect.ok as { Body: unknown }).Body)).toEqual(body);
    const rangeBytes = await bytesOf((rangeDirect.ok as { Body: unknown }).Body);
    expect(rangeBytes).toEqual(body.subarray(100, 300));
    await bytesOf((rangeSdk.ok as { Body: unknown }).Body);
    expect(pick(rangeDirect.ok)).toEqual(pick(rangeSdk.ok));
  });

  it('copies inside the server and uploads parts like the SDK', async () => {
    const src = 'copy/source (1).txt';
    expect(errorShape(await put(src, true))).toEqual({ ok: true });
    const copied = await outcome(
      client,
      new CopyObjectCommand({ Bucket: bucket, Key: 'copy/target ü.txt', CopySource: `${bucket}/copy/source%20%281%29.txt` }),
      true,
    );
    expect(errorShape(copied)).toEqual({ ok: true });
    const head = await outcome(client, new HeadObjectCommand({ Bucket: bucket, Key: 'copy/target ü.txt' }), false);
    const copyEtag = (copied as { ok: { CopyObjectResult?: { ETag?: string } } }).ok.CopyObjectResult?.ETag;
    expect(copyEtag).toBeTruthy();
    expect(copyEtag).toBe((head as { ok: { ETag?: string } }).ok.ETag);

    const created = await client.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: 'parts/one.bin' }));
    const part = Buffer.alloc(5 * 1024 * 1024, 7);
    const uploaded = await outcome(
      client,
      new UploadPartCommand({
        Bucket: bucket,
        Key: 'parts/one.bin',
        UploadId: created.UploadId,
        PartNumber: 1,
        Body: part,
        ContentMD5: md5(part),
      }),
      true,
    );
    const etag = (uploaded as { ok: { ETag?: string } }).ok.ETag;
    expect(etag?.replace(/"/g, '')).toBe(createHash('md5').update(part).digest('hex'));
    await client.send(
      new CompleteMultipartUploadCommand({
        Bucket: bucket,
        Key: 'parts/one.bin',
        UploadId: created.UploadId,
        MultipartUpload: { Parts: [{ ETag: etag, PartNumber: 1 }] },
      }),
    );
    const done = await outcome(client, new HeadObjectCommand({ Bucket: bucket, Key: 'parts/one.bin' }), true);
    expect((done as { ok: { ContentLength?: number } }).ok.ContentLength).toBe(part.length);
  });

  it('fails with the same error names and statuses as the SDK', async () => {
    await put(key, true);
    const cases: [string, () => object][] = [
      ['head of a missing key', () => new HeadObjectCommand({ Bucket: bucket, Key: 'missing/key' })],
      ['get of a missing key', () => new GetObjectCommand({ Bucket: bucket, Key: 'missing/key' })],
      [
        'get with a stale If-Match',
        () => new GetObjectCommand({ Bucket: bucket, Key: key, IfMatch: '"0123456789abcdef0123456789abcdef"' }),
      ],
      ['get from a missing bucket', () => new GetObjectCommand({ Bucket: `${bucket}-gone`, Key: key })],
    ];
    for (const [what, make] of cases) {
      const direct = errorShape(await outcome(client, make(), true));
      const sdk = errorShape(await outcome(client, make(), false));
      expect({ what, ...direct }).toEqual({ what, ...sdk });
    }
    // Whatever each server says about conditions, a missing key and a missing bucket are 404s on every one.
    expect(errorShape(await outcome(client, new GetObjectCommand({ Bucket: bucket, Key: 'missing/key' }), true))).toEqual({
      name: 'NoSuchKey',
      status: 404,
    });
    expect(errorShape(await outcome(client, new GetObjectCommand({ Bucket: `${bucket}-gone`, Key: key }), true))).toEqual({
      name: 'NoSuchBucket',
      status: 404,
    });
    const signedWrong = errorShape(await outcome(wrongSecret, new GetObjectCommand({ Bucket: bucket, Key: key }), true));
    expect(signedWrong).toEqual(errorShape(await outcome(wrongSecret, new GetObjectCommand({ Bucket: bucket, Key: key }), false)));
    // s3rver checks the key id but not the signature: a wrong secret is accepted there, by both paths alike.
    if (s.kind !== 's3rver') expect(signedWrong.status).toBe(403);
  });
});

describe.each(servers().map((s) => [s.kind, s] as const))('direct deletes on %s', (_kind, s: TestServer) => {
  it('deletes a batch exactly as the SDK does: the same answer, key for key, and the keys gone', async () => {
    const client = buildS3Client(
      { endpoint: s.endpoint, region: s.region, pathStyle: true },
      { accessKeyId: s.accessKeyId, secretAccessKey: s.secretAccessKey },
      { direct: true, maxAttempts: 1 },
    );
    let pipelineRuns = 0;
    client.middlewareStack.add(
      (next) => (args) => {
        pipelineRuns++;
        return next(args);
      },
      { step: 'initialize', name: 'countPipelineRuns' },
    );
    const bucket = uniqueBucket(`del-${s.kind}`);
    await createBucket(s, bucket);
    // The characters an XML body must escape, unicode, and a key that was never there. At the bucket's top: s3rver,
    // deleting a batch in parallel, races itself removing a folder it has emptied and answers InternalError.
    const names = ['one & two.txt', 'deep <x>.bin', 'ü "quoted".txt', "it's+plus=eq.txt", 'plain'];
    try {
      for (const side of ['direct', 'sdk']) {
        for (const name of names) {
          const body = Buffer.from(name);
          await client.send(new PutObjectCommand({ Bucket: bucket, Key: `${side}-${name}`, Body: body, ContentMD5: md5(body) }));
        }
      }
      const batch = (side: string) =>
        new DeleteObjectsCommand({
          Bucket: bucket,
          Delete: { Objects: [...names, 'never there'].map((n) => ({ Key: `${side}-${n}` })), Quiet: false },
        });
      const before = pipelineRuns;
      const direct = await outcome(client, batch('direct'), true);
      expect(pipelineRuns).toBe(before);
      const sdk = await outcome(client, batch('sdk'), false);
      expect(pipelineRuns).toBe(before + 1);
      const entries = (o: typeof direct, side: string) => {
        if (!('ok' in o)) throw new Error(`the ${side} batch failed: ${String(o.err.name)}: ${String(o.err.message)}`);
        const out = o.ok as { Deleted?: { Key?: string }[]; Errors?: { Key?: string; Code?: string }[] };
        const strip = (k?: string) => k?.slice(side.length + 1);
        return {
          deleted: (out.Deleted ?? []).map((d) => ({ ...d, Key: strip(d.Key) })).sort((a, b) => String(a.Key).localeCompare(String(b.Key))),
          errors: (out.Errors ?? []).map((e) => ({ ...e, Key: strip(e.Key) })),
        };
      };
      const fromDirect = entries(direct, 'direct');
      expect(fromDirect).toEqual(entries(sdk, 'sdk'));
      // S3 confirms a key that was never there as deleted too.
      expect(fromDirect.deleted.map((d) => d.Key)).toEqual([...names, 'never there'].sort((a, b) => a.localeCompare(b)));
      const left = await client.send(new ListObjectsV2Command({ Bucket: bucket }));
      expect(left.Contents ?? []).toEqual([]);
    } finally {
      client.destroy();
    }
  });
});

describe.each(servers().map((s) => [s.kind, s] as const))('direct listings on %s', (_kind, s: TestServer) => {
  it('reads every listing page exactly as the SDK does', async () => {
    const client = buildS3Client(
      { endpoint: s.endpoint, region: s.region, pathStyle: true },
      { accessKeyId: s.accessKeyId, secretAccessKey: s.secretAccessKey },
      { direct: true, maxAttempts: 1 },
    );
    const bucket = uniqueBucket(`list-${s.kind}`);
    await createBucket(s, bucket);
    const keys = ['a.txt', 'dir/one & two.txt', 'dir/sub/deep <x>.bin', 'dir/ü "quoted".txt', "it's+plus=eq.txt", 'z/last'];
    for (const key of keys) {
      const body = Buffer.from(key);
      await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentMD5: md5(body) }));
    }
    const inputs = [
      { Bucket: bucket },
      { Bucket: bucket, EncodingType: 'url' as const },
      { Bucket: bucket, Prefix: 'dir/', Delimiter: '/' },
      { Bucket: bucket, Delimiter: '/', EncodingType: 'url' as const },
      { Bucket: bucket, MaxKeys: 2 },
      { Bucket: bucket, Prefix: 'nothing/' },
    ];
    try {
      for (const input of inputs) {
        // Page by page, each page's token taken from the SDK's answer, so both read the same pages.
        let token: string | undefined;
        let pages = 0;
        do {
          const make = () => new ListObjectsV2Command({ ...input, ...(token ? { ContinuationToken: token } : {}) });
          const direct = (await outcome(client, make(), true)) as { ok: Record<string, unknown> };
          const sdk = (await outcome(client, make(), false)) as { ok: Record<string, unknown> };
          // Continuation tokens are minted per answer on some servers: present on both, compared as present.
          const { $metadata: _d, NextContinuationToken: directNext, ...directPage } = direct.ok;
          const { $metadata: _s, NextContinuationToken: sdkNext, ...sdkPage } = sdk.ok;
          expect(directPage).toEqual(sdkPage);
          expect(typeof directNext).toBe(typeof sdkNext);
          token = sdkPage.IsTruncated ? (sdkNext as string) : undefined;
          pages++;
        } while (token && pages < 10);
      }
      const all = (await outcome(client, new ListObjectsV2Command({ Bucket: bucket }), true)) as { ok: { Contents?: { Key?: string }[] } };
      expect(all.ok.Contents?.map((o) => o.Key)).toEqual([...keys].sort());
    } finally {
      client.destroy();
    }
  });
});

describe.each(servers().map((s) => [s.kind, s] as const))("a transfer's client on %s", (_kind, s: TestServer) => {
  it("sends light commands the direct path takes without building the SDK's client, and builds it once for the first it does not", async () => {
    const bucket = uniqueBucket(`lazy-${s.kind}`);
    await createBucket(s, bucket);
    const credentials = { accessKeyId: s.accessKeyId, secretAccessKey: s.secretAccessKey };
    const client = buildS3Client({ endpoint: s.endpoint, region: s.region, pathStyle: true }, credentials, {
      direct: true,
      maxAttempts: 1,
    });
    const lazy = client as unknown as LazyS3Client;
    const prepared = <C extends object>(command: C): C => {
      allowDirect(command);
      return command;
    };
    const body = Buffer.from('light command bytes '.repeat(100));
    try {
      await client.send(prepared(new LightPut({ Bucket: bucket, Key: 'ledger/a.csv', Body: body, ContentMD5: md5(body) })));
      const head = await client.send(prepared(new LightHead({ Bucket: bucket, Key: 'ledger/a.csv' })));
      const got = await client.send(prepared(new LightGet({ Bucket: bucket, Key: 'ledger/a.csv' })));
      const page = await client.send(prepared(new LightList({ Bucket: bucket, Prefix: 'ledger/' })));
      expect(head.ContentLength).toBe(body.length);
      expect(await bytesOf(got.Body)).toEqual(body);
      expect(page.Contents?.map((o) => o.Key)).toEqual(['ledger/a.csv']);
      // A missing key fails as the SDK would say it, still on the direct path.
      const missing = await client.send(prepared(new LightHead({ Bucket: bucket, Key: 'ledger/none.csv' }))).catch((e: unknown) => e);
      expect(errorShape({ err: missing as Record<string, unknown> })).toEqual({ name: 'NotFound', status: 404 });
      expect(lazy.built).toBe(false);

      // A multipart upload is the SDK's: its client is built, and the same connection goes on working both ways.
      const started = await client.send(new LightCreateMultipart({ Bucket: bucket, Key: 'ledger/b.csv' }));
      expect(lazy.built).toBe(true);
      const part = await client.send(
        prepared(
          new LightUploadPart({
            Bucket: bucket,
            Key: 'ledger/b.csv',
            UploadId: started.UploadId,
            PartNumber: 1,
            Body: body,
            ContentMD5: md5(body),
          }),
        ),
      );
      await client.send(
        new LightComplete({
          Bucket: bucket,
          Key: 'ledger/b.csv',
          UploadId: started.UploadId,
          MultipartUpload: { Parts: [{ PartNumber: 1, ETag: part.ETag }] },
        }),
      );
      const both = await client.send(prepared(new LightList({ Bucket: bucket, Prefix: 'ledger/' })));
      expect(both.Contents?.map((o) => o.Key)).toEqual(['ledger/a.csv', 'ledger/b.csv']);
      expect(await bytesOf((await client.send(prepared(new LightGet({ Bucket: bucket, Key: 'ledger/b.csv' })))).Body)).toEqual(body);
    } finally {
      client.destroy();
    }
  });
});
