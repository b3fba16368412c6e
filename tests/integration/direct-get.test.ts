// GET bodies over Ferry's own sockets (app/s3/direct/sockets/get-object.ts), against
// MinIO and against a small HTTP server that answers the way the socket
// reader does not speak (chunked bodies, closed connections): bodies read
// straight into a buffer or as a stream, S3 errors surfacing as the SDK's,
// and a fallback to the SDK's client that still delivers the right bytes.
import { S3Client, type S3ServiceException } from '@aws-sdk/client-s3';
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionSummary } from '../../app/api/types';
import { DirectBody, directGetWithBody } from '../../app/s3/direct/sockets/get-object';
import type { Conn, RequestEnv } from '../../app/s3/requests/request';
import { Scheduler } from '../../app/transfer/scheduler';
import { resolveTuning } from '../../app/transfer/tuning';
import type { TestServer } from '../../e2e/servers/harness';
import { createBucket, putObject, sdkClient, server, uniqueBucket } from './support';

const MiB = 1024 * 1024;
const minio = server('minio');

function envFor(): RequestEnv {
  const tuning = resolveTuning({ maxAttempts: 3, retryBaseMs: 10, idleTimeoutMs: 5_000 });
  return { scheduler: new Scheduler(tuning), tuning, stats: { requests: 0, retries: 0, stalls: 0 } };
}

function connFor(endpoint: string, client: S3Client): Conn {
  const summary = { id: 'c', label: 'test', endpoint, region: 'us-east-1', pathStyle: true, accessKeyId: 'k' } as ConnectionSummary;
  return { id: 'c', summary, client };
}

