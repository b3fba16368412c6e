// The command line with saved connections whose keys are in the passphrase vault: a script opens it with
// FERRY_VAULT_PASSPHRASE, a person at a terminal is asked (nothing echoed, three tries), and without either the
// error says what to do. Keys kept in the desktop's system keychain are said to be out of reach, with the way round.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../../e2e/servers/harness';
import { ConnectionRegistry } from '../../app/connections/connection-registry';
import { KEYCHAIN_FILE, SecretManager } from '../../app/secrets/secret-manager';
import { createBucket, putObject, servers, uniqueBucket } from './support';
import { buildCli, runCli } from './transfer-support';

const [server] = servers() as [TestServer | undefined];
const PASSPHRASE = 'correct horse battery staple';
const BODY = Buffer.from('kept behind a passphrase\n');

function draftFor(s: TestServer, label: string) {
  return {
    label,
    providerId: 'other',
    endpoint: s.endpoint,
    region: s.region,
    credentialSource: 'keys',
    accessKeyId: s.accessKeyId,
    secretAccessKey: s.secretAccessKey,
    pathStyle: true,
  } as const;
}

/** Runs the CLI inside a pseudo-terminal (util-linux `script`), typing each answer once the prompt has appeared. */
function atTerminal(cli: string, args: string[], env: Record<string, string>, answers: string[]): Promise<string> {
  const command = [process.execPath, cli, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const child = spawn('script', ['-qec', command, '/dev/null'], {
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: tmpdir(), TMPDIR: tmpdir(), TERM: 'dumb', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let prompts = 0;
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    const seen = out.split('Passphrase').length - 1;
    // Typed only after the question: typed-ahead text would be echoed by the terminal before Ferry turns echo off.
    while (prompts < seen && prompts < answers.length) child.stdin.write(`${answers[prompts++]}\r`);
  });
  return new Promise((resolve) => child.on('close', () => resolve(out)));
}

const hasScript = spawnSync('script', ['--version']).status === 0;

describe.runIf(server)('ferry with saved connections whose keys are in the vault', () => {
  const s = server as TestServer;
  const bucket = uniqueBucket('vaulted');
  let cli = '';
  let dir = '';
  let data = '';

  beforeAll(async () => {
    cli = await buildCli();
    dir = await mkdtemp(path.join(tmpdir(), 'ferry-cli-vault-'));
    data = path.join(dir, 'data');
    // As the desktop app or `npm run serve -- --vault` leaves it: a vault with the connection's keys in it.
    const secrets = new SecretManager(data, { prefer: 'vault' });
    await secrets.createVault(PASSPHRASE);
    new ConnectionRegistry(data, secrets).add(draftFor(s, 'Vaulted'));
    await createBucket(s, bucket);
    await putObject(s, bucket, 'notes/today.txt', BODY);
  }, 60_000);
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('without a terminal or FERRY_VAULT_PASSPHRASE, says what to do and fetches nothing', async () => {
    const into = path.join(dir, 'not-fetched');
    const run = await runCli(cli, ['cp', `vaulted:${bucket}/notes/today.txt`, into], { FERRY_DATA_DIR: data });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      'ferry: The key vault is locked, and "vaulted" keeps its keys in it: run ferry at a terminal to be asked for its passphrase, or set FERRY_VAULT_PASSPHRASE.\n',
    );
    await expect(readFile(path.join(into, 'today.txt'))).rejects.toThrow(/ENOENT/);
  });

  it('refuses a wrong FERRY_VAULT_PASSPHRASE without echoing it', async () => {
    const run = await runCli(cli, ['ls', `vaulted:${bucket}/`], { FERRY_DATA_DIR: data, FERRY_VAULT_PASSPHRASE: 'not the passphrase' });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('ferry: FERRY_VAULT_PASSPHRASE does not open the key vault.\n');
    expect(run.stdout).toBe('');
  });

  it('opens the vault with FERRY_VAULT_PASSPHRASE: ls and cp work, byte for byte', async () => {
    const env = { FERRY_DATA_DIR: data, FERRY_VAULT_PASSPHRASE: PASSPHRASE };
    const listed = await runCli(cli, ['ls', '-r', `vaulted:${bucket}/`], env);
    expect(listed.stderr).toBe('');
    expect(listed.stdout).toContain('notes/today.txt');
    // A destination is a folder: the object lands in it under its own name.
    const into = path.join(dir, 'fetched');
    const copied = await runCli(cli, ['cp', '--quiet', `vaulted:${bucket}/notes/today.txt`, into], env);
    expect(copied.code).toBe(0);
    expect(await readFile(path.join(into, 'today.txt'))).toEqual(BODY);
  });

  it.runIf(hasScript)('asks at a terminal, without echo, and lets a mistyped passphrase be typed again', async () => {
    const transcript = await atTerminal(cli, ['ls', '-r', `vaulted:${bucket}/`], { FERRY_DATA_DIR: data }, ['typo typo', PASSPHRASE]);
    expect(transcript).toContain(`Passphrase of Ferry's key vault (for "vaulted"): `);
    expect(transcript).toContain('That passphrase does not open the key vault. Passphrase: ');
    expect(transcript).toContain('notes/today.txt');
    // Neither answer reached the screen.
    expect(transcript).not.toContain('typo typo');
    expect(transcript).not.toContain(PASSPHRASE);
  });

  it.runIf(hasScript)('gives up after three wrong passphrases at a terminal', async () => {
    const transcript = await atTerminal(cli, ['ls', `vaulted:${bucket}/`], { FERRY_DATA_DIR: data }, [
      'one wrong',
      'two wrong',
      'three wrong',
    ]);
    expect(transcript.split('does not open the key vault').length - 1).toBe(3);
    expect(transcript).toContain('ferry: That passphrase does not open the key vault.');
    expect(transcript).not.toContain('notes/today.txt');
  });

  it('says keys in the desktop keychain are out of reach, and how to give them instead', async () => {
    const desk = path.join(dir, 'desktop');
    // As the desktop app leaves it with an OS keychain: the profile here, its keys encrypted by the OS beside it.
    const registry = new ConnectionRegistry(desk, new SecretManager(desk, { prefer: 'session' }));
    const { id } = registry.add(draftFor(s, 'Office-NAS'));
    await writeFile(path.join(desk, KEYCHAIN_FILE), JSON.stringify({ version: 1, entries: { [id]: 'c2VhbGVkIGJ5IHRoZSBPUw==' } }));
    const run = await runCli(cli, ['ls', 'office-nas:'], { FERRY_DATA_DIR: desk });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      'ferry: "office-nas" keeps its keys in the system keychain, which only the Ferry desktop app can open: give them to ferry as FERRY_OFFICE_NAS_ENDPOINT, FERRY_OFFICE_NAS_ACCESS_KEY_ID and FERRY_OFFICE_NAS_SECRET_ACCESS_KEY.\n',
    );
  });
});
