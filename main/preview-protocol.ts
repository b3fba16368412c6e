/**
 * `app://ferry/preview?item=<json>&offset=N&length=M`: the desktop's twin of
 * serve mode's /preview route (same path, so the page asks for `/preview` in
 * both shells), answered by the core with the connection's keys; the window
 * never holds a presigned URL or a key.
 */
import { toFerryError } from '../app/s3/requests/error-mapping.js';
import type { FerryCore } from '../app/core/ferry-core.js';
import { previewArgs, previewErrorStatus, previewHeaders } from '../app/preview/preview-answer.js';
import { playerAnswer } from '../app/preview/player-answer.js';
import { Readable } from 'node:stream';

export async function previewResponse(core: FerryCore, url: URL, signal: AbortSignal, range?: string): Promise<Response> {
  const args = previewArgs(url.searchParams);
  if (!args) return new Response('A preview needs a valid item.', { status: 400 });
  try {
    if (url.pathname === '/preview/media') {
      const media = await playerAnswer(core.readPreview, args.item, range, signal);
      if (Buffer.isBuffer(media.body)) {
        return new Response(media.status === 206 ? new Uint8Array(media.body) : null, { status: media.status, headers: media.headers });
      }
      // A PDF is streamed to the viewer a ranged read at a time, never held whole.
      const body = media.status === 416 ? null : (Readable.toWeb(Readable.from(media.body)) as ReadableStream<Uint8Array>);
      return new Response(body, { status: media.status, headers: media.headers });
    }
    const slice = await core.readPreview(args.item, args.range, signal);
    return new Response(new Uint8Array(slice.bytes), { headers: previewHeaders(slice) });
  } catch (err) {
    const e = toFerryError(err).toData();
    return new Response(core.redact(e.message), { status: previewErrorStatus(e.code) });
  }
}
