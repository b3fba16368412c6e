// The guard that keeps a move from deleting a local file whose new content
// was never uploaded: after the copy, the source is checked again (size and
// time as planned). `ferry mv` uploads a file in throttled parts; once the
// first part is on the server the file is rewritten in place. The move must
// fail that item and keep the file, new content and all.
import { randomBytes } from 'node:crypto';
import { mkdtemp, open, readFile, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRequestLog, type RequestLog } from '../../e2e/servers/request-log';
import type { TestServer } from '../../e2e/servers/harness';
import { createBucket, server, sha256, uniqueBucket } from './support';
import { buildCli, cliEnv, spawnCli } from './transfer-support';

const MiB = 1024 * 1024;
const minio = server('minio');
let cli = '';
let log: RequestLog | undefined;

beforeAll(async () => {
  cli = await buildCli();
}, 60_000);
afterAll(async () => {
  await log?.stop();
});

describe.runIf(minio)('a move whose local source changes while it is sent (MinIO)', () => {
  it('fails the item and keeps the file with its new content', { timeout: 90_000 }, async () => {
    const s = minio as TestServer;
    const bucket = uniqueBucket('mvguard');
    await createBucket(s, bucket);
    log = await startRequestLog(s.endpoint);
    const dir = await mkdtemp(path.join(tmpdir(), 'ferry-mvguard-'));
    const file = path.join(dir, 'report.bin');
    await writeFile(file, randomBytes(24 * MiB));
    const env = { FERRY_DATA_DIR: path.join(dir, 'data'), ...cliEnv('dst', s, log.endpoint) };

    const run = spawnCli(
      cli,
      ['mv', '--part-size', '5MiB', '--parts', '1', '--multipart-threshold', '5MiB', '--bwlimit', '6MiB', file, `dst:${bucket}/in/`],
      env,
    );
    const requestLog = log;
    for (let i = 0; i < 600 && requestLog.uploadParts().filter((r) => r.status === 200).length < 1; i++) {
      await new Promise((r) => setTimeout(r, 50));
    }
    // Same size, new bytes written in place (never shorter, so no read comes up short), and a new time.
    const edited = randomBytes(24 * MiB);
    const handle = await open(file, 'r+');
    await handle.write(edited, 0, edited.length, 0);
    await handle.close();
    const later = new Date(Date.now() + 5_000);
    await utimes(file, later, later);
    const done = await run.done;

    expect(done.code).toBe(1);
    expect(done.stderr).toContain('changed while it was being copied');
    expect(sha256(await readFile(file))).toBe(sha256(edited));
  });
});
