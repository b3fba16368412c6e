// Kill and resume with many small objects: finished items reach the journal in groups (one write for many
// items, a few times a second), never one line per item. `ferry cp` of 300 small files is killed with SIGKILL
// after a group has been written and before the last; `ferry resume` must then leave every object in place byte
// for byte, and send none that the journal had recorded as finished (only those finished after the last group
// may go again, as the same bytes). A logging proxy counts the PUTs. On MinIO and versitygw.
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRequestLog, type RequestLog } from '../../e2e/servers/request-log';
import { createBucket, objectBytes, sdkClient, server, sha256, uniqueBucket } from './support';
import { buildCli, cliEnv, listKeys, runCli, spawnCli } from './transfer-support';

const FILES = 300;
const targets = (['minio', 'versitygw'] as const).map((k) => server(k)).filter((s) => s !== undefined);
const logs: RequestLog[] = [];
const dirs: string[] = [];
let cli = '';

beforeAll(async () => {
  cli = await buildCli();
}, 60_000);
afterAll(async () => {
  await Promise.all(logs.map((l) => l.stop()));
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

async function until(check: () => Promise<boolean> | boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** What the journal on disk says is finished: the last progress record's count, and the items it names. */
async function journalled(dataDir: string): Promise<{ done: number; records: number } | null> {
  const dir = path.join(dataDir, 'cli-transfers');
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith('.jsonl'));
  if (names.length !== 1) return null;
  const lines = (await readFile(path.join(dir, names[0] as string), 'utf8')).split('\n').filter(Boolean);
  let done = 0;
  for (const line of lines) {
    try {
      const r = JSON.parse(line) as { t: string; counters?: { done: number } };
      if (r.t === 'progress' && r.counters) done = r.counters.done;
    } catch {
      // A torn last line: what a kill mid-write leaves, and what a restore skips.
    }
  }
  return { done, records: lines.length };
}

const puts = (log: RequestLog, since = 0) =>
  log.requests.filter(
    (r) => r.method === 'PUT' && r.status === 200 && r.at >= since && !r.query.has('uploadId') && r.path.includes('/in/'),
  );

describe.each(targets.map((s) => [s.label, s] as const))('many small objects killed and resumed on %s', (_label, s) => {
  it('loses nothing and sends nothing the journal had finished', { timeout: 120_000 }, async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'ferry-kill-small-'));
    dirs.push(dir);
    const src = path.join(dir, 'src');
    await mkdir(src);
    const bodies = new Map<string, Buffer>();
    for (let i = 0; i < FILES; i++) {
      const name = `f${String(i).padStart(3, '0')}.bin`;
      const body = randomBytes(2048 + i);
      bodies.set(name, body);
      await writeFile(path.join(src, name), body);
    }
    const bucket = uniqueBucket('killsmall');
    await createBucket(s, bucket);
    const log = await startRequestLog(s.endpoint);
    logs.push(log);
    const dataDir = path.join(dir, 'data');
    const env = { FERRY_DATA_DIR: dataDir, ...cliEnv('dst', s, log.endpoint) };

    // Slow enough (four at a time, 150 KiB/s: ~5 s in all) to be killed with groups written and items still to go.
    const first = spawnCli(cli, ['cp', '-r', '--objects', '4', '--bwlimit', '150KiB', src, `dst:${bucket}/in/`], env);
    await until(async () => ((await journalled(dataDir))?.done ?? 0) >= 40, 60_000, 'a group of finished items in the journal');
    first.child.kill('SIGKILL');
    expect((await first.done).signal).toBe('SIGKILL');

    const atKill = (await journalled(dataDir)) as { done: number; records: number };
    const sentBefore = puts(log).length;
    expect(atKill.done).toBeGreaterThanOrEqual(40);
    expect(atKill.done).toBeLessThan(FILES);
    // Grouped: far fewer journal lines than finished items.
    expect(atKill.records).toBeLessThan(atKill.done);
    // Items finish ahead of the group that records them; none is recorded before it is on the server.
    expect(sentBefore).toBeGreaterThanOrEqual(atKill.done);
    expect((await listKeys(sdkClient(s), bucket, 'in/')).length).toBeGreaterThanOrEqual(atKill.done);

    const since = Date.now();
    const resumed = await runCli(cli, ['resume', '--all', '--json'], env);
    expect(resumed.stderr).not.toContain('failed');
    expect(resumed.code).toBe(0);
    const summary = JSON.parse(resumed.stdout.trim().split('\n').pop() as string) as { state: string };
    expect(summary.state).toBe('done');

    const sentAfter = puts(log, since);
    // Nothing the journal had finished is sent again; everything else is sent once.
    expect(sentAfter.length).toBeLessThanOrEqual(FILES - atKill.done);
    expect(sentAfter.length).toBeGreaterThanOrEqual(FILES - sentBefore);
    expect(new Set(sentAfter.map((r) => r.path)).size).toBe(sentAfter.length);
    const keys = await listKeys(sdkClient(s), bucket, 'in/');
    expect(keys).toHaveLength(FILES);
    for (const [name, body] of bodies) expect(sha256(await objectBytes(s, bucket, `in/src/${name}`)), name).toBe(sha256(body));
    const jobs = await runCli(cli, ['jobs'], env);
    expect(jobs.stdout.trim()).toBe('no journalled jobs');
  });
});
