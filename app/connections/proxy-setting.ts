/**
 * A connection's own proxy, from the dialog to connections.json and back.
 * The file keeps the URL and user name only; the password lives in the
 * secret store under its own id, exactly like the connection's secret key,
 * so neither the file nor anything built from it can carry it. The URL is
 * checked here, field by field, so a mistake is named where the user typed it.
 */
import type { z } from 'zod';
import type { proxyDraftSchema } from '../api/calls/connection-calls.js';
import type { ConnectionProxyInfo, SecretState } from '../api/connection-types.js';
import { FerryError } from '../api/errors.js';

export type ProxyDraft = z.output<typeof proxyDraftSchema>;

/** What connections.json holds; absent means 'system'. */
export type StoredProxy =
  | { mode: 'none' }
  /** `passwordSaved`: a password was given and kept in the secret store (never the password itself). */
  | { mode: 'custom'; url: string; username?: string; passwordSaved?: true };

/** What a client is built with: the same shape as the S3 layer's ProxySetting. */
export type ConnectionProxy = { url: string; username?: string; password?: string } | 'direct';

/** The secret-store id of a connection's proxy password. */
export function proxySecretId(connectionId: string): string {
  return `${connectionId}#proxy`;
}

function proxyError(field: 'url' | 'username' | 'password', message: string): FerryError {
  return new FerryError('invalid-arguments', message, { details: { field: `proxy.${field}` } });
}

/**
 * The proxy URL as stored: scheme, host and port only. Credentials, a path
 * or a query are refused rather than dropped, so what is saved is what the
 * user sees.
 */
export function checkProxyUrl(raw: string): string {
  const text = raw.trim();
  if (!text) throw proxyError('url', 'Enter the proxy URL, e.g. http://proxy.example.com:3128.');
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(text)?.[1]?.toLowerCase();
  if (!scheme) throw proxyError('url', 'The proxy URL must start with http:// or https://.');
  if (scheme !== 'http' && scheme !== 'https') {
    throw proxyError('url', `Ferry speaks to HTTP and HTTPS proxies only: the URL must start with http:// or https://, not ${scheme}://.`);
  }
  // The authority is checked before URL() sees it: URL() would accept "user:pass@" and normalise odd ports away.
  const authority = text.slice(scheme.length + 3).split(/[/?#]/, 1)[0] ?? '';
  if (authority.includes('@')) {
    throw proxyError(
      'url',
      'Put the proxy user name and password in their own fields, not in the URL: the URL is saved and shown as typed, the password is kept as a secret.',
    );
  }
  const portText = /^(?:\[[^\]]*\]|[^:]*)(?::(.*))?$/.exec(authority)?.[1];
  if (portText !== undefined && !/^\d{1,5}$/.test(portText)) {
    throw proxyError('url', `The proxy port must be a number from 1 to 65535${portText ? `, not "${portText}"` : ''}.`);
  }
  if (portText !== undefined && (Number(portText) < 1 || Number(portText) > 65535)) {
    throw proxyError('url', `The proxy port must be from 1 to 65535, not ${portText}.`);
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw proxyError('url', `The proxy host "${authority.replace(/:\d*$/, '')}" is not a valid host name or address.`);
  }
  if (!url.hostname) throw proxyError('url', 'The proxy URL has no host: e.g. http://proxy.example.com:3128.');
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) {
    throw proxyError('url', 'A proxy URL is a scheme, a host and a port only: remove the path after the port.');
  }
  return url.origin;
}

export interface ProxyFromDraft {
  /** undefined: 'system'. */
  stored: StoredProxy | undefined;
  /** A new password to keep; null removes the stored one; undefined leaves it. */
  password: string | null | undefined;
}

/**
 * The proxy to keep for a draft. A draft without a proxy section keeps what
 * an edited connection had (older callers, the command line).
 */
export function proxyFromDraft(
  draft: ProxyDraft | undefined,
  existing: StoredProxy | undefined,
  hasStoredPassword: boolean,
): ProxyFromDraft {
  if (!draft) return { stored: existing, password: undefined };
  if (draft.mode === 'system') return { stored: undefined, password: null };
  if (draft.mode === 'none') return { stored: { mode: 'none' }, password: null };
  const url = checkProxyUrl(draft.url);
  const username = draft.username.trim();
  if (/[:\r\n]/.test(username))
    throw proxyError('username', 'A proxy user name cannot contain ":" or a line break (basic auth joins it to the password with ":").');
  if (/[\r\n]/.test(draft.password)) throw proxyError('password', 'A proxy password cannot contain a line break.');
  if (draft.password && !username) throw proxyError('username', 'Enter the user name that goes with the proxy password.');
  const stored: StoredProxy = { mode: 'custom', url, ...(username ? { username } : {}) };
  if (!username || draft.clearPassword) return { stored, password: null };
  if (draft.password) return { stored: { ...stored, passwordSaved: true }, password: draft.password };
  // A stored password belongs to the user name and proxy it was given for; another of either needs it again.
  const same = existing?.mode === 'custom' && existing.url === url && existing.username === username;
  if (hasStoredPassword && same)
    return { stored: existing.passwordSaved ? { ...stored, passwordSaved: true } : stored, password: undefined };
  return { stored, password: null };
}

/** The renderer's view: where the password is, never what it is. */
export function proxyInfo(stored: StoredProxy | undefined, passwordState: SecretState): ConnectionProxyInfo | undefined {
  if (!stored) return undefined;
  if (stored.mode === 'none') return { mode: 'none' };
  return { mode: 'custom', url: stored.url, ...(stored.username ? { username: stored.username } : {}), password: passwordState };
}