/** A connection to a plain HTTP test server (no S3 behind it, so any keys do). */
function plainConn(endpoint: string): Conn {
  const client = new S3Client({
    endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'k', secretAccessKey: 's' },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  return connFor(endpoint, client);
}

/** Reads a body the way downloads do: straight into a buffer when it is direct, else as a stream. */
async function readAll(body: Readable, length: number): Promise<{ bytes: Buffer; direct: boolean }> {
  if (body instanceof DirectBody) {
    const into = Buffer.alloc(length);
    let at = 0;
    const n = await body.readInto(
      {
        // Small rooms, so the socket's reads land in many places.
        room: () => into.subarray(at, Math.min(length, at + 100_000)),
        filled: (k) => void (at += k),
      },
      { idleMs: 5_000, signal: new AbortController().signal },
    );
    expect(n).toBe(length);
    return { bytes: into, direct: true };
  }
  const chunks: Buffer[] = [];
  for await (const c of body) chunks.push(c as Buffer);
  return { bytes: Buffer.concat(chunks), direct: false };
}

const md5 = (b: Uint8Array) => createHash('md5').update(b).digest('hex');

describe.runIf(minio)('direct GET bodies from MinIO', () => {
  const s = minio as TestServer;
  const bucket = uniqueBucket('direct');
  const bytes = randomBytes(5 * MiB + 123);
  beforeAll(async () => {
    await createBucket(s, bucket);
    await putObject(s, bucket, 'obj.bin', bytes);
  });

  it('reads ranges straight into a buffer, one after another on kept-alive sockets', async () => {
    const env = envFor();
    const conn = connFor(s.endpoint, sdkClient(s));
    for (const [start, end] of [
      [0, 2 * MiB],
      [2 * MiB, 5 * MiB + 123],
      [17, 18],
    ] as const) {
      const got = await directGetWithBody(
        env,
        conn,
        { Bucket: bucket, Key: 'obj.bin', Range: `bytes=${start}-${end - 1}` },
        new AbortController().signal,
        (body) => readAll(body, end - start),
      );
      expect(got.direct).toBe(true);
      expect(md5(got.bytes)).toBe(md5(bytes.subarray(start, end)));
    }
    expect(env.stats.retries).toBe(0);
  });

  it('hands a direct body to a stream reader too', async () => {
    const conn = connFor(s.endpoint, sdkClient(s));
    const got = await directGetWithBody(envFor(), conn, { Bucket: bucket, Key: 'obj.bin' }, new AbortController().signal, async (body) => {
      expect(body).toBeInstanceOf(DirectBody);
      const chunks: Buffer[] = [];
      for await (const c of body) chunks.push(c as Buffer);
      return Buffer.concat(chunks);
    });
    expect(md5(got)).toBe(md5(bytes));
  });

  it('surfaces S3 errors as the SDK does: a failed If-Match, a missing key', async () => {
    const conn = connFor(s.endpoint, sdkClient(s));
    const stale = directGetWithBody(
      envFor(),
      conn,
      { Bucket: bucket, Key: 'obj.bin', IfMatch: '"0123456789abcdef0123456789abcdef"' },
      new AbortController().signal,
      () => Promise.resolve('read'),
    );
    await expect(stale).rejects.toMatchObject({ $metadata: { httpStatusCode: 412 } });
    const missing = directGetWithBody(envFor(), conn, { Bucket: bucket, Key: 'nope.bin' }, new AbortController().signal, () =>
      Promise.resolve('read'),
    );
    const err = (await missing.catch((e: unknown) => e)) as S3ServiceException;
    expect(err.name).toBe('NoSuchKey');
    expect(err.$metadata.httpStatusCode).toBe(404);
  });

  it('cuts a body whose reader is aborted, and the next request still works', async () => {
    const env = envFor();
    const conn = connFor(s.endpoint, sdkClient(s));
    const stop = new AbortController();
    const cut = directGetWithBody(env, conn, { Bucket: bucket, Key: 'obj.bin' }, stop.signal, (body) => {
      if (!(body instanceof DirectBody)) throw new Error('not direct');
      let at = 0;
      const into = Buffer.alloc(bytes.length);
      return body.readInto(
        {
          room: () => into.subarray(at),
          filled: (k) => {
            at += k;
            if (at > MiB) stop.abort(new Error('stopped by the test'));
          },
        },
        { idleMs: 5_000, signal: stop.signal },
      );
    });
    await expect(cut).rejects.toThrow(/stopped by the test/);
    const again = await directGetWithBody(env, conn, { Bucket: bucket, Key: 'obj.bin' }, new AbortController().signal, (body) =>
      readAll(body, bytes.length),
    );
    expect(md5(again.bytes)).toBe(md5(bytes));
  });
});

describe('answers the socket reader does not speak', () => {
  const body = randomBytes(3 * MiB + 1);
  let srv: Server;
  let endpoint = '';
  let requests = 0;
  beforeAll(async () => {
    srv = createServer((req, res) => {
      requests++;
      // Chunked (no Content-Length), and the connection closed after each answer.
      res.writeHead(200, { 'content-type': 'application/octet-stream', etag: `"${md5(body)}"`, connection: 'close' });
      res.write(body.subarray(0, MiB));
      res.end(body.subarray(MiB));
      req.resume();
    });
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    endpoint = `http://127.0.0.1:${(srv.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => srv.close(() => r())));

  it('falls back to the SDK client for a chunked body and still reads every byte', async () => {
    const env = envFor();
    const conn = plainConn(endpoint);
    const first = await directGetWithBody(env, conn, { Bucket: 'b', Key: 'k' }, new AbortController().signal, (b) =>
      readAll(b, body.length),
    );
    expect(first.direct).toBe(false);
    expect(md5(first.bytes)).toBe(md5(body));
    // One try on the socket reader, refused; then the SDK's client, and from then on only it.
    expect(env.stats.retries).toBe(1);
    const before = requests;
    const second = await directGetWithBody(env, conn, { Bucket: 'b', Key: 'k' }, new AbortController().signal, (b) =>
      readAll(b, body.length),
    );
    expect(second.direct).toBe(false);
    expect(requests - before).toBe(1);
    expect(env.stats.retries).toBe(1);
  });
});

describe('kept-alive sockets', () => {
  const body = randomBytes(2 * MiB + 7);
  let srv: Server;
  let endpoint = '';
  let connections = 0;
  /** When set, the server drops each connection a moment after its answer, without saying so. */
  let dropAfterAnswer = false;
  beforeAll(async () => {
    srv = createServer((req, res) => {
      res.writeHead(200, { 'content-length': String(body.length), etag: `"${md5(body)}"` });
      res.end(body);
      req.resume();
      if (dropAfterAnswer) res.on('finish', () => setTimeout(() => req.socket.destroy(), 20));
    });
    srv.on('connection', () => connections++);
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    endpoint = `http://127.0.0.1:${(srv.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => srv.close(() => r())));

  const conn = () => plainConn(endpoint);

  it('keeps one connection for requests one after another while the server keeps it open', async () => {
    const env = envFor();
    const c = conn();
    const before = connections;
    for (let i = 0; i < 3; i++) {
      const got = await directGetWithBody(env, c, { Bucket: 'b', Key: 'k' }, new AbortController().signal, (b) => readAll(b, body.length));
      expect(got.direct).toBe(true);
      expect(md5(got.bytes)).toBe(md5(body));
    }
    expect(connections - before).toBe(1);
  });

  it('sends the request again on a new connection when the server has closed it, without counting a retry', async () => {
    const env = envFor();
    const c = conn();
    dropAfterAnswer = true;
    const before = connections;
    for (let i = 0; i < 3; i++) {
      const got = await directGetWithBody(env, c, { Bucket: 'b', Key: 'k' }, new AbortController().signal, (b) => readAll(b, body.length));
      expect(got.direct).toBe(true);
      expect(md5(got.bytes)).toBe(md5(body));
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(env.stats.retries).toBe(0);
    // The first request may still find the previous test's connection open; every later one finds it gone.
    expect(connections - before).toBeGreaterThanOrEqual(2);
  });
});
