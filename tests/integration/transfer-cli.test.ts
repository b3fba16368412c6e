// The command line twin against real servers: ls, cp and mv with the
// summary line scripts rely on, and exit codes that say whether every item
// made it.
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRestrictedMinioUser, type TestServer } from '../../e2e/servers/harness';
import { createBucket, objectBytes, sdkClient, servers, sha256, uniqueBucket } from './support';
import { buildCli, cliEnv, inTempDir, listKeys, runCli } from './transfer-support';

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

// Mistakes made on the command line are named where they were made, and a job the server stopped can be finished
// once the mistake is corrected.
describe.runIf(a)('ferry cp with mistaken arguments', () => {
  it('refused keys name the variables to correct, and a resume with corrected keys finishes the job', { timeout: 60_000 }, async () => {
    const server = a as TestServer;
    await inTempDir('ferry-cli-keys-', async (dir) => {
      const bucket = uniqueBucket('clikeys');
      await createBucket(server, bucket);
      const file = path.join(dir, 'report.txt');
      await writeFile(file, 'quarterly figures');
      const good = { FERRY_DATA_DIR: path.join(dir, 'data'), ...cliEnv('one', server) };
      const mistakes: Record<string, string>[] = [
        { FERRY_ONE_SECRET_ACCESS_KEY: 'not-the-secret' },
        { FERRY_ONE_ACCESS_KEY_ID: 'nobody-here' },
      ];
      for (const wrong of mistakes) {
        const refused = await runCli(cli, ['cp', file, `one:${bucket}/in/`], { ...good, ...wrong });
        expect(refused.code).toBe(1);
        expect(refused.stderr).toMatch(/the server refused FERRY_ONE_ACCESS_KEY_ID and FERRY_ONE_SECRET_ACCESS_KEY \(/);
        expect(refused.stderr).toMatch(/Correct them, then: ferry resume [0-9a-f-]{36}\n/);
        expect(refused.stderr).not.toContain('not-the-secret');
      }
      // Both jobs wait; with the keys corrected under the same name, both finish (the second had another key id).
      const resumed = await runCli(cli, ['resume', '--all'], good);
      expect(resumed.code).toBe(0);
      expect(resumed.stdout.match(/^copied 1 objects, 17 bytes in /gm)).toHaveLength(2);
      expect((await objectBytes(server, bucket, 'in/report.txt')).toString()).toBe('quarterly figures');
      expect((await runCli(cli, ['jobs'], good)).stdout.trim()).toBe('no journalled jobs');
    });
  });

  it(
    'an https:// endpoint on a plain-HTTP server stops the copy with one error, and a resume over http:// finishes it',
    { timeout: 60_000 },
    async () => {
      const server = a as TestServer;
      await inTempDir('ferry-cli-tls-', async (dir) => {
        const bucket = uniqueBucket('clitls');
        await createBucket(server, bucket);
        const files = path.join(dir, 'files');
        await mkdir(files);
        for (let i = 0; i < 30; i++) await writeFile(path.join(files, `f${i}.txt`), `file ${i}`);
        const good = { FERRY_DATA_DIR: path.join(dir, 'data'), ...cliEnv('one', server) };
        expect(server.endpoint.startsWith('http://')).toBe(true);
        const wrong = { ...good, FERRY_ONE_ENDPOINT: server.endpoint.replace('http://', 'https://') };
        const first = await runCli(cli, ['cp', '-r', files, `one:${bucket}/`], wrong);
        expect(first.code).toBe(1);
        expect(first.stderr.split('The server answers in plain HTTP, not TLS: its endpoint should start with http://')).toHaveLength(2);
        expect(first.stderr).not.toContain('failed: ');
        expect(first.stderr).not.toContain('EPROTO');
        const resumed = await runCli(cli, ['resume'], good);
        expect(resumed.code).toBe(0);
        expect(resumed.stdout).toMatch(/^copied 30 objects, /);
        expect(await listKeys(sdkClient(server), bucket)).toHaveLength(30);
      });
    },
  );

  it(
    'keys that may only read stop an upload after a few denials, and a resume with keys that may write copies all',
    { timeout: 90_000 },
    async () => {
      const minio = servers().find((s) => s.kind === 'minio');
      if (!minio) throw new Error('MinIO is needed: only it makes users with a policy here');
      await inTempDir('ferry-cli-denied-', async (dir) => {
        const bucket = uniqueBucket('clidenied');
        await createBucket(minio, bucket);
        const reader = await createRestrictedMinioUser(minio, bucket, ['s3:GetObject', 's3:ListBucket']);
        const files = path.join(dir, 'files');
        await mkdir(files);
        for (let i = 0; i < 60; i++) await writeFile(path.join(files, `f${String(i).padStart(2, '0')}.txt`), `file ${i}`);
        const good = { FERRY_DATA_DIR: path.join(dir, 'data'), ...cliEnv('one', minio) };
        const readOnly = { ...good, FERRY_ONE_ACCESS_KEY_ID: reader.accessKeyId, FERRY_ONE_SECRET_ACCESS_KEY: reader.secretAccessKey };

        const denied = await runCli(cli, ['cp', '-r', files, `one:${bucket}/in/`], readOnly);
        expect(denied.code).toBe(1);
        expect(denied.stderr).toContain(
          `The server denied the first 8 items and let none through: the keys of "one" may not write in "${bucket}" (AccessDenied`,
        );
        // The items denied before the job stopped are named; the other 50-odd were never sent.
        expect(denied.stderr.match(/failed: /g)?.length).toBe(7);
        expect(denied.stderr).toMatch(/continue it with: ferry resume [0-9a-f-]{36}\n/);
        expect(await listKeys(sdkClient(minio), bucket)).toEqual([]);

        const resumed = await runCli(cli, ['resume'], good);
        expect(resumed.code).toBe(0);
        expect(resumed.stdout).toMatch(/^copied 60 objects, /);
        expect(await listKeys(sdkClient(minio), bucket)).toHaveLength(60);
      });
    },
  );

  it('a file where the destination folder should be, and a prefix no key fits under, are refused before any job', async () => {
    const server = a as TestServer;
    await inTempDir('ferry-cli-dest-', async (dir) => {
      const env = { FERRY_DATA_DIR: path.join(dir, 'data'), ...cliEnv('one', server) };
      const bucket = uniqueBucket('clidest');
      await createBucket(server, bucket);
      await sdkClient(server).send(new PutObjectCommand({ Bucket: bucket, Key: 'a.txt', Body: 'a' }));
      const taken = path.join(dir, 'taken');
      await writeFile(taken, 'keep me');
      const onFile = await runCli(cli, ['cp', `one:${bucket}/a.txt`, taken], env);
      expect(onFile.code).toBe(2);
      expect(onFile.stderr).toContain(`${taken} is a file: a destination is always a folder.`);
      const underFile = await runCli(cli, ['cp', `one:${bucket}/a.txt`, path.join(taken, 'sub')], env);
      expect(underFile.stderr).toContain(`a part of ${path.join(taken, 'sub')} is a file`);
      expect(await readFile(taken, 'utf8')).toBe('keep me');

      const long = 'é'.repeat(520); // 1,040 bytes of UTF-8 in 520 characters
      const tooLong = await runCli(cli, ['cp', path.join(dir, 'taken'), `one:${bucket}/${long}/`], env);
      expect(tooLong.code).toBe(2);
      expect(tooLong.stderr).toContain('The destination prefix is 1041 bytes; an S3 key holds at most 1024, so nothing fits under it.');
      expect(tooLong.stderr).not.toContain('failed: ');
      expect((await runCli(cli, ['jobs'], env)).stdout.trim()).toBe('no journalled jobs');
    });
  });

  it('a folder with links: --dry-run names what would fail, cp follows the linked folder and exits 1 naming the rest', async () => {
    const server = a as TestServer;
    await inTempDir('ferry-cli-links-', async (dir) => {
      const env = { FERRY_DATA_DIR: path.join(dir, 'data'), ...cliEnv('one', server) };
      const bucket = uniqueBucket('clilinks');
      await createBucket(server, bucket);
      const folder = path.join(dir, 'site');
      await mkdir(path.join(dir, 'assets'), { recursive: true });
      await mkdir(folder);
      await writeFile(path.join(folder, 'index.html'), '<p>hi</p>');
      await writeFile(path.join(dir, 'assets', 'logo.svg'), '<svg/>');
      await symlink('../assets', path.join(folder, 'assets'));
      await symlink('missing.css', path.join(folder, 'style.css'));
      const refusal = `A link to ${path.join(folder, 'missing.css')}, which does not exist: there is nothing to send.`;

      const dry = await runCli(cli, ['cp', '-r', '--dry-run', folder, `one:${bucket}/`], env);
      expect(dry.code).toBe(0);
      expect(dry.stdout).toContain(`would copy ${path.join(folder, 'assets', 'logo.svg')} → ${bucket}/site/assets/logo.svg`);
      expect(dry.stdout).toContain(`would not copy ${path.join(folder, 'style.css')}: ${refusal}`);
      expect(dry.stdout).toContain('would copy 2 objects, 15 bytes; 1 would fail, named above');
      const json = await runCli(cli, ['mv', '-r', '--dry-run', '--json', folder, `one:${bucket}/`], env);
      const lines = json.stdout
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      // A move follows no link to a folder: the linked folder is one refusal, with the dangling link.
      expect(lines.filter((l) => l.action === 'refuse').map((l) => l.from)).toEqual([
        path.join(folder, 'assets'),
        path.join(folder, 'style.css'),
      ]);
      expect(lines.at(-1)).toMatchObject({ command: 'mv', dryRun: true, objects: 1, refused: 2 });
      expect(await listKeys(sdkClient(server), bucket)).toEqual([]);

      const copied = await runCli(cli, ['cp', '-r', folder, `one:${bucket}/`], env);
      expect(copied.code).toBe(1);
      expect(copied.stderr).toContain(`failed: ${path.join(folder, 'style.css')}: ${refusal}`);
      expect(copied.stderr).toContain('1 of 3 items failed.');
      expect(await listKeys(sdkClient(server), bucket)).toEqual(['site/assets/logo.svg', 'site/index.html']);
    });
  });
});

// A mistyped destination bucket: every item would fail the same way, so the job stops at the first answer with
// one error, keeps what is not copied queued, and a resume after the bucket exists copies everything.
describe.each(servers().map((s) => [s.kind, s] as const))('ferry cp to a bucket that does not exist (%s)', (_kind, server) => {
  it('stops with one error naming the bucket, and a resume copies every file once it exists', { timeout: 60_000 }, async () => {
    await inTempDir('ferry-cli-nobucket-', async (dir) => {
      const env = { FERRY_DATA_DIR: path.join(dir, 'data'), ...cliEnv('one', server) };
      const files = path.join(dir, 'files');
      await mkdir(files);
      const bodies = new Map<string, Buffer>();
      for (let i = 0; i < 40; i++) bodies.set(`f${String(i).padStart(2, '0')}.bin`, randomBytes(1000 + i));
      for (const [name, body] of bodies) await writeFile(path.join(files, name), body);
      const bucket = uniqueBucket('clinobucket');

      const first = await runCli(cli, ['cp', '-r', files, `one:${bucket}/`], env);
      expect(first.code).toBe(1);
      expect(first.stdout).toMatch(/^copied 0 objects, 0 bytes in /);
      // One error for the job, naming the bucket; no item is reported failed, none is lost.
      expect(first.stderr.match(/does not exist/g)).toHaveLength(1);
      expect(first.stderr).toContain(`The bucket "${bucket}" does not exist`);
      expect(first.stderr).not.toContain('failed: ');
      expect(first.stderr).toMatch(/continue it with: ferry resume [0-9a-f-]{36}\n/);

      await createBucket(server, bucket);
      const resumed = await runCli(cli, ['resume', '--all'], env);
      expect(resumed.code).toBe(0);
      expect(resumed.stdout).toMatch(/^copied 40 objects, /);
      expect(await listKeys(sdkClient(server), bucket)).toEqual([...bodies.keys()].map((n) => `files/${n}`));
      for (const [name, body] of bodies) expect(sha256(await objectBytes(server, bucket, `files/${name}`))).toBe(sha256(body));
      expect((await runCli(cli, ['jobs'], env)).stdout.trim()).toBe('no journalled jobs');
    });
  });

  // A name the server will not take as a bucket: as final as a missing bucket, but no resume can fix it.
  it('a bucket name the server refuses stops the copy at once, named, and leaves no job to resume', { timeout: 60_000 }, async () => {
    await inTempDir('ferry-cli-badname-', async (dir) => {
      const env = { FERRY_DATA_DIR: path.join(dir, 'data'), ...cliEnv('one', server) };
      const files = path.join(dir, 'files');
      await mkdir(files);
      for (let i = 0; i < 40; i++) await writeFile(path.join(files, `f${i}.txt`), `file ${i}`);
      const name = 'No_Such.Bucket';
      // What this server answers for that name, asked with the SDK: s3rver checks existence before names.
      const answer = await sdkClient(server)
        .send(new PutObjectCommand({ Bucket: name, Key: 'probe', Body: 'x' }))
        .then(
          () => 'accepted',
          (e: unknown) => (e as Error).name,
        );
      expect(['InvalidBucketName', 'NoSuchBucket']).toContain(answer);
      const refused = `The server does not accept "${name}" as a bucket name`;
      const said = answer === 'InvalidBucketName' ? refused : `The bucket "${name}" does not exist`;

      const copy = await runCli(cli, ['cp', '-r', files, `one:${name}/`], env);
      expect(copy.code).toBe(1);
      expect(copy.stdout).toMatch(/^copied 0 objects, 0 bytes in /);
      expect(copy.stderr.split(said)).toHaveLength(2);
      expect(copy.stderr).not.toContain('failed: ');
      if (answer === 'InvalidBucketName') {
        expect(copy.stderr).not.toContain('continue it with');
        expect((await runCli(cli, ['jobs'], env)).stdout.trim()).toBe('no journalled jobs');
        // Listing and deleting in it say the same, and exit 1: the server refused, the command was well formed.
        for (const args of [
          ['ls', `one:${name}/`],
          ['rm', '-r', `one:${name}/old/`],
        ]) {
          const run = await runCli(cli, args, env);
          expect(run.code, args[0]).toBe(1);
          expect(run.stderr, args[0]).toContain(refused);
          expect(run.stderr, args[0]).not.toContain('InvalidBucketName');
        }
      }
    });
  });

  it('ls, rm and cp from a bucket that does not exist name it, not "NoSuchBucket"', { timeout: 60_000 }, async () => {
    await inTempDir('ferry-cli-nobucket-', async (dir) => {
      const env = { FERRY_DATA_DIR: path.join(dir, 'data'), ...cliEnv('one', server) };
      const bucket = uniqueBucket('clinever');
      const named = `The bucket "${bucket}" does not exist: it may have been deleted, or its name is mistyped.`;
      for (const args of [
        ['ls', `one:${bucket}/`],
        ['rm', '-r', `one:${bucket}/old/`],
        ['cp', '-r', `one:${bucket}/photos/`, path.join(dir, 'down')],
      ]) {
        const run = await runCli(cli, args, env);
        expect(run.code, args[0]).toBe(1);
        expect(run.stderr, args[0]).toContain(named);
        expect(run.stderr, args[0]).not.toContain('NoSuchBucket');
        // Nothing was listed, so there is nothing to continue: no resume hint beyond the one printed at the start.
        expect(run.stderr, args[0]).not.toContain('continue it with');
      }
    });
  });
});
