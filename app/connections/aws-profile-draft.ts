/**
 * The connection a detected AWS profile stands for, so "use this profile" is
 * one click: its credentials come from the profile (resolved by the SDK each
 * time, never copied into Ferry), its region is the profile's, and an
 * endpoint_url in the profile (a MinIO, an R2, ...) picks the provider whose
 * hosts match it. No key is read here: only names, regions and URLs.
 */
import { connectionDraftSchema } from '../api/calls/connection-calls.js';
import type { AwsProfileInfo } from '../api/connection-types.js';
import { presetForEndpoint } from '../providers/presets.js';
import type { ConnectionDraft } from './draft.js';

/** A label no other connection has: "NAME (AWS profile)", then "… 2", "… 3". */
export function labelForAwsProfile(name: string, taken: readonly string[]): string {
  const base = `${name} (AWS profile)`;
  if (!taken.includes(base)) return base;
  for (let n = 2; ; n++) if (!taken.includes(`${base} ${n}`)) return `${base} ${n}`;
}

export function draftForAwsProfile(info: AwsProfileInfo, takenLabels: readonly string[]): ConnectionDraft {
  const preset = presetForEndpoint(info.endpointUrl);
  return connectionDraftSchema.parse({
    label: labelForAwsProfile(info.name, takenLabels).slice(0, 100),
    providerId: preset.id,
    endpoint: info.endpointUrl ?? '',
    region: info.region ?? preset.defaultRegion,
    credentialSource: 'aws-profile',
    awsProfile: info.name,
  });
}
