/**
 * The address bar's language: what a typed address means, or exactly what
 * about it was not understood. Forms:
 *   s3://bucket/prefix           on the pane's own connection
 *   NAME:bucket/prefix           a connection by its name, as on the command line
 *   https://… (provider URL)     AWS (virtual-hosted and path-style), R2, B2, GCS, Spaces, Wasabi,
 *                                or any connection's own endpoint
 *   /path, ~/path, C:\path       a local folder or file
 * A key that does not end in "/" may name an object or a folder; the caller
 * finds out which (see resolve-address.ts).
 */
import type { ConnectionSummary, Location } from '../../../app/api/types';
import { readProviderUrl } from './provider-urls';

export type Address = { kind: 'local'; path: string } | { kind: 's3'; connectionId: string; bucket: string; key: string };

export type Parsed = { ok: true; address: Address } | { ok: false; error: string };

export interface AddressContext {
  connections: readonly ConnectionSummary[];
  /** The pane's location: s3:// means its connection. */
  current: Location;
  homeDir: string;
}

const BUCKET = /^[A-Za-z0-9][A-Za-z0-9._-]{1,254}$/;

const fail = (error: string): Parsed => ({ ok: false, error });

function s3(connectionId: string, rest: string, shown: string): Parsed {
  const slash = rest.indexOf('/');
  const bucket = slash < 0 ? rest : rest.slice(0, slash);
  const key = slash < 0 ? '' : rest.slice(slash + 1);
  if (bucket && !BUCKET.test(bucket))
    return fail(`"${bucket}" in ${shown} is not a bucket name (letters, digits, dots and dashes, 3 to 255).`);
  if (!bucket && key) return fail(`${shown} has no bucket before "/${key}".`);
  if (new TextEncoder().encode(key).length > 1024) return fail(`The key in ${shown} is over 1,024 bytes, the most S3 allows.`);
  return { ok: true, address: { kind: 's3', connectionId, bucket, key } };
}

function localPath(text: string, homeDir: string): Parsed {
  let p = text;
  if (p === '~' || p.startsWith('~/')) p = homeDir.replace(/\/$/, '') + p.slice(1);
  const windows = /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\');
  if (!windows && !p.startsWith('/')) return fail(`"${text}" is not an absolute path.`);
  // A trailing separator names the same folder; the root keeps its own.
  if (p.length > 1 && /[\\/]$/.test(p) && !/^[A-Za-z]:[\\/]$/.test(p)) p = p.slice(0, -1);
  return { ok: true, address: { kind: 'local', path: p } };
}

function hostOf(endpoint: string): string | null {
  try {
    return new URL(endpoint).host.toLowerCase();
  } catch {
    return null;
  }
}

/** A URL on one of the user's own endpoints: path-style under it, or virtual-hosted as bucket.endpoint. */
function ownEndpoint(url: URL, ctx: AddressContext, shown: string): Parsed | null {
  const host = url.host.toLowerCase();
  const path = decodeURIComponent(url.pathname.replace(/^\//, ''));
  const ranked = [...ctx.connections].sort((a, b) => Number(b.id === paneConnection(ctx)) - Number(a.id === paneConnection(ctx)));
  for (const c of ranked) {
    const own = hostOf(c.endpoint);
    if (!own) continue;
    if (own === host) return s3(c.id, path, shown);
    if (host.endsWith(`.${own}`)) return s3(c.id, `${host.slice(0, -own.length - 1)}/${path}`, shown);
  }
  return null;
}

function paneConnection(ctx: AddressContext): string | null {
  return ctx.current.kind === 's3' ? ctx.current.connectionId : null;
}

function providerUrl(url: URL, ctx: AddressContext, shown: string): Parsed {
  const read = readProviderUrl(url);
  if (!read) return fail(`Ferry does not know the storage service at ${url.host}; add a connection for it first.`);
  if (!read.bucket) return fail(`${shown} names no bucket.`);
  const same = ctx.connections.filter((c) => c.providerId === read.providerId);
  const inRegion = read.region ? same.filter((c) => c.region === read.region) : same;
  const pick = [...inRegion, ...same].sort((a, b) => Number(b.id === paneConnection(ctx)) - Number(a.id === paneConnection(ctx)))[0];
  if (!pick) {
    const where = read.region ? ` (${read.region})` : '';
    return fail(`${shown} is on ${read.providerName}${where}, and no connection is set up for it. Add one first.`);
  }
  return s3(pick.id, `${read.bucket}/${read.key}`, shown);
}

export function parseAddress(typed: string, ctx: AddressContext): Parsed {
  const text = typed.trim();
  if (!text) return fail('Type an address: s3://bucket/prefix, NAME:bucket/prefix, a storage URL or a local path.');
  const shown = text.length > 60 ? `${text.slice(0, 57)}…` : text;
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(text)?.[1]?.toLowerCase();
  if (scheme === 's3') {
    const id = paneConnection(ctx) ?? (ctx.connections.length === 1 ? (ctx.connections[0]?.id ?? null) : null);
    if (!id) return fail("s3:// opens on the pane's connection, and this pane shows local files: write NAME:bucket/prefix instead.");
    return s3(id, text.slice('s3://'.length), shown);
  }
  if (scheme === 'gs') return providerUrl(new URL(`https://storage.googleapis.com/${text.slice('gs://'.length)}`), ctx, shown);
  if (scheme === 'http' || scheme === 'https') {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      return fail(`"${shown}" is not a well-formed URL.`);
    }
    return ownEndpoint(url, ctx, shown) ?? providerUrl(url, ctx, shown);
  }
  if (scheme)
    return fail(`Ferry does not open ${scheme}:// addresses; it reads s3://, http(s):// storage URLs, NAME:bucket/prefix and local paths.`);
  if (/^[A-Za-z]:[\\/]/.test(text) || text.startsWith('/') || text.startsWith('~') || text.startsWith('\\\\'))
    return localPath(text, ctx.homeDir);
  const colon = text.indexOf(':');
  if (colon > 0) {
    // Longest name first: a name may itself hold a colon.
    const byName = [...ctx.connections]
      .sort((a, b) => b.label.length - a.label.length)
      .find(
        (c) =>
          text.length > c.label.length &&
          text[c.label.length] === ':' &&
          text.slice(0, c.label.length).toLowerCase() === c.label.toLowerCase(),
      );
    if (byName) return s3(byName.id, text.slice(byName.label.length + 1).replace(/^\/+/, ''), shown);
    const names = ctx.connections.map((c) => c.label).join(', ');
    return fail(`No connection is named "${text.slice(0, colon)}"${names ? ` (there are: ${names})` : ''}.`);
  }
  return fail(`"${shown}" is not an address Ferry can read: start with s3://, NAME:, https:// or / (a local path).`);
}

/** A location written as the address bar shows it: the complete NAME:bucket/prefix form, or the local path. */
export function formatAddress(location: Location, connections: readonly ConnectionSummary[]): string {
  if (location.kind === 'local') return location.path;
  const label = connections.find((c) => c.id === location.connectionId)?.label ?? location.connectionId;
  return `${label}:${location.bucket}${location.bucket ? `/${location.prefix}` : ''}`;
}
