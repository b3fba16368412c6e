/**
 * Which proxy, if any, a connection's requests go through. A connection's
 * own proxy setting wins; otherwise the environment (HTTPS_PROXY for https
 * endpoints, HTTP_PROXY for http ones, each upper or lower case, ALL_PROXY
 * after them), unless NO_PROXY names the host: `*`, a host name or domain
 * (`example.com` and `.example.com` both cover its subdomains), an address,
 * a CIDR block (`10.0.0.0/8`, `fd00::/8`), each optionally with `:port`.
 * The desktop shell may pass the system's proxy in the same shape.
 */
import { BlockList, isIP } from 'node:net';
import { FerryError } from '../../api/errors.js';

/** Where a proxy came from, for the messages that name it. */
export type ProxySource = 'connection' | 'HTTPS_PROXY' | 'HTTP_PROXY' | 'ALL_PROXY' | 'system';

export interface ProxyChoice {
  /** The proxy's URL without credentials: safe to show. */
  url: URL;
  source: ProxySource;
  auth?: { username: string; password: string };
}

/**
 * A connection's own proxy: a URL (no credentials in it), the user name and
 * the password kept as a secret; or 'direct', which ignores the environment.
 */
export type ProxySetting = { url: string; username?: string; password?: string } | 'direct';

export type ProxyEnv = Record<string, string | undefined>;

function envValue(env: ProxyEnv, name: string): string | undefined {
  const value = env[name] ?? env[name.toLowerCase()];
  return value?.trim() ? value.trim() : undefined;
}

/** Parses a proxy URL (a bare `host:port` means http); credentials in it are taken out of the URL. */
export function parseProxyUrl(raw: string, source: ProxySource, password?: string, user?: string): ProxyChoice {
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`);
  } catch {
    throw new FerryError('invalid-arguments', `The proxy from ${source} is not a URL.`, { details: { field: 'proxy' } });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new FerryError('invalid-arguments', `The proxy from ${source} must be http:// or https://, not ${url.protocol}//.`, {
      details: { field: 'proxy' },
    });
  }
  const username = user ?? decodeURIComponent(url.username);
  const pass = password ?? decodeURIComponent(url.password);
  url.username = '';
  url.password = '';
  return { url, source, ...(username || pass ? { auth: { username, password: pass } } : {}) };
}

function bareHost(host: string): string {
  return host.replace(/^\[|\]$/g, '').toLowerCase();
}

/** True when NO_PROXY (a list of entries, comma or space separated) names this host and port. */
export function bypassesProxy(noProxy: string | undefined, hostname: string, port: number): boolean {
  if (!noProxy) return false;
  const host = bareHost(hostname);
  for (const raw of noProxy.split(/[\s,]+/)) {
    let entry = raw.trim().toLowerCase();
    if (!entry) continue;
    if (entry === '*') return true;
    let entryPort: number | undefined;
    const portMatch = /^(.*[^:]):(\d+)$/.exec(entry);
    // `host:port` or `[v6]:port`; a bare IPv6 address has colons too, but no brackets and no single trailing port.
    if (portMatch && (entry.startsWith('[') || !isIP(entry))) {
      entry = portMatch[1] ?? entry;
      entryPort = Number(portMatch[2]);
    }
    if (entryPort !== undefined && entryPort !== port) continue;
    entry = bareHost(entry);
    const slash = entry.indexOf('/');
    if (slash > 0) {
      const base = entry.slice(0, slash);
      const bits = Number(entry.slice(slash + 1));
      const family = isIP(base);
      if (family === 0 || isIP(host) !== family || !Number.isInteger(bits)) continue;
      const list = new BlockList();
      try {
        list.addSubnet(base, bits, family === 4 ? 'ipv4' : 'ipv6');
      } catch {
        continue;
      }
      if (list.check(host, family === 4 ? 'ipv4' : 'ipv6')) return true;
      continue;
    }
    const domain = entry.replace(/^\*?\./, '');
    if (host === domain || host.endsWith(`.${domain}`)) return true;
  }
  return false;
}

/** The proxy for requests to `endpoint`, or null for a direct connection. */
export function proxyFor(endpoint: URL, env: ProxyEnv, setting?: ProxySetting): ProxyChoice | null {
  if (setting === 'direct') return null;
  if (setting?.url) return parseProxyUrl(setting.url, 'connection', setting.password, setting.username);
  const https = endpoint.protocol === 'https:';
  const port = Number(endpoint.port) || (https ? 443 : 80);
  if (bypassesProxy(envValue(env, 'NO_PROXY'), endpoint.hostname, port)) return null;
  const name = https ? 'HTTPS_PROXY' : 'HTTP_PROXY';
  const raw = envValue(env, name);
  if (raw) return parseProxyUrl(raw, name);
  const all = envValue(env, 'ALL_PROXY');
  return all ? parseProxyUrl(all, 'ALL_PROXY') : null;
}

/** How a proxy is named in messages: its URL and where it came from, never its password. */
export function proxyName(choice: ProxyChoice): string {
  return `${choice.url.origin} (from ${choice.source === 'connection' ? "the connection's proxy setting" : choice.source})`;
}
