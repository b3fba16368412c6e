/**
 * Secrets encrypted by the operating system's keychain (Electron's
 * safeStorage, lent by the desktop shell). Each secret is encrypted on its
 * own and the ciphertexts sit in one JSON file beside the profiles; without
 * the user's OS login the file is useless.
 */
import { existsSync, readFileSync } from 'node:fs';
import { FerryError } from '../api/errors.js';
import { writeFileAtomicSync } from '../base/atomic-file.js';
import type { PlatformEncryption, SecretBackend, SecretRecord } from './secret-types.js';

interface KeychainFile {
  version: 1;
  entries: Record<string, string>;
}

export class KeychainStore implements SecretBackend {
  readonly #entries = new Map<string, string>();

  constructor(
    readonly file: string,
    private readonly encryption: PlatformEncryption,
  ) {
    if (!existsSync(file)) return;
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<KeychainFile>;
    for (const [id, blob] of Object.entries(parsed.entries ?? {})) if (typeof blob === 'string') this.#entries.set(id, blob);
  }

  get(id: string): SecretRecord | undefined {
    const blob = this.#entries.get(id);
    if (blob === undefined) return undefined;
    try {
      return JSON.parse(this.encryption.decryptString(Buffer.from(blob, 'base64'))) as SecretRecord;
    } catch (err) {
      throw new FerryError('invalid-credentials', 'The system keychain could not decrypt this connection’s secret; enter it again.', {
        details: { reason: 'keychain-decrypt' },
        cause: err,
      });
    }
  }

  set(id: string, record: SecretRecord): void {
    this.#entries.set(id, this.encryption.encryptString(JSON.stringify(record)).toString('base64'));
    this.#save();
  }

  delete(id: string): void {
    if (this.#entries.delete(id)) this.#save();
  }

  ids(): string[] {
    return [...this.#entries.keys()];
  }

  #save(): void {
    const body: KeychainFile = { version: 1, entries: Object.fromEntries(this.#entries) };
    writeFileAtomicSync(this.file, `${JSON.stringify(body, null, 2)}\n`);
  }
}
