// Serve mode's two file routes over real HTTP: browser uploads into the
// staging area (then a real transfer to a real server) and browser downloads.
import { request } from 'node:http';
import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobSnapshot } from '../../app/api/types';
import type { ServerMessage } from '../../app/api/wire';
import { startServe, type ServeHandle } from '../../app/serve/serve-host';
import { createBucket, objectBytes, putObject, servers, sha256, uniqueBucket } from './support';

let serve: ServeHandle;
let dataDir: string;
let ws: WebSocket;
const waiting = new Map<number, (m: ServerMessage) => void>();
const events: ServerMessage[] = [];
let nextId = 1;

beforeAll(async () => {
  const rendererDir = await mkdtemp(path.join(tmpdir(), 'ferry-renderer-'));
  await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>Ferry</title>');
  dataDir = await mkdtemp(path.join(tmpdir(), 'ferry-data-'));
  serve = await startServe({ rendererDir, homeDir: tmpdir(), userDataDir: dataDir });
  ws = new WebSocket(`ws://127.0.0.1:${serve.port}/ws?token=${serve.token}`, { origin: `http://127.0.0.1:${serve.port}` });
  ws.on('message', (data) => {
    const msg = JSON.parse(String(data)) as ServerMessage;
    if (msg.type === 'result') waiting.get(msg.id)?.(msg);
    else events.push(msg);
  });
  await new Promise((resolve) => ws.once('open', resolve));
});
afterAll(async () => {
  ws.close();
  await serve.close();
});

async function call<T>(method: string, args: unknown): Promise<T> {
  const id = nextId++;
  ws.send(JSON.stringify({ type: 'call', id, method, args }));
  const msg = await new Promise<ServerMessage>((resolve) => waiting.set(id, resolve));
  if (msg.type !== 'result' || !msg.outcome.ok) throw new Error(JSON.stringify(msg));
  return msg.outcome.value as T;
}

function http(method: string, urlPath: string, body?: Buffer, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; body: Buffer; headers: Record<string, unknown> }>((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: serve.port,
        method,
        path: urlPath,
        headers: {
          host: `127.0.0.1:${serve.port}`,
          cookie: `ferry_token=${serve.token}`,
          origin: `http://127.0.0.1:${serve.port}`,
          ...headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks), headers: res.headers }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('serve mode: browser uploads', () => {
  it('stages dropped files, refuses bad bodies, then uploads them to a real server and cleans up', async () => {
    const srv = servers()[0];
    if (!srv) throw new Error('needs a server');
    const bucket = uniqueBucket('upl');
    await createBucket(srv, bucket);
    const conn = await call<{ id: string }>('connections.add', {
      label: srv.label,
      endpoint: srv.endpoint,
      region: srv.region,
      accessKeyId: srv.accessKeyId,
      secretAccessKey: srv.secretAccessKey,
      pathStyle: true,
    });
    const a = Buffer.from('first file\n');
    const b = Buffer.alloc(300_000, 9);
    const { uploadId, urls } = await call<{ uploadId: string; urls: string[] }>('upload.begin', {
      files: [
        { relativePath: 'a.txt', size: a.length },
        { relativePath: 'deep/dir/b.bin', size: b.length },
      ],
    });
    expect(urls).toEqual([`/upload/${uploadId}/0`, `/upload/${uploadId}/1`]);

    expect((await http('PUT', urls[0] ?? '', a, { origin: 'http://evil.example' })).status).toBe(403);
    expect((await http('PUT', urls[0] ?? '', a, { cookie: '' })).status).toBe(401);
    const noOrigin = await new Promise<number>((resolve) => {
      const req = request(
        { host: '127.0.0.1', port: serve.port, method: 'PUT', path: urls[0], headers: { cookie: `ferry_token=${serve.token}` } },
        (res) => resolve(res.statusCode ?? 0),
      );
      req.end(a);
    });
    expect(noOrigin).toBe(403);
    expect((await http('PUT', `/upload/00000000-0000-0000-0000-000000000000/0`, a)).status).toBe(404);
    const short = await http('PUT', urls[1] ?? '', b.subarray(0, 1000));
    expect(short.status).toBe(400);
    expect(JSON.parse(short.body.toString())).toMatchObject({ code: 'invalid-arguments' });

    const early = await new Promise<ServerMessage>((resolve) => {
      const id = nextId++;
      waiting.set(id, resolve);
      ws.send(
        JSON.stringify({
          type: 'call',
          id,
          method: 'upload.commit',
          args: { uploadId, destination: { kind: 's3', connectionId: conn.id, bucket, prefix: 'in/' } },
        }),
      );
    });
    expect(early).toMatchObject({ outcome: { ok: false, error: { code: 'invalid-arguments' } } });

    expect((await http('PUT', urls[0] ?? '', a)).status).toBe(204);
    expect((await http('PUT', urls[1] ?? '', b)).status).toBe(204);
    const job = await call<JobSnapshot>('upload.commit', {
      uploadId,
      destination: { kind: 's3', connectionId: conn.id, bucket, prefix: 'in/' },
      conflict: 'ask',
    });
    await expect
      .poll(
        () =>
          events.some(
            (e) => e.type === 'event' && e.name === 'transfer.progress' && e.payload.some((j) => j.id === job.id && j.state === 'done'),
          ),
        {
          timeout: 30_000,
        },
      )
      .toBe(true);
    expect(sha256(await objectBytes(srv, bucket, 'in/a.txt'))).toBe(sha256(a));
    expect(sha256(await objectBytes(srv, bucket, 'in/deep/dir/b.bin'))).toBe(sha256(b));
    await expect.poll(async () => readdir(path.join(dataDir, 'uploads')), { timeout: 10_000 }).toEqual([]);
  });
});

describe('serve mode: browser downloads', () => {
  it('streams an object with its name, and refuses bad or unauthenticated requests', async () => {
    const srv = servers()[0];
    if (!srv) throw new Error('needs a server');
    const bucket = uniqueBucket('dl');
    await createBucket(srv, bucket);
    const bytes = Buffer.alloc(123_457, 3);
    await putObject(srv, bucket, 'x/ünï code.bin', bytes, { ContentType: 'application/x-test' });
    const conn = await call<{ id: string }>('connections.add', {
      label: 'dl',
      endpoint: srv.endpoint,
      region: srv.region,
      accessKeyId: srv.accessKeyId,
      secretAccessKey: srv.secretAccessKey,
      pathStyle: true,
    });
    const item = encodeURIComponent(JSON.stringify({ kind: 's3', connectionId: conn.id, bucket, key: 'x/ünï code.bin' }));
    const ok = await http('GET', `/download?item=${item}`);
    expect(ok.status).toBe(200);
    expect(sha256(ok.body)).toBe(sha256(bytes));
    expect(ok.headers['content-type']).toBe('application/x-test');
    expect(String(ok.headers['content-disposition'])).toContain(`filename*=UTF-8''${encodeURIComponent('ünï code.bin')}`);

    expect((await http('GET', `/download?item=${item}`, undefined, { cookie: '' })).status).toBe(401);
    expect((await http('GET', `/download?item=%7Bbad`)).status).toBe(400);
    const missing = encodeURIComponent(JSON.stringify({ kind: 's3', connectionId: conn.id, bucket, key: 'nope' }));
    expect((await http('GET', `/download?item=${missing}`)).status).toBe(404);
  });
});
