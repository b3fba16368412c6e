/**
 * Every connection the user set up, in their order, kept in the profiles
 * file (without secrets) and with secrets in the secret manager. Summaries
 * handed to the renderer are built from profiles only, so no code path can
 * carry a key along with them.
 */
import { randomUUID } from 'node:crypto';
import type { AwsCredentialIdentityProvider } from '@aws-sdk/types';
import { FerryError } from '../api/errors.js';
import type { CapabilityProbe, ChecksumMode, ConnectionSummary } from '../api/types.js';
import { DEFAULT_LIMITS, type Learnt } from '../api/connection-types.js';
import { findPreset } from '../providers/presets.js';
import type { SecretManager } from '../secrets/secret-manager.js';
import { credentialProvider } from './credential-source.js';
import { profileFromDraft, type ConnectionDraft } from './draft.js';
import type { StoredProfile } from './profile-types.js';
import { ProfileStore } from './profile-store.js';
import { proxyInfo, proxySecretId, type ConnectionProxy } from './proxy-setting.js';
import { adjustFeatures } from './summary-features.js';

export type { ConnectionDraft } from './draft.js';

/** The first slice's name for a draft; kept for callers that still use it. */
export type NewConnection = ConnectionDraft;

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export class ConnectionRegistry {
  readonly #store: ProfileStore;
  #profiles: StoredProfile[];
  /** Set when the profiles file could not be read and was moved aside at start. */
  readonly setAside: string | undefined;
  /** Secrets resolved from AWS profiles or the environment, for redaction. */
  readonly #resolved = new Set<string>();

  constructor(
    dir: string,
    readonly secrets: SecretManager,
  ) {
    this.#store = new ProfileStore(dir);
    const loaded = this.#store.load();
    this.#profiles = loaded.profiles;
    this.setAside = loaded.setAside;
  }

  list(): ConnectionSummary[] {
    return this.#profiles.map((p) => this.#summary(p));
  }

  get(id: string): ConnectionSummary {
    return this.#summary(this.profile(id));
  }

  profile(id: string): StoredProfile {
    const profile = this.#profiles.find((p) => p.id === id);
    if (!profile) throw new FerryError('not-found', 'That connection no longer exists.', { details: { connectionId: id } });
    return structuredClone(profile);
  }

  /** The profile a draft describes, without saving it: what "Test connection" runs against. */
  preview(
    draft: ConnectionDraft,
    editingId?: string,
  ): { profile: StoredProfile; secret: ReturnType<typeof profileFromDraft>['secret']; proxy: ConnectionProxy | undefined } {
    const existing = editingId ? this.profile(editingId) : undefined;
    const hasStored = existing ? this.secrets.get(existing.id) !== undefined : false;
    const hasProxyPassword = existing ? this.#hasProxyPassword(existing.id) : false;
    const { profile, secret, proxyPassword } = profileFromDraft(draft, existing, hasStored, hasProxyPassword);
    const id = editingId ?? `draft-${randomUUID()}`;
    // A typed password is tried as typed; an empty one stands for the stored one only where the draft keeps it.
    const password = proxyPassword === undefined && existing ? this.#proxyPassword(existing) : (proxyPassword ?? undefined);
    return { profile: { ...profile, id }, secret, proxy: connectionProxy(profile.proxy, password) };
  }

  add(draft: ConnectionDraft, probe?: CapabilityProbe): ConnectionSummary {
    const { profile, secret, proxyPassword } = profileFromDraft(draft);
    const stored: StoredProfile = { ...profile, id: randomUUID(), ...(probe ? { probe } : {}) };
    if (secret) this.secrets.set(stored.id, secret);
    if (proxyPassword) this.secrets.set(proxySecretId(stored.id), { secretAccessKey: proxyPassword });
    this.#commit([...this.#profiles, stored]);
    return this.#summary(stored);
  }

  update(id: string, draft: ConnectionDraft, probe?: CapabilityProbe): ConnectionSummary {
    const existing = this.profile(id);
    const { profile, secret, proxyPassword } = profileFromDraft(
      draft,
      existing,
      this.secrets.get(id) !== undefined,
      this.#hasProxyPassword(id),
    );
    const updated: StoredProfile = { ...profile, id, ...(probe ? { probe } : {}) };
    if (secret) this.secrets.set(id, secret);
    else if (draft.credentialSource !== 'keys') this.secrets.delete(id);
    if (proxyPassword) this.secrets.set(proxySecretId(id), { secretAccessKey: proxyPassword });
    else if (proxyPassword === null) this.secrets.delete(proxySecretId(id));
    this.#commit(this.#profiles.map((p) => (p.id === id ? updated : p)));
    return this.#summary(updated);
  }

  duplicate(id: string): ConnectionSummary {
    const source = this.profile(id);
    const copy: StoredProfile = { ...source, id: randomUUID(), label: copyLabel(source.label, this.#profiles) };
    const secret = this.secrets.get(id);
    if (secret) this.secrets.set(copy.id, secret);
    const proxySecret = this.secrets.get(proxySecretId(id));
    if (proxySecret) this.secrets.set(proxySecretId(copy.id), proxySecret);
    const at = this.#profiles.findIndex((p) => p.id === id);
    const next = [...this.#profiles];
    next.splice(at + 1, 0, copy);
    this.#commit(next);
    return this.#summary(copy);
  }

  remove(id: string): boolean {
    const exists = this.#profiles.some((p) => p.id === id);
    if (!exists) return false;
    this.secrets.delete(id);
    this.secrets.delete(proxySecretId(id));
    this.#commit(this.#profiles.filter((p) => p.id !== id));
    return true;
  }

  /** Puts the named connections first, in that order; any not named keep their relative order after them. */
  reorder(ids: string[]): ConnectionSummary[] {
    const unknown = ids.find((id) => !this.#profiles.some((p) => p.id === id));
    if (unknown) throw new FerryError('not-found', 'That connection no longer exists.', { details: { connectionId: unknown } });
    const named = [...new Set(ids)].map((id) => this.#profiles.find((p) => p.id === id) as StoredProfile);
    const rest = this.#profiles.filter((p) => !ids.includes(p.id));
    this.#commit([...named, ...rest]);
    return this.list();
  }

  recordProbe(id: string, probe: CapabilityProbe, checksumMode?: ChecksumMode): void {
    // What a write taught (dot segments, conditional writes, a copy's tags) outlives a read-only probe that did not look.
    const kept = (p: StoredProfile) => ({
      ...(p.probe?.keySegments && !probe.keySegments ? { keySegments: p.probe.keySegments } : {}),
      ...(p.probe?.conditionalWrites && !probe.conditionalWrites ? { conditionalWrites: p.probe.conditionalWrites } : {}),
      ...(p.probe?.copyTags && !probe.copyTags ? { copyTags: p.probe.copyTags } : {}),
    });
    this.#patch(id, (p) => ({ ...p, probe: { ...probe, ...kept(p) }, ...(checksumMode ? { checksumMode } : {}) }));
  }

  /** What a write found (keys with dot or empty segments, conditional writes), kept with the rest of the probe. */
  recordLearnt(id: string, learnt: Learnt): void {
    this.#patch(id, (p) => ({
      ...p,
      probe: {
        ...(p.probe ?? {
          probedAt: new Date().toISOString(),
          listBuckets: 'unknown',
          versioning: 'unknown',
          objectLock: 'unknown',
          checksums: 'unknown',
        }),
        ...learnt,
      },
    }));
  }

  namedBuckets(id: string): string[] {
    return [...(this.#profiles.find((p) => p.id === id)?.buckets ?? [])];
  }

  bucketRegion(id: string, bucket: string): string | undefined {
    return this.#profiles.find((p) => p.id === id)?.bucketRegions[bucket];
  }

  rememberBucketRegion(id: string, bucket: string, region: string): void {
    const profile = this.#profiles.find((p) => p.id === id);
    if (!profile || profile.bucketRegions[bucket] === region) return;
    this.#patch(id, (p) => ({ ...p, bucketRegions: { ...p.bucketRegions, [bucket]: region } }));
  }

  credentialProvider(profile: StoredProfile): AwsCredentialIdentityProvider {
    return credentialProvider(
      profile,
      (p) => this.#secretFor(p),
      (s) => this.#resolved.add(s),
    );
  }

  /** The proxy a saved connection's clients are built with; undefined follows the environment or the system. */
  proxySetting(profile: StoredProfile): ConnectionProxy | undefined {
    return connectionProxy(profile.proxy, this.#proxyPassword(profile));
  }

  /** Typed keys of a connection, for code that needs them as plain values. */
  credentials(id: string): Credentials {
    const profile = this.profile(id);
    const record = this.#secretFor(profile);
    if (!record)
      throw new FerryError('invalid-credentials', `No secret key is known for "${profile.label}".`, {
        details: { reason: 'credentials-missing' },
      });
    return {
      accessKeyId: profile.accessKeyId,
      secretAccessKey: record.secretAccessKey,
      ...(record.sessionToken ? { sessionToken: record.sessionToken } : {}),
    };
  }

  /** True when using this connection needs the key vault opened first: its keys, or its proxy's password, are in it. */
  needsVaultOpen(id: string): boolean {
    const profile = this.profile(id);
    if (profile.credentialSource === 'keys' && this.secrets.state(profile.id) === 'locked') return true;
    return this.#proxyPasswordState(profile) === 'locked';
  }

  /** Removes every known secret from a text before it can leave the core. */
  redact(text: string): string {
    let out = text;
    for (const secret of [...this.secrets.knownSecrets(), ...this.#resolved]) {
      if (secret.length >= 4) out = out.split(secret).join('[secret]');
    }
    return out;
  }

  #secretFor(profile: StoredProfile) {
    if (profile.credentialSource !== 'keys') return undefined;
    if (this.secrets.state(profile.id) === 'locked') {
      throw new FerryError('invalid-credentials', `The key vault is locked: unlock it to use "${profile.label}".`, {
        details: { reason: 'vault-locked', connectionId: profile.id },
      });
    }
    return this.secrets.get(profile.id);
  }

  #proxyPasswordState(p: StoredProfile) {
    if (p.proxy?.mode !== 'custom' || !p.proxy.username) return 'not-needed' as const;
    return this.secrets.state(proxySecretId(p.id));
  }

  #hasProxyPassword(id: string): boolean {
    const state = this.secrets.state(proxySecretId(id));
    return state === 'stored' || state === 'session' || state === 'locked';
  }

  #proxyPassword(profile: StoredProfile): string | undefined {
    if (profile.proxy?.mode !== 'custom' || !profile.proxy.username) return undefined;
    const id = proxySecretId(profile.id);
    if (this.secrets.state(id) === 'locked') {
      throw new FerryError('invalid-credentials', `The key vault is locked: unlock it to use the proxy of "${profile.label}".`, {
        details: { reason: 'vault-locked', connectionId: profile.id },
      });
    }
    const password = this.secrets.get(id)?.secretAccessKey;
    // Sending the user name with an empty password would only earn a 407 that blames the wrong thing.
    if (password === undefined && profile.proxy.passwordSaved) {
      throw new FerryError(
        'invalid-credentials',
        `The proxy password of "${profile.label}" is not available here (it was kept for the session that saved it): enter it again in the connection's proxy setting.`,
        { details: { reason: 'credentials-missing', connectionId: profile.id } },
      );
    }
    return password;
  }

  #patch(id: string, change: (p: StoredProfile) => StoredProfile): void {
    if (!this.#profiles.some((p) => p.id === id)) return;
    this.#commit(this.#profiles.map((p) => (p.id === id ? change(p) : p)));
  }

  #commit(next: StoredProfile[]): void {
    this.#store.save(next);
    this.#profiles = next;
  }

  #summary(p: StoredProfile): ConnectionSummary {
    const preset = findPreset(p.providerId);
    const summary: ConnectionSummary = {
      id: p.id,
      label: p.label,
      endpoint: p.endpoint,
      region: p.region,
      pathStyle: p.pathStyle,
      accessKeyId: p.accessKeyId,
      providerId: p.providerId,
      limits: { ...(preset?.limits ?? DEFAULT_LIMITS) },
      features: adjustFeatures(preset, p.probe),
      credentialSource: p.credentialSource,
      fields: { ...p.fields },
      buckets: [...p.buckets],
      checksumMode: p.checksumMode ?? preset?.checksumMode ?? 'when-required',
      secret: p.credentialSource === 'keys' ? this.secrets.state(p.id) : 'not-needed',
      hasSessionToken: p.hasSessionToken,
      bucketRegions: { ...p.bucketRegions },
    };
    if (p.awsProfile) summary.awsProfile = p.awsProfile;
    if (p.caFile) summary.caFile = p.caFile;
    if (p.probe) summary.probe = { ...p.probe };
    const proxy = proxyInfo(p.proxy, this.#proxyPasswordState(p));
    if (proxy) summary.proxy = proxy;
    return summary;
  }
}

/** What a client is built with for a stored proxy and its password. */
function connectionProxy(stored: StoredProfile['proxy'], password: string | undefined): ConnectionProxy | undefined {
  if (!stored) return undefined;
  if (stored.mode === 'none') return 'direct';
  return { url: stored.url, ...(stored.username ? { username: stored.username, password: password ?? '' } : {}) };
}

function copyLabel(label: string, profiles: StoredProfile[]): string {
  const base = label.replace(/ \(copy(?: \d+)?\)$/, '');
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? `${base} (copy)` : `${base} (copy ${n})`;
    if (!profiles.some((p) => p.label === candidate)) return candidate;
  }
}
