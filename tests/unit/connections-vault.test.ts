// The passphrase vault on real files: it locks and unlocks, a wrong
// passphrase is refused and leaves the file byte for byte as it was, a
// tampered file is detected, and nothing secret is readable on disk.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Vault } from '../../app/secrets/vault';

const SECRET = 'vault-test-secret-8c1f2e';
const TOKEN = 'vault-test-session-token-77aa';

function freshVault(): Vault {
  return new Vault(path.join(mkdtempSync(path.join(tmpdir(), 'ferry-vault-')), 'secrets.vault.json'));
}

describe('passphrase vault', () => {
  it('keeps secrets encrypted on disk and gives them back after lock and unlock', () => {
    const vault = freshVault();
    vault.create('correct horse battery');
    vault.set('conn-1', { secretAccessKey: SECRET, sessionToken: TOKEN });
    const onDisk = readFileSync(vault.file, 'utf8');
    for (const form of [
      SECRET,
      TOKEN,
      Buffer.from(SECRET).toString('base64'),
      Buffer.from(SECRET).toString('hex'),
      'correct horse battery',
    ]) {
      expect(onDisk).not.toContain(form);
    }
    expect(JSON.parse(onDisk)).toMatchObject({ format: 'ferry-vault', version: 1, kdf: { name: 'scrypt' }, cipher: 'aes-256-gcm' });

    vault.lock();
    expect(vault.isUnlocked()).toBe(false);
    expect(vault.get('conn-1')).toBeUndefined();
    expect(() => vault.set('conn-2', { secretAccessKey: 'x' })).toThrow(/locked/);

    const reopened = new Vault(vault.file);
    reopened.unlock('correct horse battery');
    expect(reopened.get('conn-1')).toEqual({ secretAccessKey: SECRET, sessionToken: TOKEN });
  });

  it('refuses a wrong passphrase without changing a byte, and still opens with the right one', () => {
    const vault = freshVault();
    vault.create('the right passphrase');
    vault.set('conn-1', { secretAccessKey: SECRET });
    vault.lock();
    const before = readFileSync(vault.file);
    expect(() => vault.unlock('the wrong passphrase')).toThrow(
      expect.objectContaining({ code: 'invalid-credentials', details: { reason: 'wrong-passphrase' } }),
    );
    expect(vault.isUnlocked()).toBe(false);
    expect(readFileSync(vault.file).equals(before)).toBe(true);
    vault.unlock('the right passphrase');
    expect(vault.get('conn-1')?.secretAccessKey).toBe(SECRET);
  });

  it('detects a tampered ciphertext or header as it would a wrong passphrase', () => {
    const vault = freshVault();
    vault.create('tamper test pass');
    vault.set('conn-1', { secretAccessKey: SECRET });
    vault.lock();
    const original = JSON.parse(readFileSync(vault.file, 'utf8')) as { data: string; kdf: { N: number } };
    const flipped = Buffer.from(original.data, 'base64');
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    writeFileSync(vault.file, JSON.stringify({ ...original, data: flipped.toString('base64') }));
    expect(() => vault.unlock('tamper test pass')).toThrow(/does not open/);
    writeFileSync(vault.file, JSON.stringify({ ...original, kdf: { ...original.kdf, N: 2 ** 14 } }));
    expect(() => vault.unlock('tamper test pass')).toThrow(/does not open/);
  });

  it('refuses a short passphrase, a second vault, and a file from a newer Ferry', () => {
    const vault = freshVault();
    expect(() => vault.create('short')).toThrow(/at least 8 characters/);
    vault.create('long enough now');
    expect(() => new Vault(vault.file).create('another one here')).toThrow(/already exists/);
    const parsed = JSON.parse(readFileSync(vault.file, 'utf8')) as Record<string, unknown>;
    writeFileSync(vault.file, JSON.stringify({ ...parsed, version: 99 }));
    expect(() => new Vault(vault.file).unlock('long enough now')).toThrow(/newer Ferry/);
  });

  it('changes its passphrase: the old one stops working, the secrets stay', () => {
    const vault = freshVault();
    vault.create('first passphrase');
    vault.set('c', { secretAccessKey: SECRET });
    vault.changePassphrase('first passphrase', 'second passphrase');
    vault.lock();
    expect(() => vault.unlock('first passphrase')).toThrow(/does not open/);
    vault.unlock('second passphrase');
    expect(vault.get('c')?.secretAccessKey).toBe(SECRET);
  });
});
