/**
 * `GET /download?item=<json>`: one object streamed to the browser as a file
 * download. The item is validated with the contract's own schema, and the
 * request guard has already checked token, Host and Origin.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { itemRefSchema } from '../api/schemas.js';
import { toFerryError } from '../s3/requests/error-mapping.js';
import type { FerryCore } from '../core/ferry-core.js';

export function isDownloadRequest(req: IncomingMessage): boolean {
  return new URL(req.url ?? '/', 'http://placeholder').pathname === '/download';
}

/** RFC 6266: an ASCII fallback plus the exact UTF-8 name. */
function disposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export async function handleDownload(req: IncomingMessage, res: ServerResponse, core: FerryCore): Promise<void> {
  let raw: unknown;
  try {
    raw = JSON.parse(new URL(req.url ?? '/', 'http://placeholder').searchParams.get('item') ?? '');
  } catch {
    raw = undefined;
  }
  const parsed = itemRefSchema.safeParse(raw);
  if (!parsed.success) {
    res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end('A download needs a valid item.\n');
    return;
  }
  const abort = new AbortController();
  res.on('close', () => abort.abort());
  try {
    const item = await core.readItem(parsed.data, abort.signal);
    res.writeHead(200, {
      'content-type': item.contentType,
      'content-length': String(item.size),
      'content-disposition': disposition(item.name),
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
    await pipeline(item.body, res);
  } catch (err) {
    if (!res.headersSent) {
      const e = toFerryError(err).toData();
      res
        .writeHead(e.code === 'not-found' ? 404 : e.code === 'unsafe-path' ? 403 : 502, { 'content-type': 'text/plain; charset=utf-8' })
        .end(`${core.redact(e.message)}\n`);
    } else res.destroy();
  }
}
