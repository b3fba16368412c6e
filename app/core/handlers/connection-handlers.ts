import type { CapabilityProbe, DiagnosticReport } from '../../api/connection-types.js';
import { FerryError } from '../../api/errors.js';
import { defaultAwsFiles, listAwsProfiles } from '../../connections/aws-shared-config.js';
import type { ConnectionDraft } from '../../connections/draft.js';
import type { StoredProfile } from '../../connections/profile-types.js';
import { defaultRcloneConfig, describeRcloneRemotes, readRcloneRemotes } from '../../connections/rclone-config.js';
import { diagnose } from '../../diagnostics/diagnose.js';
import { lightProbe } from '../../probe/capability-probe.js';
import { providerCatalogue } from '../../providers/presets.js';
import type { Handlers } from '../dispatcher.js';
import type { CoreContext } from '../core-context.js';

type ConnectionCalls =
  | 'connections.list'
  | 'connections.providers'
  | 'connections.add'
  | 'connections.update'
  | 'connections.duplicate'
  | 'connections.remove'
  | 'connections.reorder'
  | 'connections.test'
  | 'connections.awsProfiles'
  | 'connections.rcloneRemotes'
  | 'connections.importRclone'
  | 'secrets.status'
  | 'secrets.createVault'
  | 'secrets.unlock'
  | 'secrets.lock'
  | 'secrets.useSessionOnly';

/** A test's probe is kept for the draft it ran on, so saving right after the test stores it without a second probe. */
function fingerprint(
  p: Pick<StoredProfile, 'providerId' | 'endpoint' | 'region' | 'pathStyle' | 'accessKeyId' | 'credentialSource' | 'awsProfile'>,
): string {
  return JSON.stringify([p.providerId, p.endpoint, p.region, p.pathStyle, p.accessKeyId, p.credentialSource, p.awsProfile ?? '']);
}

/** Faults of the draft itself, reported as a failed first step rather than as an error. */
function draftFault(err: FerryError): DiagnosticReport {
  const field = err.details?.field;
  const code =
    field === 'accessKeyId' || field === 'secretAccessKey' || field === 'awsProfile' ? 'credentials-missing' : 'endpoint-malformed';
  const id = code === 'credentials-missing' ? 'credentials' : 'url';
  return {
    ok: false,
    code,
    message: err.message,
    steps: [{ id, label: id === 'url' ? 'Endpoint URL' : 'Credentials', status: 'failed', detail: err.message }],
    durationMs: 0,
  };
}

