/**
 * What an S3 client must be told for a connection: where to send requests,
 * which region to sign for, which addressing style, how to treat checksums,
 * and which provider quirks to work around. Pure, so every preset's result
 * is checked by a unit test.
 */
import type { ChecksumMode } from '../api/connection-types.js';
import { isAwsEndpoint } from './endpoint.js';
import { presetEndpoint } from './endpoint-template.js';
import { findPreset, OTHER_PRESET_ID, presetById } from './presets.js';

/** The parts of a profile (or a summary) a client is built from. */
export interface ClientProfile {
  providerId?: string;
  endpoint: string;
  region: string;
  pathStyle: boolean;
  checksumMode?: ChecksumMode;
  fields?: { accountId?: string; location?: string; namespace?: string };
}

export type SdkChecksumSetting = 'WHEN_SUPPORTED' | 'WHEN_REQUIRED';

export interface ClientSettings {
  /** Undefined lets the SDK pick AWS's regional endpoint, which keeps region redirects working. */
  endpoint: string | undefined;
  region: string;
  forcePathStyle: boolean;
  checksumMode: ChecksumMode;
  requestChecksumCalculation: SdkChecksumSetting;
  responseChecksumValidation: SdkChecksumSetting;
  contentMd5OnDelete: boolean;
  stripChecksumHeaders: boolean;
  stripXIdQuery: boolean;
}

export function clientSettings(profile: ClientProfile): ClientSettings {
  const preset = findPreset(profile.providerId ?? OTHER_PRESET_ID) ?? presetById(OTHER_PRESET_ID);
  // A custom endpoint that turns out to be AWS itself gets AWS's integrity defaults.
  const awsHost = isAwsEndpoint(profile.endpoint);
  const checksumMode: ChecksumMode =
    profile.checksumMode ?? (preset.id === OTHER_PRESET_ID && awsHost ? 'when-supported' : preset.checksumMode);
  let endpoint: string | undefined = profile.endpoint;
  if (preset.id === 'aws') {
    const templated = presetEndpoint(preset, { region: profile.region, ...profile.fields });
    if (templated === profile.endpoint) endpoint = undefined;
  }
  const sdk: SdkChecksumSetting = checksumMode === 'when-supported' ? 'WHEN_SUPPORTED' : 'WHEN_REQUIRED';
  return {
    endpoint,
    region: preset.signingRegion ?? (profile.region || preset.defaultRegion),
    forcePathStyle: preset.pathStyleFixed ? preset.pathStyle : profile.pathStyle,
    checksumMode,
    requestChecksumCalculation: sdk,
    responseChecksumValidation: sdk,
    // Without checksum headers, DeleteObjects still needs an integrity header: Content-MD5.
    contentMd5OnDelete: preset.quirks.includes('content-md5-on-delete') || checksumMode === 'off' || (!awsHost && preset.id !== 'aws'),
    stripChecksumHeaders: checksumMode === 'off',
    stripXIdQuery: preset.quirks.includes('strip-x-id-query'),
  };
}
