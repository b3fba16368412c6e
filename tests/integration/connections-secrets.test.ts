// Secrets never leave the core: this records every message a serve-mode page
// receives over the WebSocket while it adds, tests, edits, duplicates,
// imports, browses and fails, moves keys into the vault, locks and unlocks
// it; then searches all of it, and every file Ferry wrote, for the secrets
// in any common encoding.
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerMessage } from '../../app/api/wire';
import { startServe, type ServeHandle } from '../../app/serve/serve-host';
import { createBucket, putObject, server, uniqueBucket } from './support';

const SECRET_TOKEN = 'TOKEN-5b0e7d1c-session-token-value';
const WRONG_SECRET = 'wrong-secret-4f1d9a2b77';
const PASSPHRASE = 'vault passphrase 7c3e91';
const RCLONE_SECRET = 'rclone-only-secret-0a9b8c';
const AWS_FILE_SECRET = 'aws-file-secret-19e2f3';

let serve: ServeHandle;
let dataDir = '';
let ws: WebSocket;
const received: string[] = [];
const waiting = new Map<number, (m: ServerMessage) => void>();
let next = 1;

function call(method: string, args: unknown): Promise<ServerMessage & { type: 'result' }> {
  const id = next++;
  ws.send(JSON.stringify({ type: 'call', id, method, args }));
  return new Promise((resolve) => waiting.set(id, resolve as (m: ServerMessage) => void));
}

async function ok<T>(method: string, args: unknown): Promise<T> {
  const msg = await call(method, args);
  if (!msg.outcome.ok) throw new Error(`${method}: ${msg.outcome.error.message}`);
  return msg.outcome.value as T;
}

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(full)));
    else out.push(full);
  }
  return out;
}

/**
 * The data folder's files, read together. A background save (the probe's findings) can rename its temp file over
 * connections.json between the listing and the reads; such a read is taken again from the listing.
 */
