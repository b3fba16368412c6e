/**
 * Reads the AWS shared config and credentials files into a list of named
 * profiles with their kind (static keys, assume-role, SSO, ...), never their
 * keys. Resolving a profile's credentials is the SDK's job (credential-source.ts);
 * this only tells the user what each profile is, so the one in use is always named.
 */
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AwsProfileInfo, AwsProfileKind } from '../api/connection-types.js';
import { readIni, type IniSection } from './credential-ini.js';

export interface AwsFiles {
  configFile: string;
  credentialsFile: string;
}

export function defaultAwsFiles(env: NodeJS.ProcessEnv = process.env): AwsFiles {
  const home = os.homedir();
  return {
    configFile: env.AWS_CONFIG_FILE || path.join(home, '.aws', 'config'),
    credentialsFile: env.AWS_SHARED_CREDENTIALS_FILE || path.join(home, '.aws', 'credentials'),
  };
}

function readIfPresent(file: string): string | undefined {
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

function kindOf(v: (key: string) => string | undefined): AwsProfileKind {
  if (v('role_arn') && v('web_identity_token_file')) return 'web-identity';
  if (v('role_arn') && (v('source_profile') || v('credential_source'))) return 'assume-role';
  if (v('sso_session') || v('sso_start_url')) return 'sso';
  if (v('credential_process')) return 'process';
  if (v('aws_access_key_id')) return 'static';
  return 'unknown';
}

export function listAwsProfiles(files: AwsFiles): AwsProfileInfo[] {
  const configText = readIfPresent(files.configFile);
  const credentialsText = readIfPresent(files.credentialsFile);
  const config = configText === undefined ? [] : readIni(configText, files.configFile, { aws: true });
  const credentials = credentialsText === undefined ? [] : readIni(credentialsText, files.credentialsFile, { aws: true });

  const profiles = new Map<string, { config?: IniSection; credentials?: IniSection }>();
  const ssoSessions = new Map<string, IniSection>();
  const services = new Map<string, IniSection>();
  for (const section of config) {
    const [prefix, ...rest] = section.name.split(/\s+/);
    const name = rest.join(' ');
    if (section.name === 'default') profiles.set('default', { ...profiles.get('default'), config: section });
    else if (prefix === 'profile' && name) profiles.set(name, { ...profiles.get(name), config: section });
    else if (prefix === 'sso-session' && name) ssoSessions.set(name, section);
    else if (prefix === 'services' && name) services.set(name, section);
    // Other sections of the config file are not profiles: the SDK ignores them too.
  }
  for (const section of credentials) profiles.set(section.name, { ...profiles.get(section.name), credentials: section });

  return [...profiles.entries()].map(([name, { config: c, credentials: k }]) => {
    // The credentials file wins over the config file for the same key, as in the SDK.
    const v = (key: string): string | undefined => k?.values.get(key)?.value || c?.values.get(key)?.value || undefined;
    const ssoSessionName = v('sso_session');
    const sso = ssoSessionName ? ssoSessions.get(ssoSessionName) : undefined;
    const servicesName = v('services');
    const serviceEndpoint = servicesName ? services.get(servicesName)?.values.get('s3.endpoint_url')?.value : undefined;
    const info: AwsProfileInfo = {
      name,
      kind: kindOf(v),
      hasSessionToken: Boolean(v('aws_session_token')),
      definedIn: [...(c ? (['config'] as const) : []), ...(k ? (['credentials'] as const) : [])],
    };
    const extras: Partial<AwsProfileInfo> = {
      region: v('region'),
      endpointUrl: v('s3.endpoint_url') || serviceEndpoint || v('endpoint_url'),
      sourceProfile: v('source_profile'),
      roleArn: v('role_arn'),
      ssoStartUrl: sso?.values.get('sso_start_url')?.value || v('sso_start_url'),
      ssoAccountId: v('sso_account_id'),
      ssoRoleName: v('sso_role_name'),
      ssoSession: ssoSessionName,
    };
    for (const [key, value] of Object.entries(extras)) if (value) Object.assign(info, { [key]: value });
    return info;
  });
}
