// The command line twin against real servers: ls, cp and mv with the
// summary line scripts rely on, and exit codes that say whether every item
// made it.
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../../e2e/servers/harness';
import { createBucket, objectBytes, sdkClient, servers, sha256, uniqueBucket } from './support';
import { buildCli, cliEnv, listKeys, runCli } from './transfer-support';

const [a, b] = servers() as [TestServer, TestServer | undefined];
let cli = '';
beforeAll(async () => {
  cli = await buildCli();
}, 60_000);

describe.runIf(a && b)('ferry on the command line', () => {
  it('ls, cp -r across servers, mv, with the summary line and exit codes', { timeout: 60_000 }, async () => {
    const to = b as TestServer;
    const dir = await mkdtemp(path.join(tmpdir(), 'ferry-cli-'));
    const env = { FERRY_DATA_DIR: path.join(dir, 'data'), ...cliEnv('one', a), ...cliEnv('Two-Cloud', to) };
    const src = uniqueBucket('clisrc');
    const dst = uniqueBucket('clidst');
    await createBucket(a, src);
    await createBucket(to, dst);
    const files = {
      'logs/2024/a.log': randomBytes(1000),
      'logs/2024/b c.log': randomBytes(9 * 1024 * 1024),
      'logs/top.txt': Buffer.from('top'),
    };
    for (const [key, body] of Object.entries(files)) await sdkClient(a).send(new PutObjectCommand({ Bucket: src, Key: key, Body: body }));

    const buckets = await runCli(cli, ['ls', 'one:'], env);
    expect(buckets.code).toBe(0);
    expect(buckets.stdout).toContain(src);
    const level = await runCli(cli, ['ls', `one:${src}/logs/`], env);
    expect(
      level.stdout
        .trim()
        .split('\n')
        .map((l) => l.trim().split(/\s+/).pop()),
    ).toEqual(['logs/2024/', 'logs/top.txt']);

    // NAME is upper-cased, and what is not a letter or digit becomes _: Two-Cloud reads FERRY_TWO_CLOUD_*.
    const copied = await runCli(cli, ['cp', '-r', '--part-size', '5MiB', `one:${src}/logs`, `Two-Cloud:${dst}/backup`], env);
    expect(copied.code).toBe(0);
    const total = Object.values(files).reduce((n, f) => n + f.length, 0);
    expect(copied.stdout).toMatch(new RegExp(`^copied 3 objects, ${total} bytes in \\d+\\.\\d+ s\n$`));
    expect(await listKeys(sdkClient(to), dst)).toEqual(['backup/logs/2024/a.log', 'backup/logs/2024/b c.log', 'backup/logs/top.txt']);
    for (const [key, body] of Object.entries(files)) expect(sha256(await objectBytes(to, dst, `backup/${key}`))).toBe(sha256(body));

    // Down to disk, then a move of one object.
    const down = path.join(dir, 'down');
    const got = await runCli(cli, ['cp', '-r', `Two-Cloud:${dst}/backup/logs/2024/`, down], env);
    expect(got.code).toBe(0);
    expect((await readdir(path.join(down, '2024'))).sort()).toEqual(['a.log', 'b c.log']);
    expect(sha256(await readFile(path.join(down, '2024', 'b c.log')))).toBe(sha256(files['logs/2024/b c.log']));
    const moved = await runCli(cli, ['mv', `one:${src}/logs/top.txt`, `one:${src}/archive/`], env);
    expect(moved.stdout).toMatch(/^moved 1 objects, 3 bytes in /);
    expect(await listKeys(sdkClient(a), src, 'logs/top')).toEqual([]);
    expect((await objectBytes(a, src, 'archive/top.txt')).toString()).toBe('top');
  });

  it('exits non-zero when an item fails, and 2 on a usage error', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'ferry-cli-'));
    const env = { FERRY_DATA_DIR: path.join(dir, 'data'), ...cliEnv('one', a) };
    const bucket = uniqueBucket('clifail');
    await createBucket(a, bucket);
    await mkdir(path.join(dir, 'out'));
    const missing = await runCli(cli, ['cp', `one:${bucket}/no/such.key`, path.join(dir, 'out')], env);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toMatch(/^copied 0 objects, 0 bytes in /);
    expect(missing.stderr).toContain('failed: ');

    const folder = await runCli(cli, ['cp', dir, `one:${bucket}/`], env);
    expect(folder.code).toBe(2);
    expect(folder.stderr).toContain('add -r');
    const unknown = await runCli(cli, ['cp', path.join(dir, 'x'), `nobody:${bucket}/`], env);
    expect(unknown.code).toBe(2);
    const noName = await runCli(cli, ['ls', `nobody:${bucket}/`], env);
    expect(noName.stderr).toContain('FERRY_NOBODY_ENDPOINT');
    const flag = await runCli(cli, ['cp', '--parts', 'many', 'a', 'b'], env);
    expect(flag.code).toBe(2);
    await writeFile(path.join(dir, 'x'), 'x');
  });
});
