// The profiles file and the secret manager on real files: atomic writes with
// a schema version, recovery from an unreadable file, respect for a newer
// format, and the choice of where secrets live (session, vault, keychain).
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConnectionRegistry } from '../../app/connections/connection-registry';
import { PROFILES_FILE, PROFILES_SCHEMA_VERSION } from '../../app/connections/profile-store';
import { KEYCHAIN_FILE, SecretManager } from '../../app/secrets/secret-manager';
import type { PlatformEncryption } from '../../app/secrets/secret-types';

const SECRET = 'profile-store-secret-31d9';

function dir(): string {
  return mkdtempSync(path.join(tmpdir(), 'ferry-profiles-'));
}

const draft = (label: string) => ({
  label,
  providerId: 'minio',
  endpoint: 'http://127.0.0.1:9000',
  region: 'us-east-1',
  credentialSource: 'keys' as const,
  accessKeyId: 'ferry-key',
  secretAccessKey: SECRET,
});

/**
 * Electron's safeStorage cannot run here (no Electron runtime), so this
 * stands in for it: a reversible transform, plus the backend name the test
 * wants to see handled.
 */
function fakeSafeStorage(backend: string | undefined): PlatformEncryption {
  return {
    isEncryptionAvailable: () => true,
    backend: () => backend,
    encryptString: (plain) => Buffer.from(Buffer.from(plain, 'utf8').map((b) => b ^ 0x5a)),
    decryptString: (encrypted) => Buffer.from(encrypted.map((b) => b ^ 0x5a)).toString('utf8'),
  };
}

describe('profiles file', () => {
  it('writes a versioned JSON file without secrets, readable by the owner only, with no temp files left', () => {
    const d = dir();
    const registry = new ConnectionRegistry(d, new SecretManager(d));
    registry.add(draft('One'));
    registry.add(draft('Two'));
    const text = readFileSync(path.join(d, PROFILES_FILE), 'utf8');
    expect(JSON.parse(text)).toMatchObject({ schemaVersion: PROFILES_SCHEMA_VERSION, connections: [{ label: 'One' }, { label: 'Two' }] });
    expect(text).not.toContain(SECRET);
    expect(statSync(path.join(d, PROFILES_FILE)).mode & 0o077).toBe(0);
    expect(readdirSync(d).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('keeps connections, their order and edits across restarts; session-only keys do not survive', () => {
    const d = dir();
    const first = new ConnectionRegistry(d, new SecretManager(d));
    const a = first.add(draft('A'));
    const b = first.add(draft('B'));
    const c = first.duplicate(a.id);
    expect(c.label).toBe('A (copy)');
    first.update(b.id, { ...draft('B renamed'), secretAccessKey: '' });
    first.reorder([b.id, c.id]);
    first.remove(a.id);
    const again = new ConnectionRegistry(d, new SecretManager(d));
    expect(again.list().map((x) => x.label)).toEqual(['B renamed', 'A (copy)']);
    expect(again.get(b.id).secret).toBe('missing');
    expect(() => again.credentials(b.id)).toThrow(/No secret key is known/);
  });

  it('sets an unreadable file aside instead of losing it', () => {
    const d = dir();
    writeFileSync(path.join(d, PROFILES_FILE), '{ "schemaVersion": 1, "connections": [ truncated');
    const registry = new ConnectionRegistry(d, new SecretManager(d));
    expect(registry.list()).toEqual([]);
    expect(registry.setAside).toBeDefined();
    expect(readFileSync(registry.setAside ?? '', 'utf8')).toContain('truncated');
  });

  it('reads a file from a newer Ferry but never overwrites it', () => {
    const d = dir();
    const body = { schemaVersion: 99, connections: [{ id: 'x', label: 'Future', endpoint: 'http://h', region: 'r', pathStyle: true }] };
    writeFileSync(path.join(d, PROFILES_FILE), JSON.stringify(body));
    const registry = new ConnectionRegistry(d, new SecretManager(d));
    expect(registry.list().map((c) => c.label)).toEqual(['Future']);
    expect(() => registry.add(draft('New'))).toThrow(/newer Ferry/);
    expect(JSON.parse(readFileSync(path.join(d, PROFILES_FILE), 'utf8'))).toEqual(body);
  });
});

describe('where secrets live', { timeout: 60_000 }, () => {
  it('serve mode keeps keys for the session by default, with no prompt', () => {
    const d = dir();
    const secrets = new SecretManager(d);
    expect(secrets.status()).toEqual({ mode: 'session', vault: 'absent', needsChoice: false });
    const registry = new ConnectionRegistry(d, secrets);
    const added = registry.add(draft('S'));
    expect(added.secret).toBe('session');
    expect(registry.credentials(added.id).secretAccessKey).toBe(SECRET);
    expect(readdirSync(d).join(' ')).not.toMatch(/vault|keychain/);
  });

  it('moves session keys into a new vault, and a restarted vault-mode core finds them after unlocking', async () => {
    const d = dir();
    const secrets = new SecretManager(d);
    const registry = new ConnectionRegistry(d, secrets);
    const added = registry.add(draft('V'));
    await secrets.createVault('vault passphrase');
    expect(registry.get(added.id).secret).toBe('stored');
    const restarted = new SecretManager(d, { prefer: 'session' });
    expect(restarted.status()).toMatchObject({ mode: 'vault', vault: 'locked' });
    const again = new ConnectionRegistry(d, restarted);
    expect(again.get(added.id).secret).toBe('locked');
    expect(() => again.credentials(added.id)).toThrow(/vault is locked/);
    await expect(restarted.unlock('not the passphrase')).rejects.toThrow(/does not open/);
    await restarted.unlock('vault passphrase');
    expect(again.credentials(added.id).secretAccessKey).toBe(SECRET);
  });

  it('the desktop with a real keyring encrypts each secret through safeStorage', () => {
    const d = dir();
    const secrets = new SecretManager(d, { platform: fakeSafeStorage('gnome_libsecret') });
    expect(secrets.status()).toEqual({ mode: 'keychain', vault: 'absent', needsChoice: false });
    const registry = new ConnectionRegistry(d, secrets);
    const added = registry.add(draft('K'));
    expect(added.secret).toBe('stored');
    expect(readFileSync(path.join(d, KEYCHAIN_FILE), 'utf8')).not.toContain(SECRET);
    const again = new ConnectionRegistry(d, new SecretManager(d, { platform: fakeSafeStorage('gnome_libsecret') }));
    expect(again.credentials(added.id).secretAccessKey).toBe(SECRET);
  });

  it('on Linux with the basic_text backend, stores nothing and asks the user to choose', () => {
    const d = dir();
    const secrets = new SecretManager(d, { platform: fakeSafeStorage('basic_text') });
    expect(secrets.status()).toMatchObject({ mode: 'session', needsChoice: true, reason: expect.stringContaining('plain text') });
    const registry = new ConnectionRegistry(d, secrets);
    registry.add(draft('B'));
    expect(existsSync(path.join(d, KEYCHAIN_FILE))).toBe(false);
    secrets.useSessionOnly();
    expect(secrets.status().needsChoice).toBe(false);
    // The choice is remembered: the next start does not ask again.
    expect(new SecretManager(d, { platform: fakeSafeStorage('basic_text') }).status()).toMatchObject({
      mode: 'session',
      needsChoice: false,
    });
  });
});
