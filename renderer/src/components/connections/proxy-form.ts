/**
 * Checks of the proxy section made while the user types, so a wrong scheme,
 * host or port is named beside the field before anything is sent. The core
 * checks the same again when saving or testing and has the last word.
 */
import type { FormState } from './connection-draft';

export interface ProxyProblems {
  url?: string;
  username?: string;
}

/** Why the proxy URL cannot be used, or undefined while it looks right (or is still empty). */
export function proxyUrlProblem(raw: string): string | undefined {
  const text = raw.trim();
  if (!text) return undefined;
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(text)?.[1]?.toLowerCase();
  if (!scheme) return 'Start the URL with http:// or https://.';
  if (scheme !== 'http' && scheme !== 'https') return `Only HTTP and HTTPS proxies are supported, not ${scheme}://.`;
  const authority = text.slice(scheme.length + 3).split(/[/?#]/, 1)[0] ?? '';
  if (authority.includes('@')) return 'Put the user name and password in the fields below, not in the URL.';
  const port = /^(?:\[[^\]]*\]|[^:]*)(?::(.*))?$/.exec(authority)?.[1];
  if (port !== undefined && (!/^\d{1,5}$/.test(port) || Number(port) < 1 || Number(port) > 65535)) {
    return `The port must be a number from 1 to 65535${port ? `, not "${port}"` : ''}.`;
  }
  const host = authority.replace(/:\d*$/, '');
  if (!host) return 'The URL has no host.';
  try {
    const url = new URL(text);
    if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash)
      return 'Remove the path: a proxy URL is a scheme, a host and a port.';
  } catch {
    return `"${host}" is not a valid host name or address.`;
  }
  return undefined;
}

export function proxyProblems(form: FormState): ProxyProblems {
  if (form.proxyMode !== 'custom') return {};
  const url = proxyUrlProblem(form.proxyUrl);
  const username = /[:\r\n]/.test(form.proxyUsername)
    ? 'A user name cannot contain ":".'
    : form.proxyPassword && !form.proxyUsername.trim()
      ? 'Enter the user name that goes with the password.'
      : undefined;
  return { ...(url ? { url } : {}), ...(username ? { username } : {}) };
}
