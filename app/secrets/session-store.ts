/** Secrets kept in memory for this run only: nothing is written, and they are gone when Ferry stops. */
import type { SecretBackend, SecretRecord } from './secret-types.js';

export class SessionStore implements SecretBackend {
  readonly #entries = new Map<string, SecretRecord>();

  get(id: string): SecretRecord | undefined {
    const record = this.#entries.get(id);
    return record ? { ...record } : undefined;
  }

  set(id: string, record: SecretRecord): void {
    this.#entries.set(id, { ...record });
  }

  delete(id: string): void {
    this.#entries.delete(id);
  }

  ids(): string[] {
    return [...this.#entries.keys()];
  }

  clear(): void {
    this.#entries.clear();
  }
}
