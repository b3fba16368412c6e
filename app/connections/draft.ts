/**
 * Turns what the dialog sent into a profile to keep, checking each field
 * against the chosen preset so a mistake is named where the user made it:
 * a missing account id, an http:// endpoint for an HTTPS-only provider, a CA
 * file that is not a certificate.
 */
import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import type { connectionDraftSchema } from '../api/calls/connection-calls.js';
import { FerryError } from '../api/errors.js';
import type { ProviderFieldValues } from '../api/connection-types.js';
import { presetEndpoint } from '../providers/endpoint-template.js';
import { presetById } from '../providers/presets.js';
import type { SecretRecord } from '../secrets/secret-types.js';
import { normaliseEndpoint } from '../providers/endpoint.js';
import type { StoredProfile } from './profile-types.js';
import { proxyFromDraft } from './proxy-setting.js';

export type ConnectionDraft = z.output<typeof connectionDraftSchema>;

export interface DraftResult {
  profile: Omit<StoredProfile, 'id'>;
  /** A new secret to store; undefined keeps the stored one (editing) or needs none. */
  secret: SecretRecord | undefined;
  /** The proxy password to keep; null removes a stored one; undefined leaves it as it is. */
  proxyPassword: string | null | undefined;
}

function fieldError(field: string, message: string): FerryError {
  return new FerryError('invalid-arguments', message, { details: { field } });
}

export function profileFromDraft(
  draft: ConnectionDraft,
  existing?: StoredProfile,
  hasStoredSecret = false,
  hasStoredProxyPassword = false,
): DraftResult {
  const preset = presetById(draft.providerId);
  const fields: ProviderFieldValues = {};
  for (const name of ['accountId', 'location', 'namespace'] as const) {
    const value = draft[name]?.trim();
    if (preset.fields.includes(name) && value) fields[name] = value;
  }
  // A provider that names its places "locations" signs requests with the location as region.
  const region = preset.fields.includes('region')
    ? draft.region || preset.defaultRegion
    : preset.fields.includes('location')
      ? fields.location || preset.defaultRegion
      : preset.defaultRegion;

  let endpoint: string;
  let templated: string | undefined;
  if (draft.endpoint) {
    endpoint = normaliseEndpoint(draft.endpoint);
    // A typed endpoint stands on its own; the template only tells whether it is the preset's own.
    templated = tryTemplate(() => presetEndpoint(preset, { region, ...fields }));
  } else {
    templated = presetEndpoint(preset, { region, ...fields });
    if (!templated) throw fieldError('endpoint', 'the endpoint URL is required for this provider');
    endpoint = templated;
  }
  if (preset.httpsOnly && endpoint.startsWith('http://')) {
    throw fieldError('endpoint', `${preset.name} accepts HTTPS only: the endpoint must start with https://.`);
  }

  const pathStyle = preset.pathStyleFixed ? preset.pathStyle : (draft.pathStyle ?? preset.pathStyle);
  const caFile = draft.caFile?.trim() || undefined;
  if (caFile) checkCaFile(caFile, endpoint);

  let secret: SecretRecord | undefined;
  let accessKeyId = '';
  let hasSessionToken = false;
  switch (draft.credentialSource) {
    case 'keys': {
      accessKeyId = draft.accessKeyId.trim();
      if (!accessKeyId) throw fieldError('accessKeyId', 'the access key id is required');
      const keyChanged = existing !== undefined && existing.accessKeyId !== accessKeyId;
      if (draft.secretAccessKey) {
        secret = { secretAccessKey: draft.secretAccessKey, ...(draft.sessionToken ? { sessionToken: draft.sessionToken } : {}) };
        hasSessionToken = Boolean(draft.sessionToken);
      } else if (!hasStoredSecret || keyChanged) {
        throw fieldError('secretAccessKey', keyChanged ? 'a new access key id needs its secret key' : 'the secret key is required');
      } else hasSessionToken = existing?.hasSessionToken ?? false;
      break;
    }
    case 'aws-profile':
      if (!draft.awsProfile) throw fieldError('awsProfile', 'choose the AWS profile to use');
      break;
    case 'env':
      break;
    default: {
      const unknown: never = draft.credentialSource;
      throw fieldError('credentialSource', `unknown credential source ${String(unknown)}`);
    }
  }

  const proxy = proxyFromDraft(draft.proxy, existing?.proxy, hasStoredProxyPassword);

  const profile: Omit<StoredProfile, 'id'> = {
    label: draft.label.trim(),
    providerId: preset.id,
    endpoint,
    customEndpoint: templated === undefined || templated !== endpoint,
    region,
    pathStyle,
    fields,
    credentialSource: draft.credentialSource,
    accessKeyId,
    hasSessionToken,
    buckets: [...new Set(draft.buckets ?? existing?.buckets ?? [])],
    // What the probe learnt still holds while the endpoint and key stay the same.
    bucketRegions: existing && existing.endpoint === endpoint ? existing.bucketRegions : {},
    ...(draft.credentialSource === 'aws-profile' && draft.awsProfile ? { awsProfile: draft.awsProfile } : {}),
    ...(draft.credentialSource === 'aws-profile' && draft.awsConfigFile ? { awsConfigFile: draft.awsConfigFile } : {}),
    ...(draft.credentialSource === 'aws-profile' && draft.awsCredentialsFile ? { awsCredentialsFile: draft.awsCredentialsFile } : {}),
    ...(caFile ? { caFile } : {}),
    ...(proxy.stored ? { proxy: proxy.stored } : {}),
  };
  if (existing && existing.endpoint === endpoint && existing.accessKeyId === accessKeyId) {
    if (existing.probe) profile.probe = existing.probe;
    if (existing.checksumMode) profile.checksumMode = existing.checksumMode;
  }
  return { profile, secret, proxyPassword: proxy.password };
}

function tryTemplate(fill: () => string | undefined): string | undefined {
  try {
    return fill();
  } catch {
    return undefined;
  }
}

function checkCaFile(file: string, endpoint: string): void {
  if (!endpoint.startsWith('https://')) throw fieldError('caFile', 'a CA file only matters for an https:// endpoint');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'unreadable';
    throw fieldError('caFile', `the CA file cannot be read (${code}): ${file}`);
  }
  if (!text.includes('-----BEGIN CERTIFICATE-----')) {
    throw fieldError('caFile', 'the CA file holds no PEM certificate (-----BEGIN CERTIFICATE-----)');
  }
}
