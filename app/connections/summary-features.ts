/** A connection's features: what its preset offers, narrowed by what the probe saw the server refuse. */
import type { CapabilityProbe, ProviderFeatures } from '../api/connection-types.js';
import { FULL_FEATURES } from '../providers/define-preset.js';
import type { ProviderPreset } from '../providers/provider-types.js';

export function adjustFeatures(preset: ProviderPreset | undefined, probe: CapabilityProbe | undefined): ProviderFeatures {
  const features = { ...(preset?.features ?? FULL_FEATURES) };
  if (probe?.versioning === 'unsupported') features.versioning = false;
  if (probe?.objectLock === 'unsupported') features.objectLock = false;
  return features;
}
