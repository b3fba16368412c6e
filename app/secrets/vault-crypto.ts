/**
 * The vault's file format: one JSON document holding the scrypt parameters,
 * a random salt and IV, and the AES-256-GCM ciphertext and tag of every
 * secret. The header is bound to the ciphertext as additional authenticated
 * data, so changing a parameter in the file is detected like a wrong
 * passphrase. Nothing here writes files; vault.ts does.
 */
import { createCipheriv, createDecipheriv, randomBytes, scrypt } from 'node:crypto';
import { FerryError } from '../api/errors.js';

export const VAULT_FORMAT = 'ferry-vault';
export const VAULT_VERSION = 1;

export interface KdfParams {
  name: 'scrypt';
  /** CPU/memory cost: a power of two from 2^15 to 2^18 (see DEFAULT_KDF). */
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

/** New vaults: 2^17 takes roughly half a second and 128 MiB, on a libuv thread, never the core's. */
export const DEFAULT_KDF = { N: 2 ** 17, r: 8, p: 1 } as const;
const KEY_BYTES = 32;
/** GCM's full tag: a shorter one in the file would be accepted by Node unless the length is fixed here. */
const TAG_BYTES = 16;

/**
 * What a vault file may ask for. Below 2^15 a stolen file is cheap to attack; above 2^18 (or with more
 * memory than 256 MiB, or parallelism past 4) a planted file could stall the machine for minutes.
 */
const N_RANGE = [2 ** 15, 2 ** 18] as const;
const MAX_KDF_MEMORY = 256 * 1024 * 1024;

export function newKdfParams(): KdfParams {
  return { name: 'scrypt', ...DEFAULT_KDF, salt: randomBytes(16).toString('base64') };
}

export function checkKdfParams(kdf: KdfParams): void {
  const { N, r, p } = kdf;
  const powerOfTwo = Number.isInteger(N) && N > 0 && (N & (N - 1)) === 0;
  const ok =
    kdf.name === 'scrypt' &&
    powerOfTwo &&
    N >= N_RANGE[0] &&
    N <= N_RANGE[1] &&
    Number.isInteger(r) &&
    r >= 8 &&
    r <= 16 &&
    Number.isInteger(p) &&
    p >= 1 &&
    p <= 4 &&
    128 * N * r <= MAX_KDF_MEMORY &&
    typeof kdf.salt === 'string' &&
    Buffer.from(kdf.salt, 'base64').length >= 16;
  if (!ok) {
    throw new FerryError(
      'invalid-arguments',
      'The vault file names key-derivation settings Ferry does not accept (scrypt with N from 2^15 to 2^18, r 8 to 16, p 1 to 4).',
      { details: { reason: 'vault-kdf' } },
    );
  }
}

/** The vault key, derived on libuv's thread pool so the core keeps answering while it works. */
export function deriveKey(passphrase: string, kdf: KdfParams): Promise<Buffer> {
  checkKdfParams(kdf);
  return new Promise((resolve, reject) => {
    scrypt(
      passphrase.normalize('NFC'),
      Buffer.from(kdf.salt, 'base64'),
      KEY_BYTES,
      { N: kdf.N, r: kdf.r, p: kdf.p, maxmem: 2 * 128 * kdf.N * kdf.r },
      (err, key) => (err ? reject(err) : resolve(key)),
    );
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
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(header(base));
  const data = Buffer.concat([cipher.update(plain), cipher.final()]);
  return { ...base, iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
}

/** Decrypts, or throws a wrong-passphrase error; GCM's tag cannot tell a wrong key from a tampered file, so neither does this. */
export function openVault(file: VaultFile, key: Buffer): Buffer {
  try {
    const tag = Buffer.from(file.tag, 'base64');
    if (tag.length !== TAG_BYTES) throw new Error('a truncated tag');
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(file.iv, 'base64'), { authTagLength: TAG_BYTES });
    decipher.setAAD(header(file));
    decipher.setAuthTag(tag);
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
