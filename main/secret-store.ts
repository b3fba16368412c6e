/**
 * The desktop shell's part of secret storage: Electron's safeStorage, lent
 * to the core as a plain encryption primitive. The core decides what to do
 * when the backend would store plain text (Linux `basic_text`): it asks the
 * user instead of storing silently.
 */
import { safeStorage } from 'electron';
import type { PlatformEncryption } from '../app/secrets/secret-types.js';

export function electronEncryption(): PlatformEncryption {
  return {
    isEncryptionAvailable: () => safeStorage.isEncryptionAvailable(),
    backend: () => (process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : undefined),
    encryptString: (plain) => safeStorage.encryptString(plain),
    decryptString: (encrypted) => safeStorage.decryptString(encrypted),
  };
}
