/**
 * Who may talk to a serve-mode Ferry. The token (random per start) must come
 * with every request, either in the URL or in the cookie set when the page is
 * first opened; the Host must be the loopback address and port Ferry bound,
 * which defeats DNS rebinding; and a request carrying an Origin must come from
 * Ferry's own page, which stops other sites in the same browser.
 */
import { timingSafeEqual } from 'node:crypto';

export const TOKEN_COOKIE = 'ferry_token';

export interface GuardInput {
  host: string | undefined;
  origin: string | undefined;
  url: string;
  cookie: string | undefined;
}

export type GuardVerdict = { allowed: true; tokenFromUrl: boolean } | { allowed: false; status: 401 | 403; reason: string };

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

export function checkRequest(input: GuardInput, token: string, port: number): GuardVerdict {
  const hosts = allowedHosts(port);
  if (!input.host || !hosts.includes(input.host.toLowerCase())) {
    return { allowed: false, status: 403, reason: 'Host not allowed' };
  }
  if (input.origin !== undefined && !hosts.map((h) => `http://${h}`).includes(input.origin.toLowerCase())) {
    return { allowed: false, status: 403, reason: 'Origin not allowed' };
  }
  const urlToken = new URL(input.url, 'http://placeholder').searchParams.get('token');
  if (urlToken !== null && sameSecret(urlToken, token)) return { allowed: true, tokenFromUrl: true };
  const cookieToken = cookieValue(input.cookie, TOKEN_COOKIE);
  if (cookieToken !== undefined && sameSecret(cookieToken, token)) return { allowed: true, tokenFromUrl: false };
  return { allowed: false, status: 401, reason: 'A valid token is required' };
}
