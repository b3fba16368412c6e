// Serve mode against clients that send what no page would: oversized and
// malformed WebSocket frames, junk after the handshake, upload bodies that
// lie about their size. Each may cost its own connection, never the server.
import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { connect } from 'node:net';
import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerMessage } from '../../app/api/wire';
import { startServe, type ServeHandle } from '../../app/serve/serve-host';
import { dropBatches } from '../../renderer/src/bridge/drop-batches';

let serve: ServeHandle;
let dataDir: string;

beforeAll(async () => {
  const rendererDir = await mkdtemp(path.join(tmpdir(), 'ferry-renderer-'));
  await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>Ferry</title>');
  dataDir = await mkdtemp(path.join(tmpdir(), 'ferry-data-'));
  serve = await startServe({ rendererDir, homeDir: tmpdir(), userDataDir: dataDir });
});
afterAll(() => serve.close());

function open(): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${serve.port}/ws?token=${serve.token}`, { origin: `http://127.0.0.1:${serve.port}` });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

function closed(ws: WebSocket): Promise<number> {
  return new Promise((resolve) => {
    ws.on('error', () => undefined);
    ws.once('close', (code) => resolve(code));
  });
}

async function call<T>(ws: WebSocket, method: string, args: unknown, id = 1): Promise<T> {
  const answer = new Promise<ServerMessage>((resolve) => {
    const onMessage = (data: unknown) => {
      const msg = JSON.parse(String(data)) as ServerMessage;
      if (msg.type === 'result' && msg.id === id) {
        ws.off('message', onMessage);
        resolve(msg);
      }
    };
    ws.on('message', onMessage);
  });
  ws.send(JSON.stringify({ type: 'call', id, method, args }));
  const msg = await answer;
  if (msg.type !== 'result' || !msg.outcome.ok) throw new Error(JSON.stringify(msg));
  return msg.outcome.value as T;
}

/** A fresh socket still gets an answer: the server outlived whatever the last client did. */
async function stillAnswers(): Promise<void> {
  const ws = await open();
  const info = await call<{ shell: string }>(ws, 'app.info', {});
  expect(info.shell).toBe('serve');
  ws.close();
}

describe('serve mode: hostile WebSocket clients', () => {
  it('a 64 MiB message closes that socket only (1009), and the server still answers', async () => {
    const bystander = await open();
    const ws = await open();
    const done = closed(ws);
    ws.send(Buffer.alloc(64 * 1024 * 1024, 0x61), { binary: false });
    expect(await done).toBe(1009);
    expect(bystander.readyState).toBe(WebSocket.OPEN);
    expect((await call<{ shell: string }>(bystander, 'app.info', {}, 7)).shell).toBe('serve');
    bystander.close();
    await stillAnswers();
  });

  it('an invalid UTF-8 text frame closes that socket only (1007), and the server still answers', async () => {
    const ws = await open();
    const done = closed(ws);
    // ws does not check what it sends, so this reaches the server as a text frame of bad UTF-8.
    ws.send(Buffer.from([0x7b, 0xff, 0xfe, 0xc3, 0x28, 0x7d]), { binary: false });
    expect(await done).toBe(1007);
    await stillAnswers();
  });

  it('2,000 junk frames after the handshake close that connection only, and the server still answers', async () => {
    const socket = connect(serve.port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    const key = randomBytes(16).toString('base64');
    socket.write(
      `GET /ws?token=${serve.token} HTTP/1.1\r\nHost: 127.0.0.1:${serve.port}\r\nOrigin: http://127.0.0.1:${serve.port}\r\n` +
        `Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
    );
    await new Promise<void>((resolve) => socket.once('data', (d) => (String(d).startsWith('HTTP/1.1 101') ? resolve() : resolve())));
    const ended = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    socket.on('error', () => undefined);
    // Reserved opcodes, set RSV bits, unmasked frames, lengths that lie: a stream no client would send.
    for (let i = 0; i < 2000 && !socket.destroyed; i++) socket.write(randomBytes(2 + (i % 40)));
    await ended;
    await stillAnswers();
  });

  it('2,000 frames of junk text each get a typed error, and the socket stays usable', async () => {
    const ws = await open();
    let errors = 0;
    const all = new Promise<void>((resolve) => {
      ws.on('message', (data) => {
        const msg = JSON.parse(String(data)) as ServerMessage;
        if (msg.type === 'result' && !msg.outcome.ok) errors++;
        if (errors === 2000) resolve();
      });
    });
    for (let i = 0; i < 2000; i++)
      ws.send(JSON.stringify({ type: 'call', id: 1000 + i, method: 'no.such', args: randomBytes(8).toString('hex') }));
    await all;
    expect((await call<{ shell: string }>(ws, 'app.info', {}, 99)).shell).toBe('serve');
    ws.close();
  });
});

function put(urlPath: string, body: Buffer, cut = false): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({
      host: '127.0.0.1',
      port: serve.port,
      method: 'PUT',
      path: urlPath,
      headers: {
        host: `127.0.0.1:${serve.port}`,
        cookie: `ferry_token=${serve.token}`,
        origin: `http://127.0.0.1:${serve.port}`,
        ...(cut ? { 'content-length': String(body.length * 2) } : {}),
      },
    });
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', (e) => (cut ? resolve(0) : reject(e)));
    if (cut) {
      req.write(body);
      setTimeout(() => req.destroy(), 200);
    } else req.end(body);
  });
}