export function connectionHandlers(ctx: CoreContext): Pick<Handlers, ConnectionCalls> {
  const registry = ctx.connections;
  const secrets = registry.secrets;
  const changed = () => ctx.events.emit('connections.changed', registry.list());
  const secretsChanged = () => {
    ctx.events.emit('secrets.changed', secrets.status());
    changed();
  };
  const testedProbes = new Map<string, CapabilityProbe>();
  const probing = new Set<string>();

  // On connect: the first time a connection's client is built this session, probe it quietly (read-only).
  ctx.clients.onCreated((id) => {
    if (probing.has(id)) return;
    probing.add(id);
    let profile: StoredProfile;
    try {
      profile = registry.profile(id);
    } catch {
      return;
    }
    const client = ctx.clients.get(id);
    void lightProbe(client, profile.buckets, profile.probe)
      .then((probe) => {
        if (!registry.list().some((c) => c.id === id)) return;
        registry.recordProbe(id, probe);
        changed();
      })
      .catch(() => undefined)
      .finally(() => probing.delete(id));
  });

  const probeFor = (draft: ConnectionDraft): CapabilityProbe | undefined => {
    try {
      return testedProbes.get(fingerprint(registry.preview(draft).profile));
    } catch {
      return undefined;
    }
  };

  return {
    'connections.list': async () => registry.list(),
    'connections.providers': async () => providerCatalogue(),
    'connections.add': async (draft) => {
      const added = registry.add(draft, probeFor(draft));
      changed();
      return added;
    },
    'connections.update': async ({ id, ...draft }) => {
      const updated = registry.update(id, draft, probeFor(draft));
      ctx.clients.forget(id);
      changed();
      return updated;
    },
    'connections.duplicate': async ({ id }) => {
      const copy = registry.duplicate(id);
      changed();
      return copy;
    },
    'connections.remove': async ({ id }) => {
      ctx.clients.forget(id);
      const removed = registry.remove(id);
      changed();
      return { removed };
    },
    'connections.reorder': async ({ ids }) => {
      const list = registry.reorder(ids);
      changed();
      return list;
    },
    'connections.test': async ({ id, draft, bucket }) => {
      let profile: StoredProfile;
      let credentials;
      let proxy;
      try {
        if (draft) {
          const preview = registry.preview(draft, id);
          profile = preview.profile;
          proxy = preview.proxy;
          const typed = preview.secret;
          credentials = typed
            ? async () => ({
                accessKeyId: profile.accessKeyId,
                secretAccessKey: typed.secretAccessKey,
                ...(typed.sessionToken ? { sessionToken: typed.sessionToken } : {}),
              })
            : registry.credentialProvider(profile);
        } else {
          profile = registry.profile(id ?? '');
          credentials = registry.credentialProvider(profile);
          proxy = registry.proxySetting(profile);
        }
      } catch (err) {
        if (err instanceof FerryError && err.code === 'invalid-arguments') return draftFault(err);
        throw err;
      }
      const saved = id !== undefined && draft === undefined;
      const report = await diagnose({
        ...(ctx.options.proxyEnv ? { proxyEnv: ctx.options.proxyEnv } : {}),
        ...(proxy ? { proxy } : {}),
        profile,
        credentials,
        ...(bucket ? { bucket } : {}),
        ...(id
          ? {
              regionMemory: {
                regionOf: (b: string) => registry.bucketRegion(id, b),
                learnt: (b: string, r: string) => registry.rememberBucketRegion(id, b, r),
              },
            }
          : {}),
      });
      if (report.probe) {
        testedProbes.set(fingerprint(profile), report.probe);
        if (saved) {
          registry.recordProbe(profile.id, report.probe, report.code === 'checksum-unsupported' ? 'off' : undefined);
          ctx.clients.forget(profile.id);
          changed();
        }
      }
      return report;
    },
    'connections.awsProfiles': async ({ configFile, credentialsFile }) => {
      const files = defaultAwsFiles();
      return listAwsProfiles({ configFile: configFile ?? files.configFile, credentialsFile: credentialsFile ?? files.credentialsFile });
    },
    'connections.rcloneRemotes': async ({ path }) => describeRcloneRemotes(readRcloneRemotes(path ?? defaultRcloneConfig())),
    'connections.importRclone': async ({ path, names }) => {
      const file = path ?? defaultRcloneConfig();
      const remotes = readRcloneRemotes(file);
      const chosen = names.map((name) => {
        const remote = remotes.find((r) => r.name === name);
        if (!remote) throw new FerryError('not-found', `${file} has no S3 remote named "${name}".`, { details: { remote: name } });
        if (!remote.draft)
          throw new FerryError('invalid-arguments', `Remote "${name}" cannot be imported: ${remote.problem ?? 'unknown reason'}.`, {
            details: { remote: name },
          });
        return remote.draft;
      });
      const added = chosen.map((draft) => registry.add(draft));
      changed();
      return added;
    },
    'secrets.status': async () => secrets.status(),
    'secrets.createVault': async ({ passphrase }) => {
      await secrets.createVault(passphrase);
      ctx.clients.forgetAll();
      secretsChanged();
      return secrets.status();
    },
    'secrets.unlock': async ({ passphrase }) => {
      await secrets.unlock(passphrase);
      ctx.clients.forgetAll();
      secretsChanged();
      return secrets.status();
    },
    'secrets.lock': async () => {
      secrets.lock();
      ctx.clients.forgetAll();
      secretsChanged();
      return secrets.status();
    },
    'secrets.useSessionOnly': async () => {
      secrets.useSessionOnly();
      ctx.clients.forgetAll();
      secretsChanged();
      return secrets.status();
    },
  };
}
