/**
 * The vault's file format: one JSON document holding the scrypt parameters,
 * a random salt and IV, and the AES-256-GCM ciphertext and tag of every
 * secret. The header is bound to the ciphertext as additional authenticated
 * data, so changing a parameter in the file is detected like a wrong
 * passphrase. Nothing here writes files; vault.ts does.
 */
import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';
import { FerryError } from '../api/errors.js';

export const VAULT_FORMAT = 'ferry-vault';
export const VAULT_VERSION = 1;

export interface KdfParams {
  name: 'scrypt';
  /** CPU/memory cost; 2^15 takes roughly 100 ms and 32 MiB. */
  N: number;
  r: number;
  p: number;
  salt: string;
}

export interface VaultFile {
  format: typeof VAULT_FORMAT;
  version: number;
  kdf: KdfParams;
  cipher: 'aes-256-gcm';
  iv: string;
  tag: string;
  data: string;
}

export const DEFAULT_KDF = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_BYTES = 32;

export function newKdfParams(): KdfParams {
  return { name: 'scrypt', ...DEFAULT_KDF, salt: randomBytes(16).toString('base64') };
}

export function deriveKey(passphrase: string, kdf: KdfParams): Buffer {
  if (kdf.name !== 'scrypt' || kdf.N > 2 ** 20 || kdf.r > 32 || kdf.p > 16) {
    throw new FerryError('invalid-arguments', 'The vault file names key-derivation settings Ferry does not accept.');
  }
  return scryptSync(passphrase.normalize('NFC'), Buffer.from(kdf.salt, 'base64'), KEY_BYTES, {
    N: kdf.N,
    r: kdf.r,
    p: kdf.p,
    maxmem: 256 * kdf.N * kdf.r,
  });
}

function header(file: Pick<VaultFile, 'format' | 'version' | 'kdf' | 'cipher'>): Buffer {
  return Buffer.from(
    JSON.stringify([file.format, file.version, file.kdf.name, file.kdf.N, file.kdf.r, file.kdf.p, file.kdf.salt, file.cipher]),
  );
}

export function sealVault(plain: Buffer, key: Buffer, kdf: KdfParams): VaultFile {
  const iv = randomBytes(12);
  const base = { format: VAULT_FORMAT, version: VAULT_VERSION, kdf, cipher: 'aes-256-gcm' } as const;
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(header(base));
  const data = Buffer.concat([cipher.update(plain), cipher.final()]);
  return { ...base, iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
}

/** Decrypts, or throws a wrong-passphrase error; GCM's tag cannot tell a wrong key from a tampered file, so neither does this. */
export function openVault(file: VaultFile, key: Buffer): Buffer {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(file.iv, 'base64'));
    decipher.setAAD(header(file));
    decipher.setAuthTag(Buffer.from(file.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(file.data, 'base64')), decipher.final()]);
  } catch {
    throw new FerryError('invalid-credentials', 'That passphrase does not open the key vault. Nothing was changed; try again.', {
      details: { reason: 'wrong-passphrase' },
    });
  }
}

export function parseVaultFile(text: string): VaultFile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new FerryError('local-fs', 'The key vault file is not valid JSON; it was left as it is.', {
      details: { reason: 'vault-corrupt' },
    });
  }
  const v = parsed as Partial<VaultFile>;
  if (v.format !== VAULT_FORMAT || typeof v.iv !== 'string' || typeof v.tag !== 'string' || typeof v.data !== 'string' || !v.kdf) {
    throw new FerryError('local-fs', 'The key vault file is not one Ferry wrote; it was left as it is.', {
      details: { reason: 'vault-corrupt' },
    });
  }
  if (typeof v.version !== 'number' || v.version > VAULT_VERSION) {
    throw new FerryError('local-fs', `The key vault was written by a newer Ferry (format ${String(v.version)}); update Ferry to open it.`, {
      details: { reason: 'vault-newer' },
    });
  }
  return v as VaultFile;
}
