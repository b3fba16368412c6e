/**
 * The profiles file: `connections.json` in the user-data folder, holding
 * every connection (without secrets) in the user's order. It carries a
 * schema version; older files are migrated when read, a file from a newer
 * Ferry is refused rather than overwritten, and a file that cannot be read is
 * set aside (never deleted) so the user can recover it.
 */
import { existsSync, readFileSync, renameSync } from 'node:fs';
import path from 'node:path';
import { FerryError } from '../api/errors.js';
import { writeFileAtomicSync } from '../base/atomic-file.js';
import type { StoredProfile } from './profile-types.js';

export const PROFILES_FILE = 'connections.json';
/**
 * 2: a connection may carry its own proxy (`proxy`: 'none' or a URL and user
 * name). A version 1 file reads as is (no proxy: the environment's), and a
 * Ferry that knows only version 1 leaves a version 2 file alone instead of
 * sending a "no proxy" connection through the environment's proxy.
 */
export const PROFILES_SCHEMA_VERSION = 2;

interface ProfilesFile {
  schemaVersion: typeof PROFILES_SCHEMA_VERSION;
  connections: StoredProfile[];
}

export interface LoadResult {
  profiles: StoredProfile[];
  /** Set when the file could not be used and was moved aside. */
  setAside?: string;
}

export class ProfileStore {
  readonly file: string;
  /** A newer Ferry wrote the file: read it, but never write over it. */
  #readOnly = false;

  constructor(dir: string) {
    this.file = path.join(dir, PROFILES_FILE);
  }

  load(): LoadResult {
    if (!existsSync(this.file)) return { profiles: [] };
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(this.file, 'utf8'));
    } catch {
      return { profiles: [], setAside: this.#setAside() };
    }
    const version = (parsed as { schemaVersion?: unknown }).schemaVersion;
    if (typeof version === 'number' && version > PROFILES_SCHEMA_VERSION) {
      this.#readOnly = true;
      const connections = (parsed as { connections?: unknown }).connections;
      return { profiles: Array.isArray(connections) ? connections.map(migrateProfile).filter(isProfile) : [] };
    }
    const connections = (parsed as { connections?: unknown }).connections;
    if (!Array.isArray(connections)) return { profiles: [], setAside: this.#setAside() };
    return { profiles: connections.map(migrateProfile).filter(isProfile) };
  }

  save(profiles: StoredProfile[]): void {
    if (this.#readOnly) {
      throw new FerryError('conflict', 'Your connections were saved by a newer Ferry; update Ferry before changing them.', {
        details: { reason: 'profiles-newer' },
      });
    }
    const body: ProfilesFile = { schemaVersion: PROFILES_SCHEMA_VERSION, connections: profiles };
    writeFileAtomicSync(this.file, `${JSON.stringify(body, null, 2)}\n`);
  }

  #setAside(): string {
    const aside = `${this.file}.unreadable-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    renameSync(this.file, aside);
    return aside;
  }
}

/** Fills fields added since a profile was written, so older files read as the current shape. */
function migrateProfile(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null) return raw;
  const p = raw as Partial<StoredProfile>;
  const proxy = storedProxy(p.proxy);
  return {
    providerId: 'other',
    customEndpoint: true,
    fields: {},
    credentialSource: 'keys',
    accessKeyId: '',
    hasSessionToken: false,
    buckets: [],
    bucketRegions: {},
    ...p,
    proxy,
  };
}

/** Only the two shapes Ferry writes; anything else (a hand edit) reads as no setting of its own. */
function storedProxy(raw: unknown): StoredProfile['proxy'] {
  const p = raw as { mode?: unknown; url?: unknown; username?: unknown; passwordSaved?: unknown } | undefined;
  if (p?.mode === 'none') return { mode: 'none' };
  if (p?.mode !== 'custom' || typeof p.url !== 'string') return undefined;
  return {
    mode: 'custom',
    url: p.url,
    ...(typeof p.username === 'string' && p.username ? { username: p.username } : {}),
    ...(p.passwordSaved === true ? { passwordSaved: true } : {}),
  };
}

function isProfile(value: unknown): value is StoredProfile {
  const p = value as Partial<StoredProfile>;
  return (
    typeof p === 'object' &&
    p !== null &&
    typeof p.id === 'string' &&
    typeof p.label === 'string' &&
    typeof p.endpoint === 'string' &&
    typeof p.region === 'string' &&
    typeof p.pathStyle === 'boolean'
  );
}
