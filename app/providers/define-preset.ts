/** Compact preset definitions: each provider states only where it differs from these defaults. */
import { DEFAULT_LIMITS, type ProviderFeatures, type ProviderLimits, type ProviderRegion } from '../api/connection-types.js';
import type { ProviderPreset } from './provider-types.js';

const GiB = 1024 * 1024 * 1024;
export const MiB = 1024 * 1024;
export { GiB };

/** What AWS S3 itself offers; third parties switch off what they lack. */
export const FULL_FEATURES: ProviderFeatures = {
  uploadPartCopy: true,
  tagging: true,
  acls: true,
  versioning: true,
  objectLock: true,
  ifNoneMatch: true,
  deleteObjects: true,
};

type PresetInput = Omit<
  ProviderPreset,
  'limits' | 'features' | 'quirks' | 'rcloneProviders' | 'hostSuffixes' | 'keywords' | 'notes' | 'httpsOnly' | 'checksumMode' | 'regions'
> & {
  regions?: (string | [string, string])[];
  limits?: Partial<ProviderLimits>;
  /** Features the provider lacks (everything else is on). */
  lacks?: (keyof ProviderFeatures)[];
  quirks?: ProviderPreset['quirks'];
  rcloneProviders?: string[];
  hostSuffixes?: string[];
  keywords?: string[];
  notes?: string[];
  httpsOnly?: boolean;
  checksumMode?: ProviderPreset['checksumMode'];
};

function region(r: string | [string, string]): ProviderRegion {
  return typeof r === 'string' ? { id: r, label: r } : { id: r[0], label: `${r[0]} (${r[1]})` };
}

export function definePreset(input: PresetInput): ProviderPreset {
  const { lacks = [], limits, regions = [], ...rest } = input;
  const features = { ...FULL_FEATURES };
  for (const f of lacks) features[f] = false;
  return {
    ...rest,
    keywords: input.keywords ?? [],
    notes: input.notes ?? [],
    httpsOnly: input.httpsOnly ?? false,
    // Only AWS takes the SDK's default checksums; the rest get them when an operation requires one.
    checksumMode: input.checksumMode ?? 'when-required',
    regions: regions.map(region),
    limits: { ...DEFAULT_LIMITS, ...limits },
    features,
    quirks: input.quirks ?? [],
    rcloneProviders: input.rcloneProviders ?? [],
    hostSuffixes: input.hostSuffixes ?? [],
  };
}
