/**
 * Imports S3 remotes from an rclone config file. rclone keeps S3 keys in
 * plain text there (only its own config encryption hides them, and Ferry
 * refuses that format with a message rather than guessing a password). Keys
 * are read only when a remote is imported, straight into Ferry's secret store.
 */
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FerryError } from '../api/errors.js';
import type { RcloneRemoteInfo } from '../api/connection-types.js';
import { presetForRclone } from '../providers/presets.js';
import type { ConnectionDraft } from './draft.js';
import { readIni, type IniSection } from './credential-ini.js';

export function defaultRcloneConfig(env: NodeJS.ProcessEnv = process.env): string {
  if (env.RCLONE_CONFIG) return env.RCLONE_CONFIG;
  if (process.platform === 'win32' && env.APPDATA) return path.join(env.APPDATA, 'rclone', 'rclone.conf');
  return path.join(env.XDG_CONFIG_HOME || path.join(os.homedir(), '.config'), 'rclone', 'rclone.conf');
}

export interface RcloneRemote extends RcloneRemoteInfo {
  draft?: ConnectionDraft;
}

function readConfig(file: string): IniSection[] {
  if (!existsSync(file)) {
    throw new FerryError('not-found', `There is no rclone config at ${file}.`, { details: { field: 'path', file } });
  }
  const text = readFileSync(file, 'utf8');
  const encrypted = text.split(/\r?\n/).findIndex((l) => l.trim().startsWith('RCLONE_ENCRYPT_V'));
  if (encrypted >= 0) {
    throw new FerryError(
      'invalid-arguments',
      `${file} is encrypted with rclone's config password (line ${encrypted + 1}), and Ferry does not ask for that password. ` +
        'Run `rclone config show > plain.conf`, import plain.conf, then delete it.',
      { details: { field: 'path', file, line: encrypted + 1, reason: 'rclone-encrypted' } },
    );
  }
  return readIni(text, file);
}

function truthy(value: string | undefined): boolean | undefined {
  if (value === undefined || value === '') return undefined;
  return /^(true|1|yes)$/i.test(value);
}

function withScheme(endpoint: string): string {
  if (!endpoint) return '';
  return /^[a-z]+:\/\//i.test(endpoint) ? endpoint : `https://${endpoint}`;
}

export function readRcloneRemotes(file: string): RcloneRemote[] {
  const remotes: RcloneRemote[] = [];
  for (const section of readConfig(file)) {
    const v = (key: string): string => section.values.get(key)?.value ?? '';
    if (v('type') !== 's3') continue;
    const rcloneProvider = v('provider') || 'AWS';
    const endpoint = withScheme(v('endpoint'));
    const preset = presetForRclone(rcloneProvider, endpoint || undefined);
    const region = v('region') || v('location_constraint') || preset.defaultRegion;
    const envAuth = truthy(v('env_auth')) === true;
    const accessKeyId = v('access_key_id');
    const secretAccessKey = v('secret_access_key');
    const hasKeys = accessKeyId !== '' && secretAccessKey !== '';
    // rclone's default is path-style except for AWS and a few providers it knows to prefer virtual hosts.
    const pathStyle = truthy(v('force_path_style')) ?? preset.pathStyle;
    const info: RcloneRemote = {
      name: section.name,
      rcloneProvider,
      providerId: preset.id,
      endpoint,
      region,
      pathStyle,
      envAuth,
      hasKeys,
    };
    if (!hasKeys && !envAuth) {
      info.problem = `line ${section.line}: the remote has no access_key_id and secret_access_key, and env_auth is off`;
    } else if (!endpoint && !preset.endpointTemplate) {
      info.problem = `line ${section.line}: the remote names no endpoint, and ${preset.name} needs one`;
    } else {
      info.draft = {
        label: section.name,
        providerId: preset.id,
        endpoint,
        region,
        pathStyle,
        credentialSource: envAuth && !hasKeys ? 'env' : 'keys',
        accessKeyId: hasKeys ? accessKeyId : '',
        secretAccessKey: hasKeys ? secretAccessKey : '',
        ...(v('session_token') ? { sessionToken: v('session_token') } : {}),
      };
    }
    remotes.push(info);
  }
  return remotes;
}

/** The same list without drafts: what may be shown to the renderer. */
export function describeRcloneRemotes(remotes: RcloneRemote[]): RcloneRemoteInfo[] {
  return remotes.map(({ draft: _draft, ...info }) => info);
}
