// Serve mode's /preview route against the real servers: a 200 MiB text
// object costs one ranged GET of at most 256 KiB (counted at a logging proxy
// in front of the server); a request without the token is refused; content
// is typed by what Ferry sniffed, with the server's claim beside it; an SVG
// is answered sandboxed, as an image.
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { request } from 'node:http';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionSummary } from '../../app/api/types';
import { TEXT_CAP } from '../../app/preview/preview-read';
import { startServe, type ServeHandle } from '../../app/serve/serve-host';
import { startRequestLog, type RequestLog } from '../../e2e/servers/request-log';
import { createBucket, expectOk, putObject, sdkClient, servers, uniqueBucket } from './support';

const all = servers();
const MiB = 1024 * 1024;

function get(serve: ServeHandle, urlPath: string, withToken = true) {
  return new Promise<{ status: number; body: Buffer; headers: Record<string, string | string[] | undefined> }>((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: serve.port,
        path: urlPath,
        headers: { host: `127.0.0.1:${serve.port}`, ...(withToken ? { cookie: `ferry_token=${serve.token}` } : {}) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks), headers: res.headers }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe.runIf(all.length > 0).each(all.map((s) => [s.label, s] as const))('previews on %s', (_label, s) => {
  let serve: ServeHandle;
  let log: RequestLog;
  let connectionId = '';
  const bucket = uniqueBucket('preview');
  const url = (key: string, extra = '') =>
    `/preview?item=${encodeURIComponent(JSON.stringify({ kind: 's3', connectionId, bucket, key }))}${extra}`;

  beforeAll(async () => {
    const rendererDir = await mkdtemp(path.join(tmpdir(), 'ferry-renderer-'));
    await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>Ferry</title>');
    serve = await startServe({ rendererDir, homeDir: tmpdir(), userDataDir: await mkdtemp(path.join(tmpdir(), 'ferry-data-')) });
    log = await startRequestLog(s.endpoint);
    const added = await expectOk<ConnectionSummary>(
      serve.core.dispatch('connections.add', {
        label: s.label,
        endpoint: log.endpoint,
        region: s.region,
        accessKeyId: s.accessKeyId,
        secretAccessKey: s.secretAccessKey,
        pathStyle: true,
      }),
    );
    connectionId = added.id;
    await createBucket(s, bucket);
  });
  afterAll(async () => {
    await serve.close();
    await log.stop();
  });

  it('reads at most the cap of a 200 MiB text object, in one ranged GET', async () => {
    const line = Buffer.from('2026-12-06T06:00:00Z INFO ferry preview test line with some words in it\n');
    const body = Buffer.alloc(200 * MiB);
    for (let at = 0; at < body.length; at += line.length) line.copy(body, at);
    await sdkClient(s).send(new PutObjectCommand({ Bucket: bucket, Key: 'logs/huge.log', Body: body, ContentType: 'text/plain' }));
    const since = log.requests.length;
    const res = await get(serve, url('logs/huge.log'));
    expect(res.status).toBe(200);
    expect(res.body.length).toBe(TEXT_CAP);
    expect(res.body.equals(body.subarray(0, TEXT_CAP))).toBe(true);
    expect(res.headers['x-ferry-size']).toBe(String(200 * MiB));
    expect(res.headers['x-ferry-kind']).toBe('text');
    // (The connection's quiet capability probe runs on first use too; only reads of this object count.)
    const gets = log.requests.slice(since).filter((r) => r.method === 'GET' && r.path.endsWith('/logs/huge.log'));
    expect(gets).toHaveLength(1);
    expect(gets[0]?.range).toBe(`bytes=0-${TEXT_CAP - 1}`);
    await new Promise((r) => setTimeout(r, 200));
    expect(gets[0]?.bytesOut).toBeLessThanOrEqual(TEXT_CAP);

    // "Load more": the next slice, again one ranged GET.
    const more = await get(serve, url('logs/huge.log', `&offset=${TEXT_CAP}&length=${TEXT_CAP}`));
    expect(more.body.equals(body.subarray(TEXT_CAP, 2 * TEXT_CAP))).toBe(true);
  }, 120_000);

  it('refuses a request without the token', async () => {
    const res = await get(serve, url('logs/huge.log'), false);
    expect(res.status).toBe(401);
  });

  it('types content by what it is, and shows what the server claimed', async () => {
    await putObject(s, bucket, 'fake.jpg', Buffer.from('<html><script>alert(1)</script></html>'), { ContentType: 'image/jpeg' });
    const res = await get(serve, url('fake.jpg'));
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(res.headers['x-ferry-sniffed']).toBe('text/plain');
    expect(decodeURIComponent(String(res.headers['x-ferry-claimed']))).toBe('image/jpeg');
    expect(res.headers['x-ferry-agree']).toBe('no');
  });

  it('answers an SVG as a sandboxed image', async () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>window.parent.pwned=1</script><rect width="10" height="10"/></svg>';
    await putObject(s, bucket, 'icon.svg', Buffer.from(svg), { ContentType: 'text/html' });
    const res = await get(serve, url('icon.svg'));
    expect(res.headers['content-type']).toBe('image/svg+xml');
    expect(res.headers['x-ferry-kind']).toBe('svg');
    expect(res.headers['content-security-policy']).toContain('sandbox');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('refuses a slice larger than the whole-file cap, and a bad item', async () => {
    expect((await get(serve, url('icon.svg', `&length=${64 * MiB}`))).status).toBe(400);
    expect((await get(serve, '/preview?item=%7B%7D')).status).toBe(400);
  });
});
