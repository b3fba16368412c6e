// Retries against a real HTTP server on loopback that answers like a busy S3:
// 503 SlowDown with Retry-After, then success. The engine's request path must
// wait as told and then succeed; errors that retrying cannot fix fail at once.
import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FerryError } from '../../app/api/errors';
import { isRetryable, retryAfterMs, withRetry } from '../../app/s3/requests/retry';
import { request, type Conn, type RequestEnv } from '../../app/s3/requests/request';
import { Scheduler } from '../../app/transfer/scheduler';
import { resolveTuning } from '../../app/transfer/tuning';

let server: Server;
let endpoint = '';
const seen: number[] = [];
let slowDowns = 2;

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push(Date.now());
    if (slowDowns > 0) {
      slowDowns--;
      res.writeHead(503, { 'retry-after': '1', 'content-type': 'application/xml' });
      res.end('<?xml version="1.0"?><Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>');
      return;
    }
    if (req.url?.includes('missing')) {
      res.writeHead(404, { 'content-length': '0' });
      res.end();
      return;
    }
    res.writeHead(200, { 'content-length': '5', etag: '"abc"', 'last-modified': new Date().toUTCString() });
    res.end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

function env(): { env: RequestEnv; conn: Conn } {
  const tuning = resolveTuning({ retryBaseMs: 10, maxAttempts: 4, idleTimeoutMs: 5_000 });
  const client = new S3Client({
    endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
    // The client's own retries would hide Ferry's: the engine switches them off per request anyway.
    maxAttempts: 5,
  });
  return {
    env: { scheduler: new Scheduler(tuning), tuning, stats: { requests: 0, retries: 0, stalls: 0 } },
    conn: { id: 'c', client, summary: { id: 'c', label: 'local', endpoint, region: 'us-east-1', pathStyle: true, accessKeyId: 'a' } },
  };
}

describe('retries', () => {
  it('honours 503 SlowDown and Retry-After, then succeeds', async () => {
    const { env: e, conn } = env();
    seen.length = 0;
    slowDowns = 2;
    const out = await request(e, conn, new AbortController().signal, (client, prep, abortSignal) =>
      client.send(prep(new HeadObjectCommand({ Bucket: 'b', Key: 'k' })), { abortSignal }),
    );
    expect(out.ContentLength).toBe(5);
    // Exactly three requests: Ferry's retries only, none added by the SDK underneath.
    expect(seen).toHaveLength(3);
    expect(e.stats).toMatchObject({ requests: 3, retries: 2 });
    // Each retry waited for the second the server asked for.
    expect((seen[1] as number) - (seen[0] as number)).toBeGreaterThanOrEqual(950);
    expect((seen[2] as number) - (seen[1] as number)).toBeGreaterThanOrEqual(950);
  });

  it('does not retry what cannot improve: a missing object fails at the first answer', async () => {
    const { env: e, conn } = env();
    seen.length = 0;
    slowDowns = 0;
    await expect(
      request(e, conn, new AbortController().signal, (client, prep, abortSignal) =>
        client.send(prep(new HeadObjectCommand({ Bucket: 'b', Key: 'missing' })), { abortSignal }),
      ),
    ).rejects.toMatchObject({ $metadata: { httpStatusCode: 404 } });
    expect(seen).toHaveLength(1);
  });

  it('classifies errors', () => {
    expect(isRetryable(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }))).toBe(true);
    expect(isRetryable({ name: 'SlowDown', $metadata: { httpStatusCode: 503 } })).toBe(true);
    expect(isRetryable({ name: 'InternalError', $metadata: { httpStatusCode: 500 } })).toBe(true);
    expect(isRetryable({ name: 'NotImplemented', $metadata: { httpStatusCode: 501 } })).toBe(false);
    expect(isRetryable({ name: 'AccessDenied', $metadata: { httpStatusCode: 403 } })).toBe(false);
    expect(isRetryable({ name: 'NoSuchUpload', $metadata: { httpStatusCode: 404 } })).toBe(false);
    expect(isRetryable(new FerryError('network', 'stalled', { retryable: true }))).toBe(true);
    expect(retryAfterMs({ $response: { headers: { 'Retry-After': '3' } } })).toBe(3000);
    expect(retryAfterMs({ $response: { headers: {} } })).toBeUndefined();
  });

  it('stops retrying when aborted, with the abort reason', async () => {
    const controller = new AbortController();
    let calls = 0;
    const run = withRetry(
      async () => {
        calls++;
        if (calls === 1) setTimeout(() => controller.abort(new Error('paused')), 5);
        throw Object.assign(new Error('reset'), { code: 'ECONNRESET' });
      },
      { maxAttempts: 10, baseMs: 1_000 },
      controller.signal,
    );
    await expect(run).rejects.toThrow('paused');
    expect(calls).toBe(1);
  });
});
