// The direct path's HTTP exchange (app/s3/direct/prepared/lean-http.ts) against a plain Node server written here:
// bodies both ways, abort, a reset named as the SDK's handler names it, and a connection that never completes
// timed out with the message refused-endpoint reporting reads. (S3 behaviour through it is covered with the real
// servers by s3-direct-path, transfer-faults and transfer-download-faults, which now take this path.)
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leanExchange, type LeanAgents } from '../../app/s3/direct/prepared/lean-http.js';
import { isClientConnectTimeout } from '../../app/s3/requests/refused-endpoints.js';

let server: http.Server;
let port = 0;
const seen: { method: string; url: string; body: Buffer; headers: http.IncomingHttpHeaders }[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', body: Buffer.concat(chunks), headers: req.headers });
      if (req.url?.startsWith('/silent')) return; // never answers
      if (req.url?.startsWith('/reset')) {
        req.socket.destroy();
        return;
      }
      res.setHeader('x-amz-meta-Colour', 'blue');
      res.setHeader('ETag', '"abc"');
      res.end(req.method === 'GET' ? 'hello' : '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const agents = (): LeanAgents => ({
  http: new http.Agent({ keepAlive: true }),
  https: new https.Agent({ keepAlive: true }),
  connectTimeoutMs: 2_000,
  socketTimeoutMs: 60_000,
});

async function text(body: NodeJS.ReadableStream): Promise<string> {
  let s = '';
  for await (const c of body) s += (c as Buffer).toString();
  return s;
}

describe('lean HTTP exchange', () => {
  it('sends the path, query, headers and body as given, and hands back status, lower-case headers and the body', async () => {
    const a = agents();
    const put = await leanExchange(
      a,
      {
        method: 'PUT',
        protocol: 'http:',
        hostname: '127.0.0.1',
        port,
        path: '/bucket/a%20b',
        query: { partNumber: '2', uploadId: 'x/y' },
        headers: { 'content-length': '4', 'x-amz-meta-k': 'v' },
        body: Buffer.from('data'),
      },
      undefined,
    );
    expect(put.statusCode).toBe(200);
    await text(put.body);
    const last = seen.at(-1);
    expect(last?.method).toBe('PUT');
    expect(last?.url).toBe('/bucket/a%20b?partNumber=2&uploadId=x%2Fy');
    expect(last?.body.toString()).toBe('data');
    expect(last?.headers['x-amz-meta-k']).toBe('v');
    const get = await leanExchange(
      a,
      { method: 'GET', protocol: 'http:', hostname: '127.0.0.1', port, path: '/bucket/k', headers: {} },
      undefined,
    );
    expect(get.headers['x-amz-meta-colour']).toBe('blue');
    expect(get.headers.etag).toBe('"abc"');
    expect(await text(get.body)).toBe('hello');
    a.http.destroy();
  });

  it('an abort cuts the request and rejects as AbortError', async () => {
    const a = agents();
    const ac = new AbortController();
    const pending = leanExchange(
      a,
      { method: 'GET', protocol: 'http:', hostname: '127.0.0.1', port, path: '/silent', headers: {} },
      ac.signal,
    );
    setTimeout(() => ac.abort(new Error('stop')), 50);
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    a.http.destroy();
  });

  it('a connection reset is a TimeoutError with its code, as the SDK handler reports it (retries read both)', async () => {
    const a = agents();
    const err = await leanExchange(
      a,
      { method: 'GET', protocol: 'http:', hostname: '127.0.0.1', port, path: '/reset', headers: {} },
      undefined,
    ).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'TimeoutError', code: 'ECONNRESET' });
    a.http.destroy();
  });

  it('a connection that never completes is cut after the connect timeout, in the words refused-endpoint reporting reads', async () => {
    // A SYN nobody answers: a socket that stays "connecting" (what a dropped packet looks like from here).
    const stuck = new http.Agent();
    stuck.createConnection = () => {
      const s = new net.Socket();
      Object.defineProperty(s, 'connecting', { value: true });
      return s;
    };
    const err = await leanExchange(
      { ...agents(), http: stuck, connectTimeoutMs: 100 },
      { method: 'GET', protocol: 'http:', hostname: '127.0.0.1', port, path: '/k', headers: {} },
      undefined,
    ).catch((e: unknown) => e);
    expect(isClientConnectTimeout(err)).toBe(true);
    expect((err as Error).message).toContain('within 100 ms');
  });
});
