// `ferry sync`, `ferry diff` and the command-line habits around them, run as
// the real executable against MinIO and local folders: exit codes 0, 1, 2
// and 130, dry runs that change nothing, include/exclude, s3:// locations,
// ls --json, and a sync killed half-way that resumes to equal sides.
import { randomBytes } from 'node:crypto';
import { mkdtemp, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../../e2e/servers/harness';
import { createBucket, putObject, sdkClient, server, uniqueBucket } from './support';
import { seedDir, seedS3, snapshot, until } from './sync-support';
import { buildCli, cliEnv, listKeys, runCli, spawnCli } from './transfer-support';

const minio = server('minio');
let cli = '';
beforeAll(async () => {
  cli = await buildCli();
}, 60_000);

async function setup(tag: string) {
  const s = minio as TestServer;
  const dir = await mkdtemp(path.join(tmpdir(), `ferry-${tag}-`));
  const bucket = uniqueBucket(tag);
  await createBucket(s, bucket);
  const env = { FERRY_DATA_DIR: path.join(dir, 'data'), ...cliEnv('cloud', s) };
  return { s, dir, bucket, env };
}

describe.runIf(minio)('ferry sync and ferry diff', () => {
  it('diff exits 0 when equal and 1 when not; --json rows parse line by line', { timeout: 60_000 }, async () => {
    const { s, dir, bucket, env } = await setup('diff');
    const files = { 'a.txt': Buffer.from('A'), 'sub/b.txt': Buffer.from('BB') };
    await seedDir(path.join(dir, 'src'), files);
    await seedS3(s, bucket, 'copy/', files);
    const same = await runCli(cli, ['diff', path.join(dir, 'src'), `cloud:${bucket}/copy`], env);
    expect([same.code, same.stdout]).toEqual([0, '']);
    await putObject(s, bucket, 'copy/extra.txt', Buffer.from('x'));
    await writeFile(path.join(dir, 'src', 'a.txt'), 'Z');
    // Edited after the copy was made: the times say so, and then the bytes are read.
    const later = new Date(Date.now() + 60_000);
    await utimes(path.join(dir, 'src', 'a.txt'), later, later);
    const differ = await runCli(cli, ['diff', '--json', path.join(dir, 'src'), `cloud:${bucket}/copy`], env);
    expect(differ.code).toBe(1);
    const lines = differ.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.slice(0, 2).map((l) => [l.key, l.cls, l.reason])).toEqual([
      ['a.txt', 'different', 'content'],
      ['extra.txt', 'only-right', 'missing'],
    ]);
    expect(lines[2]).toMatchObject({ equal: false, summary: { same: { count: 1 }, different: { count: 1 }, 'only-right': { count: 1 } } });
    const text = await runCli(cli, ['diff', path.join(dir, 'src'), `cloud:${bucket}/copy`], env);
    expect(text.stdout).toBe('! a.txt  (content)\n> extra.txt  (missing)\n');
  });

  it('diff and sync --dry-run name the local entries they leave out, and why', { timeout: 60_000 }, async () => {
    const { s, dir, bucket, env } = await setup('leftout');
    const src = path.join(dir, 'src');
    await seedDir(src, { 'a.txt': Buffer.from('A') });
    await seedS3(s, bucket, 'copy/', { 'a.txt': Buffer.from('A') });
    await symlink('gone.txt', path.join(src, 'latest.txt'));
    const why = `A link to ${path.join(src, 'gone.txt')}, which does not exist: there is nothing to send.`;
    const diff = await runCli(cli, ['diff', src, `cloud:${bucket}/copy`], env);
    // Left out, not a difference: the sides are equal in everything a sync can send.
    expect(diff.code).toBe(0);
    expect(diff.stderr).toContain(`ferry: left out ${path.join(src, 'latest.txt')}: ${why}`);
    const json = await runCli(cli, ['sync', '--dry-run', '--json', src, `cloud:${bucket}/copy/`], env);
    expect(json.stdout.split('\n')[0]).toBe(JSON.stringify({ leftOut: path.join(src, 'latest.txt'), reason: why }));

    // The sync itself sends what it can and names the rest when it ends; left out is not a failure.
    await writeFile(path.join(src, 'b.txt'), 'B');
    const run = await runCli(cli, ['sync', src, `cloud:${bucket}/copy/`], env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^synced 1 objects \(1 copied, 0 deleted\)/);
    expect(run.stderr).toContain(`ferry: left out ${path.join(src, 'latest.txt')}: ${why}`);
    await writeFile(path.join(src, 'c.txt'), 'C');
    const quiet = await runCli(cli, ['sync', '--json', src, `cloud:${bucket}/copy/`], env);
    expect(JSON.parse(quiet.stdout.trim().split('\n').pop() ?? '{}')).toMatchObject({
      objects: 1,
      leftOut: { count: 1, first: [{ path: path.join(src, 'latest.txt'), reason: why }] },
    });
  });

  it('sync --dry-run changes nothing; --plan runs exactly that plan; --delete removes the extras', { timeout: 60_000 }, async () => {
    const { s, dir, bucket, env } = await setup('sync');
    const src = path.join(dir, 'src');
    await seedDir(src, { 'keep.txt': Buffer.from('k'), 'new.txt': Buffer.from('n'), 'deep/x.bin': randomBytes(5000) });
    await seedS3(s, bucket, 'dst/', { 'keep.txt': Buffer.from('k'), 'stale.txt': Buffer.from('old'), 'deep/x.bin': Buffer.from('short') });
    const before = await snapshot({ server: s, bucket, prefix: 'dst/' });
    const dry = await runCli(cli, ['sync', '--dry-run', '--delete', src, `cloud:${bucket}/dst/`], env);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain('copy: 2 objects');
    expect(dry.stdout).toContain('  deep/x.bin  (different, size)');
    expect(dry.stdout).toContain('delete: 1 objects');
    expect(await snapshot({ server: s, bucket, prefix: 'dst/' })).toEqual(before);
    const digest = /plan ([0-9a-f]{32})/.exec(dry.stdout)?.[1] as string;
    expect(digest).toMatch(/^[0-9a-f]{32}$/);

    const real = await runCli(cli, ['sync', '--delete', '--plan', digest, src, `cloud:${bucket}/dst/`], env);
    expect([real.code, real.stderr]).toEqual([0, expect.any(String)]);
    expect(real.stdout).toMatch(/^synced 3 objects \(2 copied, 1 deleted\), 5001 bytes in \d+\.\d+ s\n$/);
    expect(await snapshot({ server: s, bucket, prefix: 'dst/' })).toEqual(await snapshot({ dir: src }));
    expect((await runCli(cli, ['diff', src, `cloud:${bucket}/dst/`], env)).code).toBe(0);

    // The same digest again: the plan is now empty, so the run refuses and changes nothing.
    await writeFile(path.join(src, 'later.txt'), 'l');
    const stale = await runCli(cli, ['sync', '--plan', digest, src, `cloud:${bucket}/dst/`], env);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toMatch(/changed since the plan was made; nothing was changed/);
    expect(await listKeys(sdkClient(s), bucket, 'dst/')).not.toContain('dst/later.txt');

    // Without --delete what only the destination holds stays.
    await putObject(s, bucket, 'dst/extra.txt', Buffer.from('e'));
    const plain = await runCli(cli, ['sync', src, `cloud:${bucket}/dst/`], env);
    expect(plain.code).toBe(0);
    expect(await listKeys(sdkClient(s), bucket, 'dst/')).toEqual([
      'dst/deep/x.bin',
      'dst/extra.txt',
      'dst/keep.txt',
      'dst/later.txt',
      'dst/new.txt',
    ]);
  });

  it('exit 2 for usage errors, 1 when items fail', { timeout: 60_000 }, async () => {
    const { dir, bucket, env } = await setup('codes');
    const usage = await runCli(cli, ['sync', '--frobnicate', 'a', 'b'], env);
    expect([usage.code, usage.stderr]).toEqual([2, 'ferry: Unknown option --frobnicate.\nRun ferry --help for usage.\n']);
    const letter = await runCli(cli, ['cp', 'c:bucket/key', dir], env);
    expect(letter.code).toBe(2);
    expect(letter.stderr).toMatch(/one-letter name before ':' reads as a Windows drive letter/);
    await seedDir(path.join(dir, 'src'), { 'a.txt': Buffer.from('a') });
    const missing = await runCli(cli, ['sync', path.join(dir, 'src'), `cloud:${bucket}-missing/x/`], env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/ferry: /);
  });

  it('include/exclude act in the planner for cp, rm --dry-run deletes nothing, s3:// takes --connection', { timeout: 60_000 }, async () => {
    const { s, dir, bucket, env } = await setup('filter');
    const src = path.join(dir, 'photos');
    await seedDir(src, {
      'a.jpg': Buffer.from('1'),
      'b.png': Buffer.from('2'),
      'raw/c.jpg': Buffer.from('3'),
      'tmp/d.jpg': Buffer.from('4'),
    });
    const cp = await runCli(
      cli,
      ['cp', '-r', '--include', '*.jpg', '--exclude', 'tmp/', src, `s3://${bucket}/in/`, '--connection', 'cloud'],
      env,
    );
    expect(cp.code).toBe(0);
    expect(await listKeys(sdkClient(s), bucket)).toEqual(['in/photos/a.jpg', 'in/photos/raw/c.jpg']);

    const dryCp = await runCli(cli, ['cp', '-rn', src, `cloud:${bucket}/again/`], env);
    expect(dryCp.stdout).toContain(`would copy ${path.join(src, 'b.png')} → ${bucket}/again/photos/b.png`);
    expect(dryCp.stdout).toMatch(/would copy 4 objects, 4 bytes \(dry run: nothing was changed\)\n$/);
    expect(await listKeys(sdkClient(s), bucket, 'again/')).toEqual([]);

    const dryRm = await runCli(cli, ['rm', '-rn', '--exclude', 'raw/**', `s3://${bucket}/in/photos/`], {
      ...env,
      FERRY_CONNECTION: 'cloud',
    });
    expect(dryRm.code).toBe(0);
    expect(dryRm.stdout).toBe(`would delete ${bucket}/in/photos/a.jpg\nwould delete 1 objects (dry run: nothing was changed)\n`);
    expect(await listKeys(sdkClient(s), bucket)).toEqual(['in/photos/a.jpg', 'in/photos/raw/c.jpg']);
    const noConn = await runCli(cli, ['ls', `s3://${bucket}/`], env);
    expect(noConn.code).toBe(2);
    expect(noConn.stderr).toMatch(/needs a connection: add --connection NAME/);
  });

  it('ls --json gives one object per line; sizes are human, --long gives bytes', { timeout: 60_000 }, async () => {
    const { s, bucket, env } = await setup('lsjson');
    await putObject(s, bucket, 'd/big.bin', randomBytes(1536 * 1024));
    await putObject(s, bucket, 'top.txt', Buffer.from('hello'));
    const json = await runCli(cli, ['ls', '--json', `cloud:${bucket}/`], env);
    expect(json.code).toBe(0);
    const rows = json.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(rows.map((r) => [r.type, r.key, r.size])).toEqual([
      ['prefix', 'd/', undefined],
      ['object', 'top.txt', 5],
    ]);
    expect(rows[1]).toMatchObject({ etag: expect.stringMatching(/^"[0-9a-f]{32}"$/), lastModified: expect.any(String) });
    const human = await runCli(cli, ['ls', '-r', `cloud:${bucket}/`], env);
    expect(human.stdout).toContain(' 1.5 MiB  d/big.bin\n');
    const long = await runCli(cli, ['ls', '-rl', `cloud:${bucket}/`], env);
    expect(long.stdout).toMatch(/ 1572864 {2}"[0-9a-f]{32}"/);
    // AWS_* never steer a connection: a bogus endpoint there changes nothing.
    const aws = await runCli(cli, ['ls', `cloud:${bucket}/`], {
      ...env,
      AWS_ENDPOINT_URL: 'http://127.0.0.1:9',
      AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:9',
      AWS_PROFILE: 'nope',
    });
    expect(aws.code).toBe(0);
    const unnamed = await runCli(cli, ['ls', 'elsewhere:b/'], { ...env, AWS_PROFILE: 'nope' });
    expect(unnamed.stderr).toMatch(/AWS_PROFILE is set, but ferry never reads AWS_\* variables/);
  });

  it('an interrupted cp with --include resumes with the same filter (kept in the journal)', { timeout: 120_000 }, async () => {
    const { s, dir, bucket, env } = await setup('filtres');
    const src = path.join(dir, 'src');
    const files: Record<string, Buffer> = {};
    for (let i = 0; i < 80; i++) files[`f${String(i).padStart(3, '0')}.${i % 2 === 0 ? 'keep' : 'skip'}`] = randomBytes(64 * 1024);
    await seedDir(src, files);
    const count = async () => (await listKeys(sdkClient(s), bucket)).length;
    const first = spawnCli(cli, ['cp', '-r', '--include', '*.keep', '--bwlimit', '512KiB', '--objects', '2', src, `cloud:${bucket}/`], env);
    await until(async () => (await count()) >= 5, 60_000, 'five objects copied');
    first.child.kill('SIGINT');
    const stopped = await first.done;
    expect(stopped.code).toBe(130);
    const id = /Resume it with: ferry resume ([0-9a-f-]+)/.exec(stopped.stderr)?.[1] as string;
    const resumed = await runCli(cli, ['resume', id], env);
    expect(resumed.code).toBe(0);
    const keys = await listKeys(sdkClient(s), bucket);
    expect(keys).toEqual(
      Object.keys(files)
        .filter((k) => k.endsWith('.keep'))
        .map((k) => `src/${k}`),
    );
  });

  it('FERRY_<NAME>_SESSION_TOKEN and _CA_FILE reach the connection', { timeout: 60_000 }, async () => {
    const { bucket, env } = await setup('envconn');
    // MinIO's static keys with a session token it never issued: refused, which proves the token was sent.
    const token = await runCli(cli, ['ls', `cloud:${bucket}/`], { ...env, FERRY_CLOUD_SESSION_TOKEN: 'not-a-token-minio-issued' });
    expect(token.code).toBe(1);
    expect(token.stderr).not.toContain('not-a-token-minio-issued');
    const ok = await runCli(cli, ['ls', `cloud:${bucket}/`], env);
    expect(ok.code).toBe(0);
    // A CA file is checked when the connection is made: one for a plain-HTTP endpoint is refused as such.
    const ca = await runCli(cli, ['ls', `cloud:${bucket}/`], { ...env, FERRY_CLOUD_CA_FILE: '/etc/hostname' });
    expect(ca.code).not.toBe(0);
    expect(ca.stderr).toMatch(/CA file only matters for an https:\/\/ endpoint/);
  });

  it('Ctrl-C pauses with exit 130 and says how to resume; a SIGKILLed sync resumes to equal sides', { timeout: 120_000 }, async () => {
    const { s, dir, bucket, env } = await setup('intr');
    const src = path.join(dir, 'src');
    const files: Record<string, Buffer> = {};
    for (let i = 0; i < 150; i++) files[`f${String(i).padStart(3, '0')}.bin`] = randomBytes(64 * 1024);
    await seedDir(src, files);
    const count = async () => (await listKeys(sdkClient(s), bucket, 'dst/')).length;

    // Pinned to its dry run's plan: a resumed run must not take its own progress for a change of plan.
    const dry = await runCli(cli, ['sync', '-n', src, `cloud:${bucket}/dst/`], env);
    const digest = /plan ([0-9a-f]{32})/.exec(dry.stdout)?.[1] as string;
    const first = spawnCli(cli, ['sync', '--plan', digest, '--bwlimit', '1MiB', '--objects', '2', src, `cloud:${bucket}/dst/`], env);
    await until(async () => (await count()) >= 10, 60_000, 'ten objects synced');
    first.child.kill('SIGINT');
    const stopped = await first.done;
    expect(stopped.code).toBe(130);
    const id = /Resume it with: ferry resume ([0-9a-f-]+)/.exec(stopped.stderr)?.[1];
    expect(id).toBeTruthy();
    expect(await count()).toBeLessThan(150);

    const second = spawnCli(cli, ['resume', '--bwlimit', '1MiB', '--objects', '2', id as string], env);
    const before = await count();
    await until(async () => (await count()) >= before + 10, 60_000, 'ten more objects');
    second.child.kill('SIGKILL');
    expect((await second.done).signal).toBe('SIGKILL');
    expect(await count()).toBeLessThan(150);

    const last = await runCli(cli, ['resume', id as string], env);
    expect(last.code).toBe(0);
    expect(await snapshot({ server: s, bucket, prefix: 'dst/' })).toEqual(await snapshot({ dir: src }));
    expect((await runCli(cli, ['diff', src, `cloud:${bucket}/dst/`], env)).code).toBe(0);
  });
});
