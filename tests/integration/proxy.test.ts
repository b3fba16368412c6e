// Ferry behind a proxy: a small forward proxy written for the tests (absolute-form
// requests for http endpoints, CONNECT tunnels for https ones, optional basic
// auth) in front of the real MinIO. `ferry` obeys HTTPS_PROXY / HTTP_PROXY
// (either case), bypasses it for NO_PROXY hosts and CIDRs, and a proxy that
// refuses or is not there is named in the error.
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DiagnosticReport } from '../../app/api/connection-types';
import { createCore } from '../../app/core/ferry-core';
import { bypassesProxy, proxyFor } from '../../app/s3/proxy/proxy-choice';
import type { TestServer } from '../../e2e/servers/harness';
import { startProxy, startTlsFront, type ForwardProxy, type TlsFront } from '../../e2e/servers/forward-proxy';
import { createBucket, server, sha256, uniqueBucket } from './support';
import { buildCli, cliEnv, runCli } from './transfer-support';

const minio = server('minio');

describe('choosing a proxy', () => {
  it('reads the variables in either case, and NO_PROXY names hosts, domains, ports and CIDRs', () => {
    const https = new URL('https://s3.example.com');
    expect(proxyFor(https, { HTTPS_PROXY: 'http://p:3128' })?.url.href).toBe('http://p:3128/');
    expect(proxyFor(https, { https_proxy: 'p:8080' })?.url.href).toBe('http://p:8080/');
    expect(proxyFor(new URL('http://minio.lan:9000'), { HTTP_PROXY: 'http://p:3128', HTTPS_PROXY: 'http://q:3128' })?.url.host).toBe(
      'p:3128',
    );
    expect(proxyFor(https, { HTTP_PROXY: 'http://p:3128' })).toBeNull();
    const withAuth = proxyFor(https, { HTTPS_PROXY: 'http://me:s%40cret@p:3128' });
    expect(withAuth?.auth).toEqual({ username: 'me', password: 's@cret' });
    expect(withAuth?.url.href).toBe('http://p:3128/');
    for (const [list, host, port] of [
      ['example.com', 's3.example.com', 443],
      ['.example.com', 's3.example.com', 443],
      ['*.example.com', 'example.com', 443],
      ['localhost, 10.0.0.0/8', '10.1.2.3', 9000],
      ['fd00::/8', '[fd12::1]', 443],
      ['minio.lan:9000', 'minio.lan', 9000],
      ['*', 'anything', 1],
    ] as const) {
      expect(bypassesProxy(list, host, port), `${list} covers ${host}:${port}`).toBe(true);
    }
    for (const [list, host, port] of [
      ['example.com', 'notexample.com', 443],
      ['10.0.0.0/8', '11.0.0.1', 443],
      ['minio.lan:9000', 'minio.lan', 9001],
      ['', 'x', 1],
    ] as const) {
      expect(bypassesProxy(list, host, port), `${list} does not cover ${host}:${port}`).toBe(false);
    }
  });
});

