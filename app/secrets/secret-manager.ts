/**
 * Decides where secrets live and moves them when the user changes their
 * mind. The desktop app uses the OS keychain through safeStorage. Where that
 * would only store plain text (Linux's `basic_text` backend) Ferry does not
 * store silently: it keeps keys for the session and asks the user to choose
 * session-only keys or a passphrase vault. Serve mode keeps keys for the
 * session unless started with the vault.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { FerryError } from '../api/errors.js';
import type { SecretState, SecretStoreStatus } from '../api/connection-types.js';
import { writeFileAtomicSync } from '../base/atomic-file.js';
import { KeychainStore } from './keychain-store.js';
import type { PlatformEncryption, SecretBackend, SecretRecord } from './secret-types.js';
import { SessionStore } from './session-store.js';
import { Vault } from './vault.js';

export interface SecretOptions {
  /** The desktop shell's OS encryption; absent in serve mode. */
  platform?: PlatformEncryption;
  /** Serve mode: 'session' (the default) keeps keys in memory; 'vault' opens the passphrase vault. */
  prefer?: 'session' | 'vault';
}

export const VAULT_FILE = 'secrets.vault.json';
export const KEYCHAIN_FILE = 'secrets.keychain.json';
const CHOICE_FILE = 'secret-storage.json';

type Choice = 'session' | 'vault';

export class SecretManager {
  readonly vault: Vault;
  readonly #session = new SessionStore();
  readonly #keychain: KeychainStore | undefined;
  readonly #choiceFile: string;
  readonly #keychainFile: string;
  readonly #reason: string | undefined;
  /** Every secret this process has held, so error text can be scrubbed of them. */
  readonly #seen = new Set<string>();
  #mode: SecretStoreStatus['mode'];
  #needsChoice = false;

  constructor(
    dir: string,
    options: SecretOptions = {},
    private readonly onChange: () => void = () => {},
  ) {
    this.vault = new Vault(path.join(dir, VAULT_FILE));
    this.#choiceFile = path.join(dir, CHOICE_FILE);
    this.#keychainFile = path.join(dir, KEYCHAIN_FILE);
    const { platform } = options;
    const stored = this.#storedChoice();
    if (platform?.isEncryptionAvailable() && platform.backend() !== 'basic_text') {
      this.#keychain = new KeychainStore(this.#keychainFile, platform);
      this.#mode = 'keychain';
      return;
    }
    if (platform) {
      this.#reason = platform.isEncryptionAvailable()
        ? 'This system has no keyring Ferry can use: the only backend would store keys as plain text.'
        : 'The system keychain is not available.';
      this.#needsChoice = stored === undefined;
    }
    this.#mode = options.prefer === 'vault' || stored === 'vault' ? 'vault' : 'session';
  }

  status(): SecretStoreStatus {
    const vault = !this.vault.exists() ? 'absent' : this.vault.isUnlocked() ? 'unlocked' : 'locked';
    return { mode: this.#mode, vault, needsChoice: this.#needsChoice, ...(this.#reason ? { reason: this.#reason } : {}) };
  }

  get(id: string): SecretRecord | undefined {
    const record = this.#persistent()?.get(id) ?? this.#session.get(id);
    if (record) this.#remember(record);
    return record;
  }

  state(id: string): SecretState {
    if (this.#mode === 'vault' && !this.vault.isUnlocked()) return this.#session.get(id) ? 'session' : 'locked';
    if (this.#persistent()?.ids().includes(id)) return 'stored';
    return this.#session.get(id) ? 'session' : 'missing';
  }

  /**
   * True when this process cannot read the system keychain (only the desktop shell lends it) and the keychain file
   * beside the profiles holds this id: its keys exist, just not for this process. The file is read, not decrypted.
   */
  inKeychainOnly(id: string): boolean {
    if (this.#keychain || this.state(id) !== 'missing') return false;
    try {
      const parsed = JSON.parse(readFileSync(this.#keychainFile, 'utf8')) as { entries?: Record<string, unknown> };
      return typeof parsed.entries?.[id] === 'string';
    } catch {
      return false;
    }
  }

  set(id: string, record: SecretRecord): void {
    this.#remember(record);
    const store = this.#persistent();
    if (this.#mode === 'vault' && !this.vault.isUnlocked()) {
      throw new FerryError('invalid-credentials', 'The key vault is locked; unlock it before saving keys.', {
        details: { reason: 'vault-locked' },
      });
    }
    if (store) {
      store.set(id, record);
      this.#session.delete(id);
    } else this.#session.set(id, record);
  }

  delete(id: string): void {
    this.#session.delete(id);
    if (this.#mode === 'vault' && !this.vault.isUnlocked()) return;
    this.#persistent()?.delete(id);
  }

  /** Creates the vault and moves every key held for the session into it. */
  async createVault(passphrase: string): Promise<void> {
    const carried = new Map(this.#session.ids().map((id) => [id, this.#session.get(id) as SecretRecord]));
    await this.vault.create(passphrase, carried);
    this.#session.clear();
    this.#mode = 'vault';
    this.#choose('vault');
  }

  async unlock(passphrase: string): Promise<void> {
    await this.vault.unlock(passphrase);
    for (const id of this.vault.ids()) {
      const record = this.vault.get(id);
      if (record) this.#remember(record);
    }
    // Keys typed while the vault was locked now join it.
    for (const id of this.#session.ids()) {
      const record = this.#session.get(id);
      if (record && !this.vault.get(id)) this.vault.set(id, record);
    }
    this.#session.clear();
    this.#mode = 'vault';
    this.#choose('vault');
  }

  lock(): void {
    if (!this.vault.exists()) throw new FerryError('not-found', 'There is no key vault to lock.', { details: { reason: 'vault-absent' } });
    this.vault.lock();
    this.onChange();
  }

  /** Keys stay in memory for this run; on a plain-text-only desktop, the choice is remembered. */
  useSessionOnly(): void {
    if (this.#mode === 'keychain') return;
    this.#mode = 'session';
    this.#choose('session');
  }

  knownSecrets(): string[] {
    return [...this.#seen];
  }

  #persistent(): SecretBackend | undefined {
    switch (this.#mode) {
      case 'keychain':
        return this.#keychain;
      case 'vault':
        return this.vault;
      case 'session':
        return undefined;
      default: {
        const unknown: never = this.#mode;
        throw new Error(`unknown secret mode ${String(unknown)}`);
      }
    }
  }

  #remember(record: SecretRecord): void {
    this.#seen.add(record.secretAccessKey);
    if (record.sessionToken) this.#seen.add(record.sessionToken);
  }

  #storedChoice(): Choice | undefined {
    if (!existsSync(this.#choiceFile)) return undefined;
    try {
      const parsed = JSON.parse(readFileSync(this.#choiceFile, 'utf8')) as { mode?: unknown };
      return parsed.mode === 'vault' || parsed.mode === 'session' ? parsed.mode : undefined;
    } catch {
      return undefined;
    }
  }

  #choose(choice: Choice): void {
    this.#needsChoice = false;
    writeFileAtomicSync(this.#choiceFile, `${JSON.stringify({ version: 1, mode: choice })}\n`);
    this.onChange();
  }
}