async function stagedFiles(uploadId: string): Promise<string[]> {
  return readdir(path.join(dataDir, 'uploads', uploadId)).catch(() => []);
}

describe('serve mode: dropped files', () => {
  it('a drop of 100,000 files is announced in batches under the message cap and every file goes through', async () => {
    const files = Array.from({ length: 100_000 }, (_, i) => ({
      relativePath: `drop/${String(i).padStart(6, '0')}-${'x'.repeat(60)}.txt`,
      size: 0,
    }));
    const batches = dropBatches(files);
    expect(batches.length).toBeGreaterThan(10);
    for (const b of batches)
      expect(Buffer.byteLength(JSON.stringify({ type: 'call', id: 1, method: 'upload.add', args: { files: b } }))).toBeLessThan(
        1024 * 1024,
      );
    const ws = await open();
    const [first, ...rest] = batches;
    const { uploadId, urls } = await call<{ uploadId: string; urls: string[] }>(ws, 'upload.begin', { files: first }, 1);
    let id = 2;
    for (const b of rest) urls.push(...(await call<{ urls: string[] }>(ws, 'upload.add', { uploadId, files: b }, id++)).urls);
    expect(urls).toHaveLength(100_000);
    expect(new Set(urls).size).toBe(100_000);
    // Every body, sixteen at a time, as the page would send them.
    let next = 0;
    const statuses = new Map<number, number>();
    const worker = async () => {
      for (let i = next++; i < urls.length; i = next++) {
        const status = await put(urls[i] ?? '', Buffer.alloc(0));
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }
    };
    await Promise.all(Array.from({ length: 16 }, worker));
    expect(Object.fromEntries(statuses)).toEqual({ 204: 100_000 });
    expect((await readdir(path.join(dataDir, 'uploads', uploadId, 'drop'))).length).toBe(100_000);
    expect(await call<{ removed: boolean }>(ws, 'upload.abandon', { uploadId }, id)).toEqual({ removed: true });
    ws.close();
  }, 300_000);

  it('a body longer than announced is refused as it streams and leaves no file; a body cut off leaves none either', async () => {
    const ws = await open();
    const { uploadId, urls } = await call<{ uploadId: string; urls: string[] }>(ws, 'upload.begin', {
      files: [
        { relativePath: 'long.bin', size: 10 },
        { relativePath: 'cut.bin', size: 4 * 1024 * 1024 },
      ],
    });
    expect(await put(urls[0] ?? '', Buffer.alloc(5 * 1024 * 1024, 1))).toBe(400);
    expect(await put(urls[1] ?? '', Buffer.alloc(2 * 1024 * 1024, 2), true)).toBe(0);
    // The cut request ends on the server a moment after the client drops it.
    for (let i = 0; i < 50 && (await stagedFiles(uploadId)).length > 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(await stagedFiles(uploadId)).toEqual([]);
    ws.close();
  });
});
