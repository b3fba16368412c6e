// A pane that moves elsewhere cancels the listing it asked for: over serve
// mode's real WebSocket the page sends `cancel`, and the core stops that page
// (its request and its retries). Counted at a logging proxy in front of MinIO,
// behind Toxiproxy resetting every answer, so an uncancelled page keeps
// asking again while a cancelled one asks no more.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerMessage } from '../../app/api/wire';
import { startServe, type ServeHandle } from '../../app/serve/serve-host';
import { startRequestLog, type RequestLog } from '../../e2e/servers/request-log';
import { startToxiproxy, type ToxicProxy, type Toxiproxy } from '../../e2e/servers/toxiproxy';
import { createBucket, putObject, server, uniqueBucket } from './support';

const minio = server('minio');
let serve: ServeHandle;
let toxiproxy: Toxiproxy | undefined;
let skipReason = '';
let log: RequestLog;
let proxy: ToxicProxy;
let socket: WebSocket;
let connectionId = '';
const bucket = uniqueBucket('cancel');
const received = new Map<number, ServerMessage>();
let nextId = 1;

function send(message: unknown): void {
  socket.send(JSON.stringify(message));
}

function result(id: number): Promise<ServerMessage> {
  return new Promise((resolve) => {
    const check = () => (received.has(id) ? resolve(received.get(id) as ServerMessage) : setTimeout(check, 20));
    check();
  });
}

async function call(method: string, args: unknown): Promise<{ id: number; answer: Promise<ServerMessage> }> {
  const id = nextId++;
  send({ type: 'call', id, method, args });
  return { id, answer: result(id) };
}

const listRequests = () => log.requests.filter((r) => r.method === 'GET' && r.query.get('list-type') === '2' && r.path.includes(bucket));

async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((r) => setTimeout(r, 20));
}

beforeAll(async () => {
  if (!minio) return;
  const started = await startToxiproxy();
  if ('skip' in started) {
    skipReason = started.skip;
    return;
  }
  toxiproxy = started;
  await createBucket(minio, bucket);
  await putObject(minio, bucket, 'photos/a.txt', Buffer.from('a'));
  log = await startRequestLog(minio.endpoint);
  proxy = await toxiproxy.proxy(`cancel-${process.pid}`, log.endpoint);
  const rendererDir = await mkdtemp(path.join(tmpdir(), 'ferry-renderer-'));
  await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>Ferry</title>');
  serve = await startServe({ rendererDir, homeDir: tmpdir(), userDataDir: await mkdtemp(path.join(tmpdir(), 'ferry-data-')) });
  socket = new WebSocket(`ws://127.0.0.1:${serve.port}/ws?token=${serve.token}`, { origin: `http://127.0.0.1:${serve.port}` });
  socket.on('message', (data) => {
    const msg = JSON.parse(String(data)) as ServerMessage;
    if (msg.type === 'result') received.set(msg.id, msg);
  });
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  const added = await call('connections.add', {
    label: 'minio behind a resetting proxy',
    endpoint: proxy.endpoint,
    region: minio.region,
    accessKeyId: minio.accessKeyId,
    secretAccessKey: minio.secretAccessKey,
    pathStyle: true,
  });
  const outcome = await added.answer;
  if (outcome.type !== 'result' || !outcome.outcome.ok) throw new Error(`could not add the connection: ${JSON.stringify(outcome)}`);
  connectionId = (outcome.outcome.value as { id: string }).id;
  // Every answer from here on is cut: the server has seen the request, Ferry sees a reset and asks again.
  await proxy.addToxic({ name: 'reset', type: 'reset_peer', stream: 'downstream', attributes: { timeout: 100 } });
}, 120_000);

afterAll(async () => {
  socket?.close();
  await serve?.close();
  await log?.stop();
  await toxiproxy?.stop();
});

const location = () => ({ kind: 's3', connectionId, bucket, prefix: 'photos/' });

describe('cancelling a listing', () => {
  it('a page nobody cancels is asked for again after each reset, then fails', { timeout: 60_000 }, async (ctx) => {
    if (!minio || !toxiproxy) return ctx.skip(minio ? skipReason : 'MinIO is not running');
    const before = listRequests().length;
    const { answer } = await call('browse.list', { location: location() });
    const outcome = await answer;
    expect(outcome).toMatchObject({ type: 'result', outcome: { ok: false } });
    expect(listRequests().length - before).toBeGreaterThan(1);
  });

  it('a cancelled page ends as cancelled and is asked for no more', { timeout: 60_000 }, async (ctx) => {
    if (!minio || !toxiproxy) return ctx.skip(minio ? skipReason : 'MinIO is not running');
    const before = listRequests().length;
    const { id, answer } = await call('browse.list', { location: location() });
    await until(() => listRequests().length > before);
    send({ type: 'cancel', id });
    expect(await answer).toMatchObject({ type: 'result', outcome: { ok: false, error: { code: 'cancelled' } } });
    const atCancel = listRequests().length;
    // Longer than the page's whole retry schedule (four attempts, backoff up to 4 s): nothing more may arrive.
    await new Promise((r) => setTimeout(r, 5_000));
    expect(listRequests().length).toBe(atCancel);
    expect(atCancel - before).toBe(1);
  });

  it('a cancel for a call that already ended changes nothing', async (ctx) => {
    if (!minio || !toxiproxy) return ctx.skip(minio ? skipReason : 'MinIO is not running');
    await proxy.removeToxic('reset');
    const { id, answer } = await call('browse.list', { location: location() });
    const outcome = await answer;
    send({ type: 'cancel', id });
    expect(outcome).toMatchObject({ outcome: { ok: true, value: { entries: [{ name: 'a.txt' }] } } });
    const again = await call('app.info', {});
    expect(await again.answer).toMatchObject({ outcome: { ok: true } });
  });
});
