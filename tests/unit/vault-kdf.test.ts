// The vault's key derivation and cipher settings: new vaults use scrypt at
// N=2^17; a file may ask only for N from 2^15 to 2^18 (and bounded r, p);
// the GCM tag must be the full 16 bytes; and deriving runs off the core's
// thread, so the core answers other calls meanwhile.
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Vault } from '../../app/secrets/vault';

const PASS = 'kdf bounds passphrase';

async function sealedVault(): Promise<{ vault: Vault; file: Record<string, unknown> & { kdf: Record<string, unknown>; tag: string } }> {
  const vault = new Vault(path.join(mkdtempSync(path.join(tmpdir(), 'ferry-kdf-')), 'secrets.vault.json'));
  await vault.create(PASS);
  vault.set('c', { secretAccessKey: 'kdf-secret' });
  vault.lock();
  return { vault, file: JSON.parse(readFileSync(vault.file, 'utf8')) };
}

// Each key derivation is scrypt at N=2^17: about half a second alone, several on a loaded machine.
describe('vault key derivation', { timeout: 60_000 }, () => {
  it('creates vaults with scrypt N=2^17, r=8, p=1 and a 16-byte tag', async () => {
    const { file } = await sealedVault();
    expect(file.kdf).toMatchObject({ name: 'scrypt', N: 2 ** 17, r: 8, p: 1 });
    expect(Buffer.from(file.tag, 'base64')).toHaveLength(16);
  });

  it.each([
    ['N below 2^15', { N: 2 ** 14 }],
    ['N above 2^18', { N: 2 ** 19 }],
    ['N not a power of two', { N: 2 ** 17 + 1 }],
    ['r of 32', { r: 32 }],
    ['r below 8', { r: 1 }],
    ['p of 16', { p: 16 }],
    ['N=2^18 with r=16 (512 MiB)', { N: 2 ** 18, r: 16 }],
    ['another KDF', { name: 'pbkdf2' }],
  ])('refuses a file asking for %s before deriving anything', async (_name, change) => {
    const { vault, file } = await sealedVault();
    writeFileSync(vault.file, JSON.stringify({ ...file, kdf: { ...file.kdf, ...change } }));
    await expect(new Vault(vault.file).unlock(PASS)).rejects.toThrow(/key-derivation settings Ferry does not accept/);
  });

  it('accepts the bounds themselves: a vault at N=2^15 from an earlier Ferry still opens', async () => {
    const { vault, file } = await sealedVault();
    // The header is authenticated, so an in-range change is caught as tampering: the bound let it through to the cipher.
    writeFileSync(vault.file, JSON.stringify({ ...file, kdf: { ...file.kdf, N: 2 ** 15 } }));
    await expect(new Vault(vault.file).unlock(PASS)).rejects.toThrow(/does not open/);
  });

  it('refuses a truncated tag as it would a wrong passphrase', async () => {
    const { vault, file } = await sealedVault();
    const tag = Buffer.from(file.tag, 'base64');
    for (const short of [4, 8, 12]) {
      writeFileSync(vault.file, JSON.stringify({ ...file, tag: tag.subarray(0, short).toString('base64') }));
      await expect(new Vault(vault.file).unlock(PASS)).rejects.toThrow(/does not open/);
    }
    writeFileSync(vault.file, JSON.stringify(file));
    await new Vault(vault.file).unlock(PASS);
  });

  it('derives off the event loop: a callback queued before unlock runs before it finishes', async () => {
    const { vault } = await sealedVault();
    const order: string[] = [];
    setImmediate(() => order.push('other work'));
    await vault.unlock(PASS).then(() => order.push('unlocked'));
    expect(order).toEqual(['other work', 'unlocked']);
    expect(vault.get('c')?.secretAccessKey).toBe('kdf-secret');
  });
});
