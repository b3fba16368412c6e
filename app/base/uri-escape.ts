/**
 * RFC 3986 percent-encoding: everything but the unreserved characters
 * (letters, digits, - . _ ~). encodeURIComponent leaves ! ' ( ) * alone,
 * which S3's signatures and key paths and the trash's info files all want
 * encoded.
 */
export function escapeUri(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** A '/'-separated path with each segment encoded and the '/' kept. */
export function escapePath(p: string): string {
  return p.split('/').map(escapeUri).join('/');
}
