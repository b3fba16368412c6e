/**
 * `GET /preview?item=<json>&offset=N&length=M`: a slice of one object for
 * the preview panel, read by the core with the connection's keys (the page
 * never gets a presigned URL or a key). The request guard has checked the
 * token, Host and Origin already. The answer is typed by what Ferry sniffed,
 * never by the server's claim, and is sandboxed: even an SVG opened on its
 * own cannot run a script.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { itemRefSchema } from '../api/schemas.js';
import { toFerryError } from '../core/error-mapping.js';
import type { FerryCore } from '../core/ferry-core.js';
import { TEXT_CAP } from '../preview/preview-read.js';
import { typesAgree } from '../preview/sniff.js';

export function isPreviewRequest(req: IncomingMessage): boolean {
  return new URL(req.url ?? '/', 'http://placeholder').pathname === '/preview';
}

/** Only types a browser shows inertly; anything else goes as bytes. */
function servedType(sniffed: string): string {
  if (sniffed.startsWith('image/')) return sniffed;
  if (sniffed.startsWith('text/') || sniffed === 'application/json') return 'text/plain; charset=utf-8';
  return 'application/octet-stream';
}

function headerValue(text: string): string {
  return encodeURIComponent(text).slice(0, 200);
}

export async function handlePreview(req: IncomingMessage, res: ServerResponse, core: FerryCore): Promise<void> {
  const params = new URL(req.url ?? '/', 'http://placeholder').searchParams;
  let raw: unknown;
  try {
    raw = JSON.parse(params.get('item') ?? '');
  } catch {
    raw = undefined;
  }
  const parsed = itemRefSchema.safeParse(raw);
  const offset = Number(params.get('offset') ?? '0');
  const length = Number(params.get('length') ?? String(TEXT_CAP));
  if (!parsed.success) {
    res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end('A preview needs a valid item.\n');
    return;
  }
  const abort = new AbortController();
  res.on('close', () => abort.abort());
  try {
    const slice = await core.readPreview(parsed.data, { offset, length }, abort.signal);
    res.writeHead(200, {
      'content-type': servedType(slice.sniffed.type),
      'content-length': String(slice.bytes.length),
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox",
      'x-ferry-size': String(slice.size),
      'x-ferry-offset': String(slice.offset),
      'x-ferry-sniffed': slice.sniffed.type,
      'x-ferry-kind': slice.sniffed.kind,
      'x-ferry-claimed': headerValue(slice.claimed),
      'x-ferry-agree': typesAgree(slice.claimed, slice.sniffed.type) ? 'yes' : 'no',
    });
    res.end(slice.bytes);
  } catch (err) {
    const e = toFerryError(err).toData();
    const status = e.code === 'not-found' ? 404 : e.code === 'invalid-arguments' ? 400 : 502;
    res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' }).end(`${core.redact(e.message)}\n`);
  }
}
