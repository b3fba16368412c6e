/**
 * Ferry's UI is served from `app://ferry/`, a privileged scheme of its own,
 * instead of `file://`: a file URL would let the page read any file its
 * origin can name, while this scheme answers only for files inside the built
 * renderer folder, and sends the Content-Security-Policy with every page.
 */
import { protocol } from 'electron';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

export const APP_SCHEME = 'app';
export const APP_HOST = 'ferry';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const RENDERER_URL = `${APP_ORIGIN}/index.html`;

/**
 * The page's only sources are its own origin. Styles may be inline (React
 * sets style attributes); images may be data: or blob: (previews, icons).
 * Frames may load only the preview route, where the built-in viewer shows a
 * PDF (that answer carries its own sandbox).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  // One frame only: the PDF preview, whose answer is sandboxed itself.
  `frame-src ${APP_ORIGIN}/preview/media`,
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/**
 * Must run before the app is ready: the scheme is standard (relative URLs
 * work) and secure (like https); `stream` lets players and the PDF viewer
 * read previews by range as they would over https.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true, stream: true } },
  ]);
}

/**
 * The file an `app://` URL stands for, or null when it names anything
 * outside `root` (a `..` segment, an encoded one, a backslash, another host).
 */
export function resolveAppFile(root: string, requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  const relative = pathname === '/' ? 'index.html' : pathname.replace(/^\/+/, '');
  const resolvedRoot = path.resolve(root);
  const file = path.resolve(resolvedRoot, relative);
  if (file !== resolvedRoot && !file.startsWith(resolvedRoot + path.sep)) return null;
  return file;
}

export async function appResponse(root: string, requestUrl: string): Promise<Response> {
  const file = resolveAppFile(root, requestUrl);
  if (!file) return new Response('Not found', { status: 404 });
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch {
    return new Response('Not found', { status: 404 });
  }
  const type = CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
  return new Response(new Uint8Array(body), {
    headers: {
      'content-type': type,
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-cache',
    },
  });
}

/** A reader for `app://ferry/preview?…`: the preview panel's capped slices, answered by the core. */
export type PreviewAnswer = (url: URL, signal: AbortSignal, range: string | undefined) => Promise<Response>;

export function handleAppScheme(root: string, preview?: PreviewAnswer): void {
  protocol.handle(APP_SCHEME, (request) => {
    const url = new URL(request.url);
    const previews = url.pathname === '/preview' || url.pathname === '/preview/media';
    if (preview && url.host === APP_HOST && previews) return preview(url, request.signal, request.headers.get('range') ?? undefined);
    return appResponse(root, request.url);
  });
}
