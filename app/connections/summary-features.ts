/** A connection's features: what its preset offers, corrected by what the probe saw the server do. */
import type { CapabilityProbe, ProviderFeatures } from '../api/connection-types.js';
import { FULL_FEATURES } from '../providers/define-preset.js';
import type { ProviderPreset } from '../providers/provider-types.js';

export function adjustFeatures(preset: ProviderPreset | undefined, probe: CapabilityProbe | undefined): ProviderFeatures {
  const features = { ...(preset?.features ?? FULL_FEATURES) };
  if (probe?.versioning === 'unsupported') features.versioning = false;
  if (probe?.objectLock === 'unsupported') features.objectLock = false;
  // Seen, not claimed: a server may be older or newer than its provider's preset says.
  if (probe?.conditionalWrites === 'honoured') features.ifNoneMatch = true;
  if (probe?.conditionalWrites === 'ignored') features.ifNoneMatch = false;
  return features;
}
