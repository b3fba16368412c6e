// A proxy saved on a connection, end to end through the forward proxy of
// forward-proxy.ts (basic auth, counting what it carries) in front of the real
// MinIO: the connection test, listing and transfers go through it (absolute
// form for http, CONNECT for https); "no proxy" ignores the environment's;
// wrong credentials give the 407 message; the `ferry` command line follows a
// saved connection's setting; and the password is in neither connections.json
// nor anything the core hands a window.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallName } from '../../app/api/contract';
import type { ConnectionSummary, DiagnosticReport, Listing } from '../../app/api/types';
import { PROFILES_FILE, PROFILES_SCHEMA_VERSION } from '../../app/connections/profile-store';
import { createCore, type FerryCore } from '../../app/core/ferry-core';
import type { TestServer } from '../../e2e/servers/harness';
import { startProxy, startTlsFront, type ForwardProxy, type TlsFront } from '../../e2e/servers/forward-proxy';
import { createBucket, putObject, server, sha256, uniqueBucket } from './support';
import { buildCli, ended, runCli, waitForJob } from './transfer-support';

const minio = server('minio');
const PASSWORD = `pr0xy-${randomBytes(9).toString('hex')}`;
const WRONG = `wr0ng-${randomBytes(9).toString('hex')}`;

describe.runIf(minio)('a proxy saved on the connection (MinIO)', () => {
  const s = minio as TestServer;
  const bucket = uniqueBucket('proxyset');
  const body = randomBytes(2 * 1024 * 1024 + 3);
  let proxy: ForwardProxy;
  let tls: TlsFront;
  let core: FerryCore;
  let dataDir = '';
  /** Every answer and event the core produced: what a window could ever receive. */
  const seen: string[] = [];

  const call = async <T>(core: FerryCore, method: CallName, args: unknown): Promise<T> => {
    const outcome = await core.dispatch(method, args);
    seen.push(JSON.stringify(outcome));
    if (!outcome.ok) throw new Error(`${method}: ${outcome.error.message}`);
    return outcome.value as T;
  };
  const failure = async (core: FerryCore, method: CallName, args: unknown) => {
    const outcome = await core.dispatch(method, args);
    seen.push(JSON.stringify(outcome));
    if (outcome.ok) throw new Error(`${method} succeeded`);
    return outcome.error;
  };
  const newCore = (proxyEnv: Record<string, string>, userDataDir: string, prefer: 'vault' | 'session') => {
    const c = createCore({ shell: 'serve', homeDir: tmpdir(), userDataDir, proxyEnv, secrets: { prefer } });
    c.events.subscribe((_name, payload) => seen.push(JSON.stringify(payload)));
    return c;
  };
  const keys = { region: s.region, accessKeyId: s.accessKeyId, secretAccessKey: s.secretAccessKey, pathStyle: true };
  const customProxy = (password = PASSWORD) => ({ mode: 'custom', url: proxy.url, username: 'ferry', password });
  const list = (c: FerryCore, connectionId: string) =>
    call<Listing>(c, 'browse.list', { location: { kind: 's3', connectionId, bucket, prefix: '' } });
  const names = (l: Listing) => l.entries.map((e) => e.name);
  const carried = () => proxy.forwarded.length + proxy.tunnels.length;

  beforeAll(async () => {
    proxy = await startProxy();
    proxy.credentials = `ferry:${PASSWORD}`;
    tls = await startTlsFront(s.endpoint);
    await createBucket(s, bucket);
    await putObject(s, bucket, 'seed.bin', body);
    dataDir = mkdtempSync(path.join(tmpdir(), 'ferry-proxyset-'));
    // The environment names no proxy: whatever the proxy carries, the connection's setting sent it.
    core = newCore({}, dataDir, 'vault');
    await call(core, 'secrets.createVault', { passphrase: 'a vault passphrase for the proxy test' });
  }, 60_000);
  afterAll(async () => {
    core?.dispose();
    await proxy?.close();
    await tls?.close();
  });

  it('http endpoint: the test, a listing and both transfer directions go through it in absolute form', { timeout: 90_000 }, async () => {
    const added = await call<ConnectionSummary>(core, 'connections.add', {
      label: 'Via proxy',
      endpoint: s.endpoint,
      ...keys,
      proxy: customProxy(),
    });
    expect(added.proxy).toEqual({ mode: 'custom', url: proxy.url, username: 'ferry', password: 'stored' });

    const before = proxy.forwarded.length;
    const report = await call<DiagnosticReport>(core, 'connections.test', { id: added.id });
    expect(report).toMatchObject({ ok: true, proxy: `${proxy.url} (from the connection's proxy setting)` });
    expect(report.steps.find((st) => st.id === 'tcp')?.detail).toContain(`through the proxy ${proxy.url}`);
    expect(proxy.forwarded.length).toBeGreaterThan(before);

    const host = new URL(s.endpoint).host;
    proxy.forwarded.length = 0;
    expect(names(await list(core, added.id))).toContain('seed.bin');
    expect(proxy.forwarded).toContain(`GET ${host}`);

    // A download of ≥ 1 MiB would take Ferry's own socket path were it not proxied: it must step aside.
    const into = mkdtempSync(path.join(tmpdir(), 'ferry-proxyset-dl-'));
    proxy.forwarded.length = 0;
    const down = await call<{ id: string }>(core, 'transfer.start', {
      sources: [{ kind: 's3', connectionId: added.id, bucket, key: 'seed.bin' }],
      destination: { kind: 'local', path: into },
      conflict: 'overwrite',
    });
    expect(await waitForJob({ core, call: (m, a) => call(core, m, a) }, down.id, ended)).toMatchObject({ state: 'done' });
    expect(sha256(await readFile(path.join(into, 'seed.bin')))).toBe(sha256(body));
    expect(proxy.forwarded.filter((r) => r === `GET ${host}`).length).toBeGreaterThanOrEqual(1);

    const file = path.join(into, 'up.bin');
    await writeFile(file, body);
    proxy.forwarded.length = 0;
    const up = await call<{ id: string }>(core, 'transfer.start', {
      sources: [{ kind: 'local', path: file }],
      destination: { kind: 's3', connectionId: added.id, bucket, prefix: 'up/' },
      conflict: 'overwrite',
    });
    expect(await waitForJob({ core, call: (m, a) => call(core, m, a) }, up.id, ended)).toMatchObject({ state: 'done' });
    expect(proxy.forwarded.filter((r) => r === `PUT ${host}`).length).toBeGreaterThanOrEqual(1);
  });

  it('https endpoint: every connection is a CONNECT tunnel with basic auth', { timeout: 60_000 }, async () => {
    const added = await call<ConnectionSummary>(core, 'connections.add', {
      label: 'Tunnelled',
      endpoint: tls.endpoint,
      caFile: tls.caFile,
      ...keys,
      proxy: customProxy(),
    });
    proxy.tunnels.length = 0;
    const forwarded = proxy.forwarded.length;
    expect(await call<DiagnosticReport>(core, 'connections.test', { id: added.id })).toMatchObject({ ok: true });
    expect(names(await list(core, added.id))).toContain('seed.bin');
    expect(proxy.tunnels.length).toBeGreaterThanOrEqual(2);
    expect(new Set(proxy.tunnels)).toEqual(new Set([new URL(tls.endpoint).host]));
    expect(proxy.forwarded.length).toBe(forwarded);
  });

  it('wrong credentials: the test names the proxy and says it refused them (407), without the password', { timeout: 60_000 }, async () => {
    const draft = { label: 'Wrong', endpoint: s.endpoint, ...keys, proxy: customProxy(WRONG) };
    const refusedBefore = proxy.refusedAuth;
    const report = await call<DiagnosticReport>(core, 'connections.test', { draft });
    expect(report.ok).toBe(false);
    expect(report.code).toBe('proxy-auth');
    expect(report.offer).toBe('proxy-password');
    expect(report.proxy).toBe(`${proxy.url} (from the connection's proxy setting)`);
    expect(report.message).toBe(
      `The proxy ${proxy.url} (from the connection's proxy setting) refused to connect to ${new URL(s.endpoint).host} (HTTP 407 Proxy Authentication Required). It did not accept the user name and password given for it.`,
    );
    expect(proxy.refusedAuth).toBeGreaterThan(refusedBefore);

    // Saved with the wrong password, a listing fails with the same words, on the tunnel path too.
    const saved = await call<ConnectionSummary>(core, 'connections.add', { ...draft, endpoint: tls.endpoint, caFile: tls.caFile });
    const err = await failure(core, 'browse.list', { location: { kind: 's3', connectionId: saved.id, bucket, prefix: '' } });
    expect(err.message).toContain('(HTTP 407 Proxy Authentication Required). It did not accept the user name and password');
    expect(JSON.stringify(err)).not.toContain(WRONG);

    // Editing with an empty password keeps the saved one; typing the right one fixes it.
    const fixed = await call<ConnectionSummary>(core, 'connections.update', {
      id: saved.id,
      label: 'Wrong',
      endpoint: tls.endpoint,
      caFile: tls.caFile,
      ...keys,
      secretAccessKey: '',
      proxy: customProxy(PASSWORD),
    });
    expect(fixed.proxy?.password).toBe('stored');
    expect(names(await list(core, saved.id))).toContain('seed.bin');
    const kept = await call<ConnectionSummary>(core, 'connections.update', {
      id: saved.id,
      label: 'Kept',
      endpoint: tls.endpoint,
      caFile: tls.caFile,
      ...keys,
      secretAccessKey: '',
      proxy: customProxy(''),
    });
    expect(kept.proxy?.password).toBe('stored');
    expect(await call<DiagnosticReport>(core, 'connections.test', { id: saved.id })).toMatchObject({ ok: true });
  });

  it('"No proxy" connects directly although the environment names a proxy; "system" follows it', { timeout: 60_000 }, async () => {
    delete proxy.credentials;
    const envCore = newCore(
      { HTTP_PROXY: proxy.url, HTTPS_PROXY: proxy.url },
      mkdtempSync(path.join(tmpdir(), 'ferry-proxyset-')),
      'session',
    );
    try {
      const direct = await call<ConnectionSummary>(envCore, 'connections.add', {
        label: 'Direct',
        endpoint: s.endpoint,
        ...keys,
        proxy: { mode: 'none' },
      });
      const tunnelled = await call<ConnectionSummary>(envCore, 'connections.add', {
        label: 'Direct TLS',
        endpoint: tls.endpoint,
        caFile: tls.caFile,
        ...keys,
        proxy: { mode: 'none' },
      });
      expect(direct.proxy).toEqual({ mode: 'none' });
      const before = carried();
      const report = await call<DiagnosticReport>(envCore, 'connections.test', { id: direct.id });
      expect(report.ok).toBe(true);
      expect(report.proxy).toBeUndefined();
      expect(names(await list(envCore, direct.id))).toContain('seed.bin');
      expect(names(await list(envCore, tunnelled.id))).toContain('seed.bin');
      expect(carried()).toBe(before);

      const system = await call<ConnectionSummary>(envCore, 'connections.add', { label: 'System', endpoint: s.endpoint, ...keys });
      expect(system.proxy).toBeUndefined();
      expect(names(await list(envCore, system.id))).toContain('seed.bin');
      expect(carried()).toBeGreaterThan(before);
    } finally {
      envCore.dispose();
      proxy.credentials = `ferry:${PASSWORD}`;
    }
  });

  it('the command line follows a saved connection: its proxy, or none despite HTTP_PROXY', { timeout: 90_000 }, async () => {
    delete proxy.credentials;
    const cliData = mkdtempSync(path.join(tmpdir(), 'ferry-proxyset-cli-'));
    const saver = createCore({ shell: 'serve', homeDir: tmpdir(), userDataDir: cliData, proxyEnv: {} });
    try {
      // Keys from the environment: a command-line run holds no session secrets of the window that saved them.
      const envKeys = { region: s.region, pathStyle: true, credentialSource: 'env' };
      await call(saver, 'connections.add', {
        label: 'viaproxy',
        endpoint: s.endpoint,
        ...envKeys,
        proxy: { mode: 'custom', url: proxy.url },
      });
      await call(saver, 'connections.add', { label: 'direct', endpoint: s.endpoint, ...envKeys, proxy: { mode: 'none' } });
      const cli = await buildCli();
      const env = { FERRY_DATA_DIR: cliData, AWS_ACCESS_KEY_ID: s.accessKeyId, AWS_SECRET_ACCESS_KEY: s.secretAccessKey };
      proxy.forwarded.length = 0;
      const via = await runCli(cli, ['ls', `viaproxy:${bucket}/`], env);
      expect(via.stderr).toBe('');
      expect(via.stdout).toContain('seed.bin');
      expect(proxy.forwarded.length).toBeGreaterThan(0);

      proxy.forwarded.length = 0;
      const into = mkdtempSync(path.join(tmpdir(), 'ferry-proxyset-cli-dl-'));
      const direct = await runCli(cli, ['cp', `direct:${bucket}/seed.bin`, into], { ...env, HTTP_PROXY: proxy.url });
      expect(direct.code).toBe(0);
      expect(sha256(await readFile(path.join(into, 'seed.bin')))).toBe(sha256(body));
      expect(proxy.forwarded).toEqual([]);

      // A password the window kept for its session is not the command line's: it says so rather than earn a 407.
      await call(saver, 'connections.add', {
        label: 'withpass',
        endpoint: s.endpoint,
        ...envKeys,
        proxy: { mode: 'custom', url: proxy.url, username: 'ferry', password: PASSWORD },
      });
      proxy.credentials = `ferry:${PASSWORD}`;
      const refusedBefore = proxy.refusedAuth;
      const locked = await runCli(cli, ['ls', `withpass:${bucket}/`], env);
      expect(locked.code).not.toBe(0);
      expect(locked.stderr).toContain('The proxy password of "withpass" is not available here');
      expect(locked.stderr).not.toContain(PASSWORD);
      expect(proxy.refusedAuth).toBe(refusedBefore);
    } finally {
      saver.dispose();
      proxy.credentials = `ferry:${PASSWORD}`;
    }
  });

  it('the password is in neither connections.json nor anything the core handed out', () => {
    const file = readFileSync(path.join(dataDir, PROFILES_FILE));
    const parsed = JSON.parse(file.toString('utf8')) as { schemaVersion: number; connections: { proxy?: unknown }[] };
    expect(parsed.schemaVersion).toBe(PROFILES_SCHEMA_VERSION);
    expect(
      parsed.connections.some(
        (c) => JSON.stringify(c.proxy) === JSON.stringify({ mode: 'custom', url: proxy.url, username: 'ferry', passwordSaved: true }),
      ),
    ).toBe(true);
    for (const secret of [PASSWORD, WRONG]) {
      const bytes = Buffer.from(secret);
      for (const name of readdirSync(dataDir, { withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => e.name)) {
        const content = readFileSync(path.join(dataDir, name));
        expect(content.includes(bytes), `${name} holds a proxy password`).toBe(false);
        expect(content.includes(Buffer.from(Buffer.from(`ferry:${secret}`).toString('base64'))), `${name} holds basic auth`).toBe(false);
      }
      expect(seen.length).toBeGreaterThan(10);
      expect(seen.filter((text) => text.includes(secret))).toEqual([]);
    }
  });
});
