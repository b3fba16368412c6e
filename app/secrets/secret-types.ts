/** What a stored secret is, and the one primitive the desktop shell lends the core: its OS-backed encryption. */

export interface SecretRecord {
  secretAccessKey: string;
  sessionToken?: string;
}

/**
 * The desktop shell implements this with Electron's safeStorage (main/secret-store.ts);
 * the core never imports Electron. Serve mode has none.
 */
export interface PlatformEncryption {
  isEncryptionAvailable(): boolean;
  /** Linux only: safeStorage's backend, e.g. 'gnome_libsecret', 'kwallet5' or 'basic_text'; undefined elsewhere. */
  backend(): string | undefined;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

/** A place secrets live, keyed by connection id. */
export interface SecretBackend {
  get(id: string): SecretRecord | undefined;
  set(id: string, record: SecretRecord): void;
  delete(id: string): void;
  ids(): string[];
}