describe.runIf(minio)('ferry behind a proxy (MinIO)', () => {
  let cli = '';
  let proxy: ForwardProxy;
  let tlsFront: TlsFront;
  let httpsEndpoint = '';
  let caFile = '';
  const s = minio as TestServer;
  const bucket = uniqueBucket('proxy');
  const body = randomBytes(3 * 1024 * 1024 + 5);
  let file = '';

  beforeAll(async () => {
    cli = await buildCli();
    proxy = await startProxy();
    await createBucket(s, bucket);
    const dir = mkdtempSync(path.join(tmpdir(), 'ferry-proxy-'));
    file = path.join(dir, 'up.bin');
    await writeFile(file, body);
    // TLS in front of MinIO: the https endpoint the CONNECT tunnels lead to.
    tlsFront = await startTlsFront(s.endpoint);
    httpsEndpoint = tlsFront.endpoint;
    caFile = tlsFront.caFile;
  }, 60_000);
  afterAll(async () => {
    await proxy.close();
    await tlsFront.close();
  });

  const base = async (extra: Record<string, string>, endpoint = s.endpoint) => ({
    FERRY_DATA_DIR: await mkdtemp(path.join(tmpdir(), 'ferry-proxy-data-')),
    ...cliEnv('box', s, endpoint),
    ...extra,
  });

  it('an http endpoint: every request goes to HTTP_PROXY in absolute form, and the bytes round-trip', { timeout: 60_000 }, async () => {
    proxy.forwarded.length = 0;
    const env = await base({ http_proxy: proxy.url });
    expect((await runCli(cli, ['cp', file, `box:${bucket}/plain/`], env)).code).toBe(0);
    const into = await mkdtemp(path.join(tmpdir(), 'ferry-proxy-dl-'));
    const down = await runCli(cli, ['cp', `box:${bucket}/plain/up.bin`, into], env);
    expect(down.code).toBe(0);
    expect(sha256(await readFile(path.join(into, 'up.bin')))).toBe(sha256(body));
    const host = new URL(s.endpoint).host;
    expect(proxy.forwarded.filter((r) => r === `PUT ${host}`).length).toBeGreaterThanOrEqual(1);
    expect(proxy.forwarded.filter((r) => r === `GET ${host}`).length).toBeGreaterThanOrEqual(1);
  });

  it('an https endpoint: requests go through CONNECT tunnels to HTTPS_PROXY, with basic auth', { timeout: 60_000 }, async () => {
    proxy.tunnels.length = 0;
    proxy.credentials = 'ferry:pr0xy-pass';
    try {
      const proxyUrl = proxy.url.replace('http://', 'http://ferry:pr0xy-pass@');
      const env = await base({ HTTPS_PROXY: proxyUrl, FERRY_BOX_CA_FILE: caFile }, httpsEndpoint);
      const up = await runCli(cli, ['cp', file, `box:${bucket}/tls/`], env);
      expect(up.stderr).not.toContain('failed');
      expect(up.code).toBe(0);
      const ls = await runCli(cli, ['ls', `box:${bucket}/tls/`], env);
      expect(ls.stdout).toContain('up.bin');
      expect(proxy.tunnels.length).toBeGreaterThanOrEqual(1);
      expect(new Set(proxy.tunnels)).toEqual(new Set([new URL(httpsEndpoint).host]));

      // Wrong credentials: the proxy is named, and the password never printed.
      const wrong = await base(
        { HTTPS_PROXY: proxy.url.replace('http://', 'http://ferry:not-it@'), FERRY_BOX_CA_FILE: caFile },
        httpsEndpoint,
      );
      const refused = await runCli(cli, ['ls', `box:${bucket}/tls/`, '--retries', '1'], wrong);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain(
        `The proxy ${proxy.url} (from HTTPS_PROXY) refused to connect to ${new URL(httpsEndpoint).host} (HTTP 407`,
      );
      expect(refused.stderr).not.toContain('not-it');
    } finally {
      delete proxy.credentials;
    }
  });

  it('NO_PROXY bypasses the proxy for a listed host or CIDR', { timeout: 60_000 }, async () => {
    for (const noProxy of ['127.0.0.1', '127.0.0.0/8', 'localhost,127.0.0.1']) {
      proxy.forwarded.length = 0;
      const env = await base({ HTTP_PROXY: proxy.url, NO_PROXY: noProxy });
      const ls = await runCli(cli, ['ls', `box:${bucket}/plain/`], env);
      expect(ls.code).toBe(0);
      expect(ls.stdout).toContain('up.bin');
      expect(proxy.forwarded).toEqual([]);
    }
  });

  it('a proxy that refuses, or is not there, is named with what it did', { timeout: 60_000 }, async () => {
    proxy.refuse = 403;
    try {
      const env = await base({ HTTP_PROXY: proxy.url });
      const run = await runCli(cli, ['ls', `box:${bucket}/plain/`, '--retries', '1'], env);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(
        `The proxy ${proxy.url} (from HTTP_PROXY) refused to connect to ${new URL(s.endpoint).host} (HTTP 403 Forbidden)`,
      );
      const tunnel = await base({ HTTPS_PROXY: proxy.url, FERRY_BOX_CA_FILE: caFile }, httpsEndpoint);
      const viaConnect = await runCli(cli, ['ls', `box:${bucket}/tls/`, '--retries', '1'], tunnel);
      expect(viaConnect.stderr).toContain('(HTTP 403 Forbidden)');
    } finally {
      delete proxy.refuse;
    }
    const closed = `http://127.0.0.1:${await freePort()}`;
    const gone = await runCli(cli, ['ls', `box:${bucket}/plain/`, '--retries', '1'], await base({ HTTP_PROXY: closed }));
    expect(gone.code).toBe(1);
    expect(gone.stderr).toContain(`The proxy ${closed} (from HTTP_PROXY) cannot be reached: nothing is listening there.`);
  });
});

describe.runIf(minio)('Test connection behind a proxy (MinIO)', () => {
  it('passes through the proxy and says which; a refusing proxy fails the test with its name', { timeout: 60_000 }, async () => {
    const s = minio as TestServer;
    const proxy = await startProxy();
    try {
      const core = createCore({
        shell: 'serve',
        userDataDir: mkdtempSync(path.join(tmpdir(), 'ferry-proxy-core-')),
        proxyEnv: { HTTP_PROXY: proxy.url },
      });
      const draft = {
        label: 'Boxed',
        endpoint: s.endpoint,
        region: s.region,
        accessKeyId: s.accessKeyId,
        secretAccessKey: s.secretAccessKey,
        pathStyle: true,
      };
      const passed = await core.dispatch('connections.test', { draft });
      const report = (passed as { ok: true; value: DiagnosticReport }).value;
      expect(report).toMatchObject({ ok: true, code: 'ok', proxy: `${proxy.url} (from HTTP_PROXY)` });
      expect(report.steps.find((st) => st.id === 'tcp')?.detail).toContain(`through the proxy ${proxy.url}`);
      expect(proxy.forwarded.length).toBeGreaterThan(0);

      proxy.refuse = 403;
      const failed = ((await core.dispatch('connections.test', { draft })) as { ok: true; value: DiagnosticReport }).value;
      expect(failed.ok).toBe(false);
      expect(failed.proxy).toBe(`${proxy.url} (from HTTP_PROXY)`);
      expect(failed.message).toContain(`The proxy ${proxy.url} (from HTTP_PROXY) refused`);
      core.dispose();
    } finally {
      proxy.server.closeAllConnections();
      await new Promise<void>((r) => proxy.server.close(() => r()));
    }
  });
});

async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  const port = (srv.address() as AddressInfo).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}
