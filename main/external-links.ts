/**
 * The only web pages Ferry ever opens in the user's browser: its own site,
 * documentation and issue tracker, over https. A link a page, a server's
 * error text or a crafted object tries to open is refused, because
 * `shell.openExternal` hands the URL to whatever the OS registered for it.
 */
import { shell } from 'electron';

export const FERRY_LINKS = {
  website: 'https://ferry.dev/',
  documentation: 'https://ferry.dev/docs/',
  issues: 'https://github.com/ferry-dev/ferry/issues',
} as const;

const ALLOWED_PREFIXES: readonly string[] = Object.values(FERRY_LINKS);

export function isAllowedExternalUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' || url.username || url.password || url.port) return false;
  const normalized = url.toString();
  return ALLOWED_PREFIXES.some((prefix) => {
    const base = new URL(prefix);
    if (url.host !== base.host) return false;
    return normalized === prefix || normalized.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`);
  });
}

/** Opens an allow-listed link; returns false (and opens nothing) for anything else. */
export function openExternalSafely(raw: string): boolean {
  if (!isAllowedExternalUrl(raw)) return false;
  void shell.openExternal(raw);
  return true;
}
