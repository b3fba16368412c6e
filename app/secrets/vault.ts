/**
 * A passphrase-locked vault for secrets, for serve mode and for desktops
 * without a usable keyring. Locked, it holds nothing in memory; unlocked, it
 * keeps the derived key so each change re-encrypts the whole (small) vault
 * with a fresh IV and writes it atomically. A wrong passphrase never touches
 * the file.
 */
import { existsSync, readFileSync } from 'node:fs';
import { FerryError } from '../api/errors.js';
import { writeFileAtomicSync } from '../base/atomic-file.js';
import type { SecretBackend, SecretRecord } from './secret-types.js';
import { deriveKey, newKdfParams, openVault, parseVaultFile, sealVault, type KdfParams } from './vault-crypto.js';

export const MIN_PASSPHRASE_LENGTH = 8;

interface Unlocked {
  key: Buffer;
  kdf: KdfParams;
  entries: Map<string, SecretRecord>;
}

export class Vault implements SecretBackend {
  #open: Unlocked | undefined;

  constructor(readonly file: string) {}

  exists(): boolean {
    return existsSync(this.file);
  }

  isUnlocked(): boolean {
    return this.#open !== undefined;
  }

  async create(passphrase: string, initial: Map<string, SecretRecord> = new Map()): Promise<void> {
    if (this.exists())
      throw new FerryError('conflict', 'A key vault already exists here; unlock it instead.', { details: { reason: 'vault-exists' } });
    checkPassphrase(passphrase);
    const kdf = newKdfParams();
    const key = await deriveKey(passphrase, kdf);
    // Another create may have finished while the key was derived.
    if (this.exists())
      throw new FerryError('conflict', 'A key vault already exists here; unlock it instead.', { details: { reason: 'vault-exists' } });
    this.#open = { key, kdf, entries: new Map(initial) };
    this.#save();
  }

  async unlock(passphrase: string): Promise<void> {
    if (!this.exists())
      throw new FerryError('not-found', 'There is no key vault yet; create one first.', { details: { reason: 'vault-absent' } });
    const file = parseVaultFile(readFileSync(this.file, 'utf8'));
    const key = await deriveKey(passphrase, file.kdf);
    const plain = openVault(file, key);
    const body = JSON.parse(plain.toString('utf8')) as { entries?: Record<string, SecretRecord> };
    plain.fill(0);
    this.#open = { key, kdf: file.kdf, entries: new Map(Object.entries(body.entries ?? {})) };
  }

  lock(): void {
    this.#open?.key.fill(0);
    this.#open = undefined;
  }

  /** Re-encrypts under a new passphrase; the old one must open the vault first. */
  async changePassphrase(current: string, next: string): Promise<void> {
    checkPassphrase(next);
    await this.unlock(current);
    const kdf = newKdfParams();
    const key = await deriveKey(next, kdf);
    const open = this.#unlocked();
    open.key.fill(0);
    this.#open = { key, kdf, entries: open.entries };
    this.#save();
  }

  get(id: string): SecretRecord | undefined {
    const record = this.#open?.entries.get(id);
    return record ? { ...record } : undefined;
  }

  set(id: string, record: SecretRecord): void {
    this.#unlocked().entries.set(id, { ...record });
    this.#save();
  }

  delete(id: string): void {
    const open = this.#unlocked();
    if (open.entries.delete(id)) this.#save();
  }

  ids(): string[] {
    return [...(this.#open?.entries.keys() ?? [])];
  }

  #unlocked(): Unlocked {
    if (!this.#open)
      throw new FerryError('invalid-credentials', 'The key vault is locked; unlock it first.', { details: { reason: 'vault-locked' } });
    return this.#open;
  }

  #save(): void {
    const open = this.#unlocked();
    const plain = Buffer.from(JSON.stringify({ entries: Object.fromEntries(open.entries) }), 'utf8');
    const sealed = sealVault(plain, open.key, open.kdf);
    plain.fill(0);
    writeFileAtomicSync(this.file, `${JSON.stringify(sealed, null, 2)}\n`);
  }
}

function checkPassphrase(passphrase: string): void {
  if (passphrase.length < MIN_PASSPHRASE_LENGTH) {
    throw new FerryError('invalid-arguments', `A vault passphrase needs at least ${MIN_PASSPHRASE_LENGTH} characters.`, {
      details: { field: 'passphrase' },
    });
  }
}
