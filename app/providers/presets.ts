/** The preset catalogue, in the order the provider picker lists it, and lookups by id, host and rclone name. */
import { FerryError } from '../api/errors.js';
import type { ProviderInfo } from '../api/connection-types.js';
import { alibaba, aws, gcs, ibm, oracle, tencent } from './presets-major-clouds.js';
import { hetzner, leviia, magalu, ovh, petabox, qiniu, scaleway } from './presets-regional-clouds.js';
import { ceph, garage, minio, other, seaweedfs } from './presets-self-hosted.js';
import { b2, digitalocean, exoscale, idrive, linode, r2, storj, synology, tigris, vultr, wasabi } from './presets-storage-clouds.js';
import type { ProviderPreset } from './provider-types.js';

export const PRESETS: readonly ProviderPreset[] = [
  aws,
  r2,
  b2,
  tigris,
  wasabi,
  gcs,
  digitalocean,
  hetzner,
  scaleway,
  ovh,
  idrive,
  storj,
  minio,
  ceph,
  oracle,
  ibm,
  alibaba,
  linode,
  exoscale,
  vultr,
  synology,
  tencent,
  qiniu,
  magalu,
  petabox,
  leviia,
  seaweedfs,
  garage,
  other,
];

const byId = new Map(PRESETS.map((p) => [p.id, p]));

export const OTHER_PRESET_ID = 'other';

export function findPreset(id: string): ProviderPreset | undefined {
  return byId.get(id);
}

export function presetById(id: string): ProviderPreset {
  const preset = byId.get(id);
  if (!preset) throw new FerryError('invalid-arguments', `Ferry has no provider preset "${id}".`, { details: { field: 'providerId' } });
  return preset;
}

/** What the dialog needs of each preset: everything but the client-side quirks. */
export function providerCatalogue(): ProviderInfo[] {
  return PRESETS.map(({ quirks: _q, rcloneProviders: _r, hostSuffixes: _h, ...info }) => structuredClone(info));
}

/** The preset whose hosts match an endpoint URL; 'other' when none does. */
export function presetForEndpoint(endpoint: string | undefined): ProviderPreset {
  if (!endpoint) return aws;
  let host: string;
  try {
    host = new URL(endpoint).hostname.toLowerCase();
  } catch {
    return other;
  }
  for (const preset of PRESETS) {
    if (preset.hostSuffixes.some((suffix) => host === suffix || host.endsWith(`.${suffix}`))) return preset;
  }
  return other;
}

/** The preset for rclone's `provider =` value, falling back to the endpoint's host. */
export function presetForRclone(rcloneProvider: string, endpoint: string | undefined): ProviderPreset {
  const wanted = rcloneProvider.toLowerCase();
  const named = PRESETS.find((p) => p.rcloneProviders.some((r) => r.toLowerCase() === wanted));
  if (named && named.id !== OTHER_PRESET_ID) return named;
  return endpoint ? presetForEndpoint(endpoint) : wanted === 'aws' || wanted === '' ? aws : other;
}