async function readAllUnder(dir: string): Promise<{ names: string[]; text: string }> {
  for (;;) {
    const files = await filesUnder(dir);
    try {
      const text = (await Promise.all(files.map((f) => readFile(f, 'utf8')))).join('\n');
      return { names: files.map((f) => path.basename(f)).sort(), text };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }
}

function encodings(secret: string): string[] {
  const b = Buffer.from(secret, 'utf8');
  return [
    secret,
    b.toString('base64'),
    b.toString('base64url'),
    b.toString('hex'),
    encodeURIComponent(secret),
    JSON.stringify(secret).slice(1, -1),
  ];
}

beforeAll(async () => {
  const rendererDir = await mkdtemp(path.join(tmpdir(), 'ferry-renderer-'));
  await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>Ferry</title>');
  dataDir = await mkdtemp(path.join(tmpdir(), 'ferry-data-'));
  serve = await startServe({ rendererDir, homeDir: tmpdir(), userDataDir: dataDir });
  ws = new WebSocket(`ws://127.0.0.1:${serve.port}/ws?token=${serve.token}`, { origin: `http://127.0.0.1:${serve.port}` });
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  ws.on('message', (data) => {
    const text = String(data);
    received.push(text);
    const msg = JSON.parse(text) as ServerMessage;
    if (msg.type === 'result') waiting.get(msg.id)?.(msg);
  });
});
afterAll(async () => {
  ws.close();
  await serve.close();
});

describe('secrets never reach the page or the disk in the clear', () => {
  it('through every connection call, the vault, and failures', async () => {
    const minio = server('minio');
    if (!minio) throw new Error('MinIO is needed');
    const bucket = uniqueBucket('secrets');
    await createBucket(minio, bucket);
    await putObject(minio, bucket, 'note.txt', Buffer.from('x'));
    const secret = minio.secretAccessKey;
    const draft = {
      label: 'Lab',
      providerId: 'minio',
      endpoint: minio.endpoint,
      region: minio.region,
      accessKeyId: minio.accessKeyId,
      secretAccessKey: secret,
    };

    // Serve mode starts with session-only keys and asks nothing.
    expect(await ok('secrets.status', {})).toEqual({ mode: 'session', vault: 'absent', needsChoice: false });
    expect(await ok<{ ok: boolean }>('connections.test', { draft, bucket })).toMatchObject({ ok: true });
    const added = await ok<{ id: string; secret: string }>('connections.add', draft);
    expect(added.secret).toBe('session');
    const withToken = await ok<{ id: string }>('connections.add', { ...draft, label: 'With token', sessionToken: SECRET_TOKEN });
    await ok('browse.list', { location: { kind: 's3', connectionId: added.id, bucket, prefix: '' } });
    await ok('object.inspect', { item: { kind: 's3', connectionId: added.id, bucket, key: 'note.txt' } });
    // A token the server does not know: the failure must not echo it.
    const tokenFailure = await call('browse.list', { location: { kind: 's3', connectionId: withToken.id, bucket: '', prefix: '' } });
    expect(tokenFailure.outcome.ok).toBe(false);
    expect(await ok<{ code: string }>('connections.test', { draft: { ...draft, secretAccessKey: WRONG_SECRET } })).toMatchObject({
      code: 'wrong-secret',
    });
    const wrong = await ok<{ id: string }>('connections.add', { ...draft, label: 'Wrong', secretAccessKey: WRONG_SECRET });
    expect((await call('browse.list', { location: { kind: 's3', connectionId: wrong.id, bucket: '', prefix: '' } })).outcome.ok).toBe(
      false,
    );
    await ok('connections.update', { ...draft, id: added.id, label: 'Lab (edited)', secretAccessKey: '' });
    await ok('connections.test', { id: added.id });
    await ok('connections.duplicate', { id: added.id });
    await ok('connections.reorder', { ids: [wrong.id, added.id] });

    const rclone = path.join(dataDir, '..', `rclone-${Date.now()}.conf`);
    await writeFile(
      rclone,
      `[lab]\ntype = s3\nprovider = Minio\naccess_key_id = ${minio.accessKeyId}\nsecret_access_key = ${RCLONE_SECRET}\nendpoint = ${minio.endpoint}\n`,
    );
    await ok('connections.rcloneRemotes', { path: rclone });
    await ok('connections.importRclone', { path: rclone, names: ['lab'] });
    const awsCreds = path.join(dataDir, '..', `aws-credentials-${Date.now()}`);
    await writeFile(awsCreds, `[p]\naws_access_key_id = AKIDP\naws_secret_access_key = ${AWS_FILE_SECRET}\n`);
    await ok('connections.awsProfiles', { credentialsFile: awsCreds, configFile: path.join(dataDir, 'absent') });

    // Into the vault, out of memory, a wrong passphrase, and back.
    expect(await ok('secrets.createVault', { passphrase: PASSPHRASE })).toMatchObject({ mode: 'vault', vault: 'unlocked' });
    await ok('secrets.lock', {});
    const locked = await call('browse.list', { location: { kind: 's3', connectionId: added.id, bucket, prefix: '' } });
    expect(locked.outcome.ok ? '' : locked.outcome.error.message).toContain('vault is locked');
    const refused = await call('secrets.unlock', { passphrase: `${PASSPHRASE}x` });
    expect(refused.outcome.ok ? '' : refused.outcome.error.message).toContain('does not open');
    await ok('secrets.unlock', { passphrase: PASSPHRASE });
    await ok('browse.list', { location: { kind: 's3', connectionId: added.id, bucket, prefix: '' } });
    await ok('connections.list', {});
    await ok('connections.remove', { id: wrong.id });

    const wire = received.join('\n');
    expect(received.length).toBeGreaterThan(30);
    // The capability probe saves its findings in the background; wait for those atomic writes to land (no temp file
    // left), and read what the files hold at that moment.
    let disk = '';
    await expect
      .poll(
        async () => {
          const read = await readAllUnder(dataDir);
          disk = read.text;
          return read.names;
        },
        { timeout: 10_000 },
      )
      .toEqual(['connections.json', 'secret-storage.json', 'secrets.vault.json']);
    for (const value of [secret, SECRET_TOKEN, WRONG_SECRET, PASSPHRASE, RCLONE_SECRET, AWS_FILE_SECRET]) {
      for (const form of encodings(value)) {
        expect(wire, `a page-bound message holds ${value} (${form})`).not.toContain(form);
        expect(disk, `a written file holds ${value} (${form})`).not.toContain(form);
      }
    }
    // The key ids are not secret, and they do show: the search above is not vacuous.
    expect(wire).toContain(minio.accessKeyId);
    expect(disk).toContain(minio.accessKeyId);
  });
});
