/**
 * `ferry://download?item=<json>` streams one object from the core. Dragging
 * a row out of the window carries this URL as Chromium's DownloadURL, so the
 * drop on the desktop downloads the object while the same drag still works
 * between Ferry's own panes (a native startDrag would need the file on disk
 * before the drag begins, and would turn every in-window drop into an upload).
 */
import { protocol } from 'electron';
import { Readable } from 'node:stream';
import { itemRefSchema } from '../app/api/schemas.js';
import { toFerryError } from '../app/core/error-mapping.js';
import type { FerryCore } from '../app/core/ferry-core.js';
import { previewResponse } from './preview-protocol.js';

export const DOWNLOAD_SCHEME = 'ferry';

/** Must run before the app is ready. */
export function registerDownloadScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: DOWNLOAD_SCHEME, privileges: { standard: true, secure: true, stream: true, supportFetchAPI: true } },
  ]);
}

export function handleDownloadScheme(core: FerryCore): void {
  protocol.handle(DOWNLOAD_SCHEME, async (request) => {
    const url = new URL(request.url);
    // The preview panel reads capped slices through the same scheme (main/preview-protocol.ts).
    if (url.hostname === 'preview') return previewResponse(core, url, request.signal);
    let raw: unknown;
    try {
      raw = JSON.parse(url.searchParams.get('item') ?? '');
    } catch {
      raw = undefined;
    }
    const parsed = itemRefSchema.safeParse(raw);
    if (url.hostname !== 'download' || !parsed.success) return new Response('Not found', { status: 404 });
    try {
      const item = await core.readItem(parsed.data, request.signal);
      return new Response(Readable.toWeb(item.body) as ReadableStream, {
        headers: { 'content-type': item.contentType, 'content-length': String(item.size) },
      });
    } catch (err) {
      return new Response(core.redact(toFerryError(err).message), { status: 502 });
    }
  });
}
