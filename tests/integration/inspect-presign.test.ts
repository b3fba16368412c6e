/**
 * Presigned links, used with plain fetch as anyone holding the link would:
 * a GET returns the object, a PUT slot stores what is sent, and a link past
 * its expiry is refused by the server itself.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PresignedLink } from '../../app/api/inspect-types';
import { presign } from '../../app/inspect/presign';
import { CoreUnderTest, createBucket, objectBytes, putObject, sdkClient, servers, uniqueBucket } from './support';
import { buildCli, cliEnv, runCli } from './transfer-support';

describe.each(servers().map((s) => [s.label, s] as const))('presigned links on %s', (_label, srv) => {
  const t = new CoreUnderTest();
  const bucket = uniqueBucket('presign');
  const key = 'shared/report 2026+final.txt';
  let connectionId = '';
  const item = (k: string) => ({ kind: 's3', connectionId, bucket, key: k }) as const;

  beforeAll(async () => {
    connectionId = await t.connect(srv);
    await createBucket(srv, bucket);
    await putObject(srv, bucket, key, Buffer.from('the numbers\n'), { ContentType: 'text/plain' });
  });
  afterAll(() => t.dispose());

  it('a GET link fetched with plain fetch returns the object, and says when it expires', async () => {
    const before = Date.now();
    const link = await t.call<PresignedLink>('inspect.presign', { item: item(key), expiresSeconds: 3600 });
    expect(link.method).toBe('GET');
    expect(Date.parse(link.expiresAt) - before).toBeGreaterThanOrEqual(3599_000);
    expect(link.url).toContain('X-Amz-Expires=3600');
    const res = await fetch(link.url);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('the numbers\n');
  });

  it('a PUT link takes an upload to its key', async () => {
    const link = await t.call<PresignedLink>('inspect.presign', { item: item('drop/in.bin'), method: 'PUT', expiresSeconds: 600 });
    const res = await fetch(link.url, { method: 'PUT', body: Buffer.from('uploaded through a link') });
    expect(res.status).toBe(200);
    expect((await objectBytes(srv, bucket, 'drop/in.bin')).toString()).toBe('uploaded through a link');
  });

  it('a link past its expiry is refused by the server', async () => {
    // Signed two minutes ago for one minute: expired a minute ago.
    const link = await presign(sdkClient(srv), item(key), 'GET', 60, new Date(Date.now() - 120_000));
    const res = await fetch(link.url);
    expect(res.status).toBe(403);
    expect(await res.text()).toMatch(/expired/i);
  });

  it('refuses an expiry outside 1 minute to 7 days before signing anything', async () => {
    for (const expiresSeconds of [59, 7 * 24 * 3600 + 1]) {
      const out = await t.core.dispatch('inspect.presign', { item: item(key), expiresSeconds });
      expect(out).toMatchObject({ ok: false, error: { code: 'invalid-arguments', message: expect.stringMatching(/1 minute|7 days/) } });
    }
  });
});

describe.each(servers().map((s) => [s.label, s] as const))('ferry presign on %s', (_label, srv) => {
  const bucket = uniqueBucket('cli-presign');
  let cli = '';
  beforeAll(async () => {
    cli = await buildCli();
    await createBucket(srv, bucket);
    await putObject(srv, bucket, 'a b/c.txt', Buffer.from('from the command line'));
  }, 60_000);

  it('prints a GET link that plain fetch can use, and when it expires', async () => {
    const env = { FERRY_DATA_DIR: await mkdtemp(path.join(tmpdir(), 'ferry-cli-')), ...cliEnv('one', srv) };
    const run = await runCli(cli, ['presign', `one:${bucket}/a b/c.txt`, '--expires', '1h'], env);
    expect(run.code).toBe(0);
    const url = run.stdout.trim();
    expect(url).toContain('X-Amz-Expires=3600');
    expect(run.stderr).toMatch(/GET link, expires \d{4}-\d\d-\d\dT/);
    expect(await (await fetch(url)).text()).toBe('from the command line');
  });

  it('refuses an expiry over 7 days as a usage error', async () => {
    const env = { FERRY_DATA_DIR: await mkdtemp(path.join(tmpdir(), 'ferry-cli-')), ...cliEnv('one', srv) };
    const run = await runCli(cli, ['presign', `one:${bucket}/a b/c.txt`, '--expires', '8d'], env);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/7 days/);
    expect(run.stdout).toBe('');
  });
});
