// Listings from a server that breaks the rules a listing must keep: a page
// that says "more" without a token, a token that comes back, a page cut
// short. `ferry ls`, `ferry rm -r`, `ferry cp -r` and the pane each stop with
// the server's fault named, instead of listing part of a folder as all of it
// or looping forever. A hostile server written here, since no real one can be
// made to answer this way.
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FerryErrorData } from '../../app/api/errors';
import { CoreUnderTest } from './support';
import { buildCli, runCli } from './transfer-support';

type Mode = 'no-token' | 'repeat-token' | 'cycle' | 'cut' | 'not-xml';

const md5 = (s: string) => createHash('md5').update(s).digest('hex');

function page(keys: string[], truncated: boolean, token?: string): string {
  const contents = keys
    .map(
      (k) =>
        `<Contents><Key>${k}</Key><LastModified>2024-05-01T10:00:00.000Z</LastModified><ETag>"${md5(k)}"</ETag><Size>${k.length}</Size></Contents>`,
    )
    .join('');
  return (
    `<?xml version="1.0" encoding="UTF-8"?><ListBucketResult><Name>b</Name><Prefix>d/</Prefix><KeyCount>${keys.length}</KeyCount>` +
    `<MaxKeys>1000</MaxKeys><IsTruncated>${truncated}</IsTruncated>${token ? `<NextContinuationToken>${token}</NextContinuationToken>` : ''}${contents}</ListBucketResult>`
  );
}

/** Pages 1 and 2 are fine; what comes after depends on the mode. Objects answer with their key as the body. */
function listingFor(mode: Mode, token: string | null): string {
  if (token === null) return page(['d/a1', 'd/a2'], true, 'T1');
  if (token === 'T1') return page(['d/b1', 'd/b2'], true, 'T2');
  switch (mode) {
    case 'no-token':
      return page(['d/c1'], true);
    case 'repeat-token':
      return page(['d/c1'], true, 'T2');
    case 'cycle':
      return page(['d/c1'], true, 'T1');
    case 'cut':
      return page(['d/c1', 'd/c2'], false).slice(0, 260);
    default:
      return 'Service temporarily unavailable';
  }
}

let server: Server;
let endpoint = '';
let mode: Mode = 'no-token';
let listRequests = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    req.resume();
    if (req.method === 'GET' && url.searchParams.get('list-type') === '2') {
      listRequests++;
      res.writeHead(200, { 'content-type': 'application/xml' }).end(listingFor(mode, url.searchParams.get('continuation-token')));
      return;
    }
    if (req.method === 'POST' && url.searchParams.has('delete')) {
      let body = '';
      req.on('data', (d: Buffer) => (body += d.toString()));
      req.on('end', () => {
        const keys = [...body.matchAll(/<Key>([^<]*)<\/Key>/g)].map((m) => `<Deleted><Key>${m[1]}</Key></Deleted>`).join('');
        res.writeHead(200, { 'content-type': 'application/xml' }).end(`<?xml version="1.0"?><DeleteResult>${keys}</DeleteResult>`);
      });
      return;
    }
    if (req.method === 'GET' || req.method === 'HEAD') {
      const key = decodeURIComponent(url.pathname.split('/').slice(2).join('/'));
      res.writeHead(200, {
        'content-length': String(Buffer.byteLength(key)),
        etag: `"${md5(key)}"`,
        'last-modified': new Date('2024-05-01T10:00:00Z').toUTCString(),
        'content-type': 'text/plain',
      });
      res.end(req.method === 'GET' ? key : undefined);
      return;
    }
    res.writeHead(501).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  endpoint = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const env = () => ({
  FERRY_HOSTILE_ENDPOINT: endpoint,
  FERRY_HOSTILE_REGION: 'us-east-1',
  FERRY_HOSTILE_ACCESS_KEY_ID: 'AKIAHOSTILE',
  FERRY_HOSTILE_SECRET_ACCESS_KEY: 'hostile-secret-never-printed',
  FERRY_HOSTILE_PATH_STYLE: 'true',
});

const FAULT: Record<Mode, RegExp> = {
  'no-token': /said the listing goes on but sent no continuation token/,
  'repeat-token': /same continuation token twice/,
  cycle: /continuation token it had already sent/,
  cut: /broken listing page \(<\w+> is never closed\)/,
  'not-xml': /broken listing page \(text before the root element\)/,
};

describe('a listing that breaks the rules stops with the server named at fault', () => {
  let cli = '';
  beforeAll(async () => {
    cli = await buildCli();
  }, 60_000);

  it.each(Object.keys(FAULT) as Mode[])('ferry ls -r, rm -r and cp -r: %s', { timeout: 60_000 }, async (m) => {
    mode = m;
    const base = { FERRY_DATA_DIR: await mkdtemp(path.join(tmpdir(), 'ferry-hostile-')), ...env() };

    listRequests = 0;
    const ls = await runCli(cli, ['ls', '-r', 'hostile:b/d/'], base);
    expect(ls.code).toBe(1);
    expect(ls.stderr).toMatch(FAULT[m]);
    // It stopped: the third page was asked once (a cycle would otherwise go on), never again.
    expect(listRequests).toBe(3);
    expect(ls.stderr).not.toContain('hostile-secret-never-printed');

    const rm = await runCli(cli, ['rm', '-r', 'hostile:b/d/'], base);
    expect(rm.code).toBe(1);
    expect(rm.stderr).toMatch(FAULT[m]);

    const into = await mkdtemp(path.join(tmpdir(), 'ferry-hostile-dl-'));
    const cp = await runCli(cli, ['cp', '-r', 'hostile:b/d/', into], base);
    expect(cp.code).toBe(1);
    expect(cp.stderr).toMatch(FAULT[m]);
    // What was listed before the fault may have arrived; nothing is claimed complete and no temp file is left.
    for (const name of await readdir(into, { recursive: true })) expect(name).not.toMatch(/\.ferry|\.part|\.tmp/);
  });

  it.each(['no-token', 'repeat-token', 'cut'] as Mode[])('the pane refuses the page: %s', async (m) => {
    mode = m;
    const t = new CoreUnderTest();
    const added = await t.call<{ id: string }>('connections.add', {
      label: 'Hostile',
      endpoint,
      region: 'us-east-1',
      accessKeyId: 'AKIAHOSTILE',
      secretAccessKey: 'hostile-secret-never-printed',
      pathStyle: true,
    });
    const location = { kind: 's3', connectionId: added.id, bucket: 'b', prefix: 'd/' };
    const first = await t.call<{ nextCursor?: string }>('browse.list', { location });
    const second = await t.call<{ nextCursor?: string }>('browse.list', { location, cursor: first.nextCursor });
    const third = await t.core.dispatch('browse.list', { location, cursor: second.nextCursor });
    expect(third.ok).toBe(false);
    const error = (third as { error: FerryErrorData }).error;
    expect(error.code).toBe('server');
    expect(error.message).toMatch(FAULT[m]);
    t.core.dispose();
  });
});
