// The server behaviours Ferry relies on, asked of every test server. A
// server's known gap is declared below with what Ferry does about it, and its
// test then proves the gap is still there (so a fixed server shows up as a
// failure to tidy, never as a silent skip). A server not running reports its
// tests skipped with the reason. Adding a server is one line in `gaps`.
import {
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  ListPartsCommand,
  PutObjectCommand,
  UploadPartCommand,
  UploadPartCopyCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { SignatureV4 } from '@smithy/signature-v4';
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { NodeSha256 } from '../../app/s3/direct/prepared/node-sha256';
import type { ServerKind, TestServer } from '../../e2e/servers/harness';
import { createBucket, sdkClient, server, uniqueBucket } from './support';

type Behaviour =
  'if-none-match' | 'list-parts' | 'upload-part-copy' | 'connection-close' | 'encoding-type-url' | 'ranged-get' | 'delete-objects';

/** Per server, each behaviour it lacks and what Ferry does instead. */
const gaps: Record<ServerKind, Partial<Record<Behaviour, string>>> = {
  minio: {},
  versitygw: {
    'encoding-type-url': 'keys come back plain; Ferry decodes only what a server says it encoded',
  },
  s3rver: {
    'if-none-match':
      'a conditional PUT overwrites; Ferry sends If-None-Match only where a connection has the feature, and asks HEAD elsewhere',
    'list-parts': 'answers MethodNotAllowed; a resumed upload starts over instead of trusting unlisted parts',
    'upload-part-copy': 'unsupported; Ferry notes it per connection and streams the copy through itself',
    'encoding-type-url': 'keys come back plain; Ferry decodes only what a server says it encoded',
  },
};

const MiB = 1024 * 1024;

async function text(body: unknown): Promise<string> {
  return (body as { transformToString(): Promise<string> }).transformToString();
}

async function statusOf(work: Promise<unknown>): Promise<number> {
  try {
    await work;
    return 200;
  } catch (err) {
    return (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode ?? -1;
  }
}

/** A signed GET written by hand on a plain socket, to see the answer's own framing. */
async function rawGet(
  s: TestServer,
  bucket: string,
  key: string,
  headers: Record<string, string>,
): Promise<{ head: string; closed: boolean }> {
  const url = new URL(s.endpoint);
  const signer = new SignatureV4({
    service: 's3',
    region: s.region,
    sha256: NodeSha256,
    credentials: { accessKeyId: s.accessKeyId, secretAccessKey: s.secretAccessKey },
  });
  const signed = await signer.sign({
    method: 'GET',
    protocol: 'http:',
    hostname: url.hostname,
    port: Number(url.port),
    path: `/${bucket}/${key}`,
    query: {},
    headers: { host: url.host, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD', ...headers },
  });
  const lines = Object.entries(signed.headers).map(([k, v]) => `${k}: ${v}`);
  const socket = connect(Number(url.port), url.hostname);
  socket.write(`GET /${bucket}/${key} HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n`);
  let received = '';
  socket.on('data', (d: Buffer) => (received += d.toString('latin1')));
  // The answer ends with the server closing the socket; one that keeps it open is cut after a while, and says so.
  const closed = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(false);
    }, 5_000);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
  return { head: received.split('\r\n\r\n')[0] ?? '', closed };
}

const checks: Record<Behaviour, (s: TestServer, c: S3Client, bucket: string) => Promise<boolean>> = {
  /** A PUT with If-None-Match: * over an existing key is refused with 412: how Ferry's "skip" never overwrites in a race. */
  'if-none-match': async (_s, c, bucket) => {
    await c.send(new PutObjectCommand({ Bucket: bucket, Key: 'inm', Body: 'first' }));
    const status = await statusOf(c.send(new PutObjectCommand({ Bucket: bucket, Key: 'inm', Body: 'second', IfNoneMatch: '*' })));
    const kept = await text((await c.send(new GetObjectCommand({ Bucket: bucket, Key: 'inm' }))).Body);
    return status === 412 && kept === 'first';
  },
  /** ListParts names each uploaded part with its size and ETag: how a resumed upload checks what the server holds. */
  'list-parts': async (_s, c, bucket) => {
    const { UploadId } = await c.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: 'lp' }));
    const put = await c.send(new UploadPartCommand({ Bucket: bucket, Key: 'lp', UploadId, PartNumber: 1, Body: Buffer.alloc(1234, 7) }));
    const listed = await c.send(new ListPartsCommand({ Bucket: bucket, Key: 'lp', UploadId }));
    const [first] = listed.Parts ?? [];
    return listed.Parts?.length === 1 && first?.PartNumber === 1 && first.Size === 1234 && first.ETag === put.ETag;
  },
  /** UploadPartCopy copies a byte range inside the server: large server-side copies. */
  'upload-part-copy': async (_s, c, bucket) => {
    const source = Buffer.alloc(6 * MiB, 3);
    source.write('tail', 6 * MiB - 4);
    await c.send(new PutObjectCommand({ Bucket: bucket, Key: 'upc-src', Body: source }));
    const { UploadId } = await c.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: 'upc' }));
    const parts: { PartNumber: number; ETag?: string }[] = [];
    for (const [n, range] of [
      [1, `bytes=0-${5 * MiB - 1}`],
      [2, `bytes=${5 * MiB}-${6 * MiB - 1}`],
    ] as const) {
      const status = await statusOf(
        c
          .send(
            new UploadPartCopyCommand({
              Bucket: bucket,
              Key: 'upc',
              UploadId,
              PartNumber: n,
              CopySource: `${bucket}/upc-src`,
              CopySourceRange: range,
            }),
          )
          .then((out) => parts.push({ PartNumber: n, ETag: out.CopyPartResult?.ETag })),
      );
      if (status !== 200) return false;
    }
    await c.send(new CompleteMultipartUploadCommand({ Bucket: bucket, Key: 'upc', UploadId, MultipartUpload: { Parts: parts } }));
    return (await text((await c.send(new GetObjectCommand({ Bucket: bucket, Key: 'upc', Range: 'bytes=-4' }))).Body)) === 'tail';
  },
  /** Asked to close, the server frames the body by Content-Length, says Connection: close and closes: own-socket GETs. */
  'connection-close': async (s, c, bucket) => {
    await c.send(new PutObjectCommand({ Bucket: bucket, Key: 'cc', Body: 'closing' }));
    const { head, closed } = await rawGet(s, bucket, 'cc', { connection: 'close' });
    return /^HTTP\/1\.1 200/.test(head) && /\r\ncontent-length: 7\r?/i.test(`${head}\r`) && /\r\nconnection: close/i.test(head) && closed;
  },
  /** encoding-type=url comes back url-encoded, so keys no XML can carry still list. */
  'encoding-type-url': async (_s, c, bucket) => {
    const key = 'enc/a b+c%d\u0001e';
    await c.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: 'x' }));
    const out = await c.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: 'enc/', EncodingType: 'url' }));
    const raw = out.Contents?.[0]?.Key ?? '';
    return out.EncodingType === 'url' && decodeURIComponent(raw.replace(/\+/g, '%20')) === key;
  },
  /** A ranged GET answers 206 with exactly the range and its Content-Range: downloads in parts. */
  'ranged-get': async (_s, c, bucket) => {
    await c.send(new PutObjectCommand({ Bucket: bucket, Key: 'rg', Body: '0123456789' }));
    const out = await c.send(new GetObjectCommand({ Bucket: bucket, Key: 'rg', Range: 'bytes=2-5' }));
    return out.$metadata.httpStatusCode === 206 && out.ContentRange === 'bytes 2-5/10' && (await text(out.Body)) === '2345';
  },
  /** DeleteObjects removes a batch in one request and names each key deleted: batched deletes. */
  'delete-objects': async (_s, c, bucket) => {
    for (const key of ['d/1', 'd/2']) await c.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: key }));
    const out = await c.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: [{ Key: 'd/1' }, { Key: 'd/2' }] } }));
    const left = await c.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: 'd/' }));
    return (
      (out.Deleted ?? [])
        .map((d) => d.Key)
        .sort()
        .join() === 'd/1,d/2' && (left.KeyCount ?? 0) === 0
    );
  },
};

for (const kind of Object.keys(gaps) as ServerKind[]) {
  describe(`${kind} conformance`, () => {
    const s = server(kind);
    const bucket = uniqueBucket('conf');
    let ready: Promise<void> | undefined;
    const setUp = () => (ready ??= s ? createBucket(s, bucket) : Promise.resolve());

    for (const behaviour of Object.keys(checks) as Behaviour[]) {
      const gap = gaps[kind][behaviour];
      const name = gap ? `${behaviour}: a known gap (${gap})` : behaviour;
      it(name, { timeout: 60_000 }, async (ctx) => {
        if (!s) return ctx.skip(`${kind} is not running`);
        await setUp();
        // A refusal (an error answer) is the behaviour missing too, as Ferry sees it.
        const holds = await checks[behaviour](s, sdkClient(s), bucket).catch(() => false);
        expect(holds, gap ? `${kind} now does ${behaviour}: remove its gap` : `${kind} does not do ${behaviour}`).toBe(!gap);
      });
    }
  });
}
