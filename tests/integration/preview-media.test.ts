// Audio and video play from serve mode's /preview/media route with HTTP
// Range on every test server: a player's "bytes=0-" gets a 206 of at most
// one chunk, a seek far into a 24 MiB video gets exactly the bytes asked for
// through one ranged GET of that size (counted at a logging proxy), the last
// bytes can be asked as a suffix, a range past the end is a 416 with the
// size, and a text object is not served as media. A PDF is streamed to the
// viewer whole or by range, typed by its bytes, as a sandboxed document.
import { request } from 'node:http';
import { randomBytes } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionSummary } from '../../app/api/types';
import { MEDIA_CHUNK } from '../../app/preview/media-answer';
import { startServe, type ServeHandle } from '../../app/serve/serve-host';
import { startRequestLog, type RequestLog } from '../../e2e/servers/request-log';
import { createBucket, expectOk, putObject, servers, uniqueBucket } from './support';

const all = servers();
const MiB = 1024 * 1024;

function get(serve: ServeHandle, urlPath: string, range?: string) {
  return new Promise<{ status: number; body: Buffer; headers: Record<string, string | string[] | undefined> }>((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: serve.port,
        path: urlPath,
        headers: { host: `127.0.0.1:${serve.port}`, cookie: `ferry_token=${serve.token}`, ...(range ? { range } : {}) },
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

describe.runIf(all.length > 0).each(all.map((s) => [s.label, s] as const))('media previews on %s', (_label, s) => {
  let serve: ServeHandle;
  let log: RequestLog;
  let connectionId = '';
  const bucket = uniqueBucket('media');
  // An MP4's "ftyp" box, then noise: enough for Ferry to know it is video.
  const video = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypisom'), randomBytes(24 * MiB - 12)]);
  // A PDF's signature, then noise: two and a half chunks.
  const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(2 * MEDIA_CHUNK + MEDIA_CHUNK / 2)]);
  const url = (key: string) => `/preview/media?item=${encodeURIComponent(JSON.stringify({ kind: 's3', connectionId, bucket, key }))}`;

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
    await putObject(s, bucket, 'clips/film.mp4', video);
    await putObject(s, bucket, 'clips/notes.txt', Buffer.from('not a film\n'));
    await putObject(s, bucket, 'docs/manual.pdf', pdf, { ContentType: 'application/octet-stream' });
  }, 120_000);
  afterAll(async () => {
    await serve?.close();
    await log?.stop();
  });

  it("answers a player's open-ended first request with one chunk, as a 206 typed by what it sniffed", async () => {
    const res = await get(serve, url('clips/film.mp4'), 'bytes=0-');
    expect(res.status).toBe(206);
    expect(res.headers['content-type']).toBe('video/mp4');
    expect(res.headers['accept-ranges']).toBe('bytes');
    expect(res.headers['content-range']).toBe(`bytes 0-${MEDIA_CHUNK - 1}/${video.length}`);
    expect(res.body.equals(video.subarray(0, MEDIA_CHUNK))).toBe(true);
  });

  it('seeks: a range deep in the file costs one ranged GET of that size, never the whole object', async () => {
    const since = log.requests.length;
    const start = 17 * MiB + 3;
    const res = await get(serve, url('clips/film.mp4'), `bytes=${start}-${start + 99_999}`);
    expect(res.status).toBe(206);
    expect(res.headers['content-range']).toBe(`bytes ${start}-${start + 99_999}/${video.length}`);
    expect(res.body.equals(video.subarray(start, start + 100_000))).toBe(true);
    const gets = log.requests.slice(since).filter((r) => r.method === 'GET' && r.path.endsWith('/clips/film.mp4'));
    // The format check reads the first 64 bytes; the seek reads exactly its range.
    expect(gets.map((g) => g.range)).toEqual(['bytes=0-63', `bytes=${start}-${start + 99_999}`]);
    expect(gets.reduce((n, g) => n + g.bytesOut, 0)).toBeLessThanOrEqual(100_000 + 64);
  });

  it('answers a suffix range and refuses one past the end with the size', async () => {
    const tail = await get(serve, url('clips/film.mp4'), 'bytes=-500');
    expect(tail.status).toBe(206);
    expect(tail.headers['content-range']).toBe(`bytes ${video.length - 500}-${video.length - 1}/${video.length}`);
    expect(tail.body.equals(video.subarray(video.length - 500))).toBe(true);
    const past = await get(serve, url('clips/film.mp4'), `bytes=${video.length}-`);
    expect(past.status).toBe(416);
    expect(past.headers['content-range']).toBe(`bytes */${video.length}`);
  });

  it('does not serve text as media', async () => {
    const res = await get(serve, url('clips/notes.txt'), 'bytes=0-');
    expect(res.status).toBe(400);
    expect(res.body.toString()).toContain('Only audio, video and PDF files');
  });

  it('streams a PDF whole to the viewer by ranged GETs of at most one chunk, as an inert document', async () => {
    const since = log.requests.length;
    const res = await get(serve, url('docs/manual.pdf'));
    expect(res.status).toBe(200);
    // Typed by its bytes, not by the server's octet-stream claim.
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-length']).toBe(String(pdf.length));
    expect(res.headers['accept-ranges']).toBe('bytes');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'self'; sandbox");
    expect(res.headers['content-disposition']).toContain("filename*=UTF-8''manual.pdf");
    expect(res.body.equals(pdf)).toBe(true);
    const gets = log.requests.slice(since).filter((r) => r.method === 'GET' && r.path.endsWith('/docs/manual.pdf'));
    const ranges = gets.map((g) => /^bytes=(\d+)-(\d+)$/.exec(g.range ?? ''));
    expect(ranges.every((m) => m !== null && Number(m[2]) - Number(m[1]) + 1 <= MEDIA_CHUNK)).toBe(true);
    expect(gets.length).toBe(4);
  });

  it('lets the page frame that one route only, and no plugin object', async () => {
    const page = await get(serve, '/');
    const csp = String(page.headers['content-security-policy']).split('; ');
    expect(csp.filter((d) => d.startsWith('frame-src'))).toEqual([
      `frame-src http://127.0.0.1:${serve.port}/preview/media http://localhost:${serve.port}/preview/media`,
    ]);
    expect(csp).toContain("object-src 'none'");
  });

  it("answers the viewer's range request for a PDF with exactly those bytes", async () => {
    const since = log.requests.length;
    const start = 2 * MEDIA_CHUNK + 17;
    const res = await get(serve, url('docs/manual.pdf'), `bytes=${start}-${start + 65_535}`);
    expect(res.status).toBe(206);
    expect(res.headers['content-range']).toBe(`bytes ${start}-${start + 65_535}/${pdf.length}`);
    expect(res.headers['content-security-policy']).toContain('sandbox');
    expect(res.body.equals(pdf.subarray(start, start + 65_536))).toBe(true);
    const gets = log.requests.slice(since).filter((r) => r.method === 'GET' && r.path.endsWith('/docs/manual.pdf'));
    expect(gets.map((g) => g.range)).toEqual(['bytes=0-63', `bytes=${start}-${start + 65_535}`]);
  });
});
