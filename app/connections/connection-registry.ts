/**
 * Connections known to this session. Profiles are plain data; secrets sit in
 * a separate map that nothing outside the core can reach, so a summary can be
 * handed to the renderer without any risk of carrying a key along.
 * (Lasting, encrypted storage comes with the connections work; for now keys
 * live in memory for the session.)
 */
import { randomUUID } from 'node:crypto';
import { FerryError } from '../api/errors.js';
import type { ConnectionSummary } from '../api/types.js';
import { normaliseEndpoint } from './endpoint.js';

export interface NewConnection {
  label: string;
  endpoint: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  pathStyle: boolean;
}

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
}

export class ConnectionRegistry {
  readonly #profiles = new Map<string, ConnectionSummary>();
  readonly #secrets = new Map<string, string>();

  list(): ConnectionSummary[] {
    return [...this.#profiles.values()].map((p) => ({ ...p }));
  }

  add(input: NewConnection): ConnectionSummary {
    const endpoint = normaliseEndpoint(input.endpoint);
    const summary: ConnectionSummary = {
      id: randomUUID(),
      label: input.label.trim(),
      endpoint,
      region: input.region.trim() || 'us-east-1',
      pathStyle: input.pathStyle,
      accessKeyId: input.accessKeyId.trim(),
    };
    this.#profiles.set(summary.id, summary);
    this.#secrets.set(summary.id, input.secretAccessKey);
    return { ...summary };
  }

  remove(id: string): boolean {
    this.#secrets.delete(id);
    return this.#profiles.delete(id);
  }

  get(id: string): ConnectionSummary {
    const profile = this.#profiles.get(id);
    if (!profile) throw new FerryError('not-found', 'That connection no longer exists.', { details: { connectionId: id } });
    return { ...profile };
  }

  credentials(id: string): Credentials {
    const profile = this.get(id);
    const secret = this.#secrets.get(id);
    if (secret === undefined) throw new FerryError('invalid-credentials', `No secret key is known for "${profile.label}".`);
    return { accessKeyId: profile.accessKeyId, secretAccessKey: secret };
  }

  /** Removes every known secret from a text before it can leave the core. */
  redact(text: string): string {
    let out = text;
    for (const secret of this.#secrets.values()) {
      if (secret.length >= 4) out = out.split(secret).join('[secret]');
    }
    return out;
  }
}
