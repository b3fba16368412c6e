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

// Each key derivation is scrypt at N=2^17: about half a second alone, several on a loaded machine.
describe('passphrase vault', { timeout: 60_000 }, () => {
  it('keeps secrets encrypted on disk and gives them back after lock and unlock', async () => {
    const vault = freshVault();
    await vault.create('correct horse battery');
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
    await reopened.unlock('correct horse battery');
    expect(reopened.get('conn-1')).toEqual({ secretAccessKey: SECRET, sessionToken: TOKEN });
  });

  it('refuses a wrong passphrase without changing a byte, and still opens with the right one', async () => {
    const vault = freshVault();
    await vault.create('the right passphrase');
    vault.set('conn-1', { secretAccessKey: SECRET });
    vault.lock();
    const before = readFileSync(vault.file);
    await expect(vault.unlock('the wrong passphrase')).rejects.toThrow(
      expect.objectContaining({ code: 'invalid-credentials', details: { reason: 'wrong-passphrase' } }),
    );
    expect(vault.isUnlocked()).toBe(false);
    expect(readFileSync(vault.file).equals(before)).toBe(true);
    await vault.unlock('the right passphrase');
    expect(vault.get('conn-1')?.secretAccessKey).toBe(SECRET);
  });

  it('detects a tampered ciphertext or header as it would a wrong passphrase', async () => {
    const vault = freshVault();
    await vault.create('tamper test pass');
    vault.set('conn-1', { secretAccessKey: SECRET });
    vault.lock();
    const original = JSON.parse(readFileSync(vault.file, 'utf8')) as { data: string; kdf: { N: number } };
    const flipped = Buffer.from(original.data, 'base64');
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    writeFileSync(vault.file, JSON.stringify({ ...original, data: flipped.toString('base64') }));
    await expect(vault.unlock('tamper test pass')).rejects.toThrow(/does not open/);
    writeFileSync(vault.file, JSON.stringify({ ...original, kdf: { ...original.kdf, N: 2 ** 16 } }));
    await expect(vault.unlock('tamper test pass')).rejects.toThrow(/does not open/);
  });

  it('refuses a short passphrase, a second vault, and a file from a newer Ferry', async () => {
    const vault = freshVault();
    await expect(vault.create('short')).rejects.toThrow(/at least 8 characters/);
    await vault.create('long enough now');
    await expect(new Vault(vault.file).create('another one here')).rejects.toThrow(/already exists/);
    const parsed = JSON.parse(readFileSync(vault.file, 'utf8')) as Record<string, unknown>;
    writeFileSync(vault.file, JSON.stringify({ ...parsed, version: 99 }));
    await expect(new Vault(vault.file).unlock('long enough now')).rejects.toThrow(/newer Ferry/);
  });

  it('changes its passphrase: the old one stops working, the secrets stay', async () => {
    const vault = freshVault();
    await vault.create('first passphrase');
    vault.set('c', { secretAccessKey: SECRET });
    await vault.changePassphrase('first passphrase', 'second passphrase');
    vault.lock();
    await expect(vault.unlock('first passphrase')).rejects.toThrow(/does not open/);
    await vault.unlock('second passphrase');
    expect(vault.get('c')?.secretAccessKey).toBe(SECRET);
  });
});
