// Answers no real server gives on purpose, from a small hostile server: a
// 503 whose body is 200 MB (on the large-GET path, the small path and a
// listing), a 307 elsewhere. Each fails its request with what the server
// said, reading no more than the head of the body.
import { createHash } from 'node:crypto';
import { createServer, type ServerResponse, type Server } from 'node:http';
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, runCli } from './transfer-support';

const MiB = 1024 * 1024;
const FLOOD = 200 * MiB;
const ERROR_HEAD =
  '<?xml version="1.0" encoding="UTF-8"?><Error><Code>SlowDown</Code><Message>Reduce your request rate.</Message><Padding>';

let server: Server;
let endpoint = '';
/** Body bytes the server got out per flooded request, counted when its connection closed. */
const sent: number[] = [];

function flood(res: ServerResponse): void {
  const chunk = Buffer.alloc(MiB, 0x20);
  let out = 0;
  res.writeHead(503, { 'content-type': 'application/xml', 'content-length': String(ERROR_HEAD.length + FLOOD) });
  res.write(ERROR_HEAD);
  res.on('close', () => sent.push(out));
  const pump = () => {
    while (out < FLOOD && !res.destroyed) {
      out += chunk.length;
      if (!res.write(chunk)) return void res.once('drain', pump);
    }
    res.end();
  };
  pump();
}

/** Keys that try to steer a terminal: clear the screen, forge a line, reverse what follows, ring a C1 control. */
const EVIL_KEYS = ['evil/\u001b[2Jcleared', 'evil/a\nferry: copied 99 objects', 'evil/\u202etxt.exe', 'evil/\u0085next\u2028line\u0007'];
// eslint-disable-next-line no-control-regex -- finding raw controls in the output is the point
const RAW_CONTROLS = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

const SIZES: Record<string, number> = { 'big.bin': 5 * MiB, 'small.bin': 100 * 1024 };

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    const url = new URL(req.url ?? '/', 'http://x');
    const key = decodeURIComponent(url.pathname.split('/').slice(2).join('/'));
    if (url.searchParams.get('list-type') === '2' && url.searchParams.get('prefix')?.startsWith('evil/')) {
      const contents = EVIL_KEYS.map(
        (k) =>
          `<Contents><Key>${encodeURIComponent(k)}</Key><LastModified>2024-05-01T10:00:00.000Z</LastModified><ETag>"0"</ETag><Size>3</Size></Contents>`,
      ).join('');
      res
        .writeHead(200, { 'content-type': 'application/xml' })
        .end(
          `<ListBucketResult><Name>b</Name><EncodingType>url</EncodingType><IsTruncated>false</IsTruncated>${contents}</ListBucketResult>`,
        );
      return;
    }
    if (key.startsWith('evil/')) {
      const body = `<?xml version="1.0"?><Error><Code>AccessDenied</Code><Message>No \u001b[31mway\n for ${key}</Message></Error>`;
      res.writeHead(403, { 'content-type': 'application/xml' }).end(body.replace('\\u001b', '\u001b'));
      return;
    }
    if (key === 'moved.bin') {
      res.writeHead(307, { location: 'https://elsewhere.example/b/moved.bin?X-Amz-Signature=abc', 'content-length': '0' }).end();
      return;
    }
    if (req.method === 'HEAD' && SIZES[key]) {
      res.writeHead(200, { 'content-length': String(SIZES[key]), etag: `"${createHash('md5').update(key).digest('hex')}"` }).end();
      return;
    }
    flood(res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  endpoint = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  return new Promise<void>((r) => server.close(() => r()));
});

const env = (dataDir: string) => ({
  FERRY_DATA_DIR: dataDir,
  FERRY_HOSTILE_ENDPOINT: endpoint,
  FERRY_HOSTILE_REGION: 'us-east-1',
  FERRY_HOSTILE_ACCESS_KEY_ID: 'AKIAHOSTILE',
  FERRY_HOSTILE_SECRET_ACCESS_KEY: 'hostile-secret',
  FERRY_HOSTILE_PATH_STYLE: 'true',
});

describe('a hostile server cannot fill memory or confuse the message', () => {
  let cli = '';
  beforeAll(async () => {
    cli = await buildCli();
  }, 60_000);

  it.each([
    ['a download of 5 MiB (Ferry’s own sockets)', ['cp', 'hostile:b/big.bin']],
    ['a download of 100 KiB (prepared requests)', ['cp', 'hostile:b/small.bin']],
    ['a listing', ['ls', 'hostile:b/']],
  ])(
    'a 503 with a 200 MB body on %s: only its head is read, and the message is the server’s',
    { timeout: 120_000 },
    async (_name, args) => {
      sent.length = 0;
      const data = await mkdtemp(path.join(tmpdir(), 'ferry-flood-'));
      const into = await mkdtemp(path.join(tmpdir(), 'ferry-flood-dl-'));
      const run = await runCli(cli, [...args, ...(args[0] === 'cp' ? [into] : []), '--retries', '1'], env(data));
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('SlowDown');
      expect(run.stderr).toContain('Reduce your request rate.');
      await new Promise((r) => setTimeout(r, 200));
      expect(sent.length).toBeGreaterThan(0);
      // The server could push what loopback socket buffers hold, not the 200 MB.
      for (const n of sent) expect(n).toBeLessThan(40 * MiB);
      expect(await readdir(into)).toEqual([]);
    },
  );

  it('a 307 names the redirect and where it pointed, without the query', async () => {
    const data = await mkdtemp(path.join(tmpdir(), 'ferry-307-'));
    const into = await mkdtemp(path.join(tmpdir(), 'ferry-307-dl-'));
    const run = await runCli(cli, ['cp', 'hostile:b/moved.bin', into, '--retries', '1'], env(data));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('HTTP 307, temporary redirect) to https://elsewhere.example/b/moved.bin');
    expect(run.stderr).not.toContain('X-Amz-Signature');
    expect(run.stderr).not.toContain('Unknown');
  });

  it('keys and server messages that try to steer the terminal are escaped in every line ls and cp print', { timeout: 60_000 }, async () => {
    const data = await mkdtemp(path.join(tmpdir(), 'ferry-evil-'));
    const into = await mkdtemp(path.join(tmpdir(), 'ferry-evil-dl-'));
    const ls = await runCli(cli, ['ls', '-r', 'hostile:b/evil/'], env(data));
    expect(ls.code).toBe(0);
    expect(ls.stdout.trim().split('\n')).toHaveLength(EVIL_KEYS.length);
    expect(ls.stdout).not.toMatch(RAW_CONTROLS);
    expect(ls.stdout).toContain('evil/\\x1b[2Jcleared');
    expect(ls.stdout).toContain('evil/\\u202etxt.exe');

    const cp = await runCli(cli, ['cp', '-r', 'hostile:b/evil/', into, '--retries', '1'], env(data));
    expect(cp.code).toBe(1);
    expect(cp.stderr).not.toMatch(RAW_CONTROLS);
    // One line per failed key, none forged: every line is Ferry's own.
    const lines = cp.stderr.trim().split('\n');
    for (const line of lines) expect(line).toMatch(/^ferry: /);
    expect(lines.filter((l) => l.startsWith('ferry: failed: '))).toHaveLength(EVIL_KEYS.length);
    expect(cp.stderr).toContain('evil/a\\x0aferry: copied 99 objects');
    expect(cp.stdout).not.toContain('copied 99');
  });
});
