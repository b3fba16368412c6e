// Serve mode started with --root: the local pane, inspecting, downloading
// and transfers reach only inside the chosen folders (symbolic links
// followed); a path outside is refused before any work, naming the roots.
import { request } from 'node:http';
import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallOutcome, ServerMessage } from '../../app/api/wire';
import { startServe, type ServeHandle } from '../../app/serve/serve-host';
import { rootsNotice } from '../../app/serve/serve-roots';

let serve: ServeHandle;
let ws: WebSocket;
let root = '';
let outside = '';
let nextId = 1;

beforeAll(async () => {
  const rendererDir = await mkdtemp(path.join(tmpdir(), 'ferry-renderer-'));
  await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>Ferry</title>');
  root = await mkdtemp(path.join(tmpdir(), 'ferry-root-'));
  outside = await mkdtemp(path.join(tmpdir(), 'ferry-outside-'));
  await writeFile(path.join(root, 'inside.txt'), 'inside');
  await writeFile(path.join(outside, 'secret.txt'), 'top secret content');
  await mkdir(path.join(root, 'sub'));
  await symlink(outside, path.join(root, 'sub', 'escape'));
  serve = await startServe({
    rendererDir,
    homeDir: tmpdir(),
    userDataDir: await mkdtemp(path.join(tmpdir(), 'ferry-data-')),
    roots: [root],
  });
  ws = new WebSocket(`ws://127.0.0.1:${serve.port}/ws?token=${serve.token}`, { origin: `http://127.0.0.1:${serve.port}` });
  await new Promise((r) => ws.once('open', r));
});
afterAll(async () => {
  ws.close();
  await serve.close();
});

function call(method: string, args: unknown): Promise<CallOutcome> {
  const id = nextId++;
  return new Promise((resolve) => {
    const onMessage = (data: unknown) => {
      const msg = JSON.parse(String(data)) as ServerMessage;
      if (msg.type === 'result' && msg.id === id) {
        ws.off('message', onMessage);
        resolve(msg.outcome);
      }
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ type: 'call', id, method, args }));
  });
}

function download(item: unknown): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: serve.port,
        path: `/download?item=${encodeURIComponent(JSON.stringify(item))}`,
        headers: { host: `127.0.0.1:${serve.port}`, cookie: `ferry_token=${serve.token}` },
      },
      (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

const refused = (out: CallOutcome) => {
  expect(out.ok).toBe(false);
  if (!out.ok) {
    expect(out.error.code).toBe('unsafe-path');
    expect(out.error.message).toContain('--root');
  }
};

describe('serve mode with --root', () => {
  it('says at start what the token holder can reach', () => {
    expect(rootsNotice([])).toMatch(/can read and write every file your user account can.*--root DIR/);
    expect(rootsNotice([root])).toBe(`Local files are confined to: ${root}.`);
  });

  it('the local pane opens in the root and lists inside it', async () => {
    const info = (await call('app.info', {})) as { ok: true; value: { homeDir: string } };
    expect(info.value.homeDir).toBe(root);
    const inside = await call('browse.list', { location: { kind: 'local', path: root } });
    expect(inside.ok).toBe(true);
  });

  it('a search below the root finds what is inside and nothing a link leads to outside; a search outside is refused', async () => {
    const found = await call('browse.search', { location: { kind: 'local', path: root }, term: 's', mode: 'recursive' });
    expect(found.ok).toBe(true);
    const names = found.ok ? (found.value as { entries: { name: string }[] }).entries.map((e) => e.name).sort() : [];
    // The link itself sits inside (as a listing of sub/ shows it); secret.txt, reached through it, does not.
    expect(names).toEqual(['inside.txt', 'sub', path.join('sub', 'escape')].sort());
    refused(await call('browse.search', { location: { kind: 'local', path: outside }, term: 'secret', mode: 'recursive' }));
  });

  it('refuses a folder outside, a link that leads outside, and a climb out', async () => {
    refused(await call('browse.list', { location: { kind: 'local', path: outside } }));
    refused(await call('browse.list', { location: { kind: 'local', path: '/etc' } }));
    refused(await call('browse.list', { location: { kind: 'local', path: path.join(root, 'sub', 'escape') } }));
    refused(await call('object.inspect', { item: { kind: 'local', path: path.join(root, 'sub', 'escape', 'secret.txt') } }));
    refused(await call('browse.list', { location: { kind: 'local', path: `${root}-sibling` } }));
  });

  it('refuses a transfer from or to a path outside', async () => {
    refused(
      await call('transfer.start', {
        sources: [{ kind: 'local', path: path.join(outside, 'secret.txt') }],
        destination: { kind: 'local', path: root },
        mode: 'copy',
      }),
    );
    refused(
      await call('transfer.start', {
        sources: [{ kind: 'local', path: path.join(root, 'inside.txt') }],
        destination: { kind: 'local', path: path.join(outside, 'new-folder') },
        mode: 'copy',
      }),
    );
  });

  it('downloads a file inside; refuses one outside with 403', async () => {
    expect(await download({ kind: 'local', path: path.join(root, 'inside.txt') })).toEqual({ status: 200, body: 'inside' });
    const out = await download({ kind: 'local', path: path.join(outside, 'secret.txt') });
    expect(out.status).toBe(403);
    expect(out.body).not.toContain('top secret content');
    const viaLink = await download({ kind: 'local', path: path.join(root, 'sub', 'escape', 'secret.txt') });
    expect(viaLink.status).toBe(403);
  });
});
