// Serve mode over real HTTP and WebSocket: who gets in, and what the page
// receives. The secret test records every message a renderer would receive
// while it adds connections, browses, inspects, copies and fails.
import { request } from 'node:http';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobSnapshot } from '../../app/api/types';
import type { ServerMessage } from '../../app/api/wire';
import { startServe, type ServeHandle } from '../../app/serve/serve-host';
import { createBucket, putObject, servers, uniqueBucket } from './support';

let serve: ServeHandle;

beforeAll(async () => {
  const rendererDir = await mkdtemp(path.join(tmpdir(), 'ferry-renderer-'));
  await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>Ferry</title>');
  serve = await startServe({ rendererDir, homeDir: tmpdir(), userDataDir: await mkdtemp(path.join(tmpdir(), 'ferry-data-')) });
});
afterAll(() => serve.close());

function get(pathAndQuery: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: serve.port, path: pathAndQuery, headers }, (res) => {
      res.resume();
      resolve({ status: res.statusCode ?? 0, headers: res.headers });
    });
    req.on('error', reject);
    req.end();
  });
}

function openSocket(opts: { query?: string; origin?: string; host?: string } = {}): Promise<WebSocket> {
  const query = opts.query ?? `?token=${serve.token}`;
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${serve.port}/ws${query}`, {
      origin: opts.origin ?? `http://127.0.0.1:${serve.port}`,
      ...(opts.host ? { headers: { host: opts.host } } : {}),
    });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`refused with ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

/** A tiny client that records every message the page would see. */
function client(ws: WebSocket) {
  const received: string[] = [];
  const waiting = new Map<number, (m: ServerMessage) => void>();
  const listeners: ((m: ServerMessage) => void)[] = [];
  let next = 1;
  ws.on('message', (data) => {
    const text = String(data);
    received.push(text);
    const msg = JSON.parse(text) as ServerMessage;
    if (msg.type === 'result') waiting.get(msg.id)?.(msg);
    for (const l of listeners) l(msg);
  });
  return {
    received,
    call(method: string, args: unknown): Promise<ServerMessage> {
      const id = next++;
      ws.send(JSON.stringify({ type: 'call', id, method, args }));
      return new Promise((resolve) => waiting.set(id, resolve));
    },
    sendRaw(text: string) {
      ws.send(text);
    },
    until(predicate: (m: ServerMessage) => boolean): Promise<ServerMessage> {
      return new Promise((resolve) => listeners.push((m) => predicate(m) && resolve(m)));
    },
  };
}

describe('serve mode: who may connect', () => {
  it('prints a URL on the loopback address with a token', () => {
    expect(serve.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${serve.port}/\\?token=[A-Za-z0-9_-]{20,}$`));
  });

  it('serves the page with the token, and sets a strict same-site cookie and a CSP', async () => {
    const res = await get(`/?token=${serve.token}`, { host: `127.0.0.1:${serve.port}` });
    expect(res.status).toBe(200);
    expect(String(res.headers['set-cookie'])).toContain('HttpOnly; SameSite=Strict');
    expect(String(res.headers['content-security-policy'])).toContain("script-src 'self'");
  });

  it('refuses an HTTP request without the token', async () => {
    expect((await get('/', { host: `127.0.0.1:${serve.port}` })).status).toBe(401);
    expect((await get('/index.html?token=wrong', { host: `127.0.0.1:${serve.port}` })).status).toBe(401);
  });

  it('refuses a foreign Host even with the token', async () => {
    expect((await get(`/?token=${serve.token}`, { host: `attacker.example:${serve.port}` })).status).toBe(403);
  });

  it('refuses a WebSocket without the token, from a foreign Origin, or to a foreign Host', async () => {
    await expect(openSocket({ query: '' })).rejects.toThrow('401');
    await expect(openSocket({ origin: 'http://evil.example' })).rejects.toThrow('403');
    await expect(openSocket({ host: `rebound.example:${serve.port}` })).rejects.toThrow('403');
  });

  it('accepts the WebSocket with the cookie alone', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${serve.port}/ws`, {
      origin: `http://127.0.0.1:${serve.port}`,
      headers: { cookie: `ferry_token=${serve.token}` },
    });
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    ws.close();
  });

  it('answers malformed messages and bad arguments with typed errors', async () => {
    const ws = await openSocket();
    const c = client(ws);
    const bad = await c.call('browse.list', { location: { kind: 'local' } });
    expect(bad).toMatchObject({ type: 'result', outcome: { ok: false, error: { code: 'invalid-arguments', retryable: false } } });
    c.sendRaw(JSON.stringify({ type: 'call', id: 99, method: 42 }));
    const shape = await c.until((m) => m.type === 'result' && m.id === 99);
    expect(shape).toMatchObject({ outcome: { ok: false, error: { code: 'invalid-arguments' } } });
    ws.close();
  });
});

describe('secrets never reach the page', () => {
  it('no message carries a secret through add, list, browse, inspect, copy and failure', async () => {
    const [a, b] = servers();
    if (!a || !b) throw new Error('this test needs two running servers');
    const ws = await openSocket();
    const c = client(ws);
    const bucketA = uniqueBucket('sec');
    const bucketB = uniqueBucket('sec');
    await createBucket(a, bucketA);
    await createBucket(b, bucketB);
    await putObject(a, bucketA, 'k.txt', Buffer.from('payload'), { Metadata: { m: '1' } });

    const add = async (s: typeof a, secret: string) => {
      const r = await c.call('connections.add', {
        label: s.label,
        endpoint: s.endpoint,
        region: s.region,
        accessKeyId: s.accessKeyId,
        secretAccessKey: secret,
        pathStyle: true,
      });
      if (r.type !== 'result' || !r.outcome.ok) throw new Error('add failed');
      return (r.outcome.value as { id: string }).id;
    };
    const idA = await add(a, a.secretAccessKey);
    const idB = await add(b, b.secretAccessKey);
    const wrongSecret = 'Wr0ng-Secret-Never-Shown-123';
    const idBad = await add(a, wrongSecret);

    await c.call('connections.list', {});
    await c.call('browse.list', { location: { kind: 's3', connectionId: idA, bucket: '', prefix: '' } });
    await c.call('browse.list', { location: { kind: 's3', connectionId: idA, bucket: bucketA, prefix: '' } });
    await c.call('object.inspect', { item: { kind: 's3', connectionId: idA, bucket: bucketA, key: 'k.txt' } });
    const failed = await c.call('browse.list', { location: { kind: 's3', connectionId: idBad, bucket: '', prefix: '' } });
    expect(failed).toMatchObject({ outcome: { ok: false, error: { code: 'invalid-credentials' } } });
    const started = await c.call('transfer.start', {
      sources: [{ kind: 's3', connectionId: idA, bucket: bucketA, key: 'k.txt' }],
      destination: { kind: 's3', connectionId: idB, bucket: bucketB, prefix: '' },
    });
    const jobId = started.type === 'result' && started.outcome.ok ? (started.outcome.value as JobSnapshot).id : '';
    await c.until(
      (m) => m.type === 'event' && m.name === 'transfer.progress' && m.payload.some((j) => j.id === jobId && j.state === 'done'),
    );
    await c.call('transfer.list', {});
    ws.close();

    const everything = c.received.join('\n');
    expect(c.received.length).toBeGreaterThan(8);
    expect(everything).toContain(a.accessKeyId);
    for (const secret of [a.secretAccessKey, b.secretAccessKey, wrongSecret]) expect(everything).not.toContain(secret);
  });
});
