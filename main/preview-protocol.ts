/**
 * `app://ferry/preview?item=<json>&offset=N&length=M`: the desktop's twin of
 * serve mode's /preview route (same path, so the page asks for `/preview` in
 * both shells), answered by the core with the connection's keys; the window
 * never holds a presigned URL or a key.
 */
import { toFerryError } from '../app/s3/requests/error-mapping.js';
import type { FerryCore } from '../app/core/ferry-core.js';
import { previewArgs, previewErrorStatus, previewHeaders } from '../app/preview/preview-answer.js';

export async function previewResponse(core: FerryCore, url: URL, signal: AbortSignal): Promise<Response> {
  const args = previewArgs(url.searchParams);
  if (!args) return new Response('A preview needs a valid item.', { status: 400 });
  try {
    const slice = await core.readPreview(args.item, args.range, signal);
    return new Response(new Uint8Array(slice.bytes), { headers: previewHeaders(slice) });
  } catch (err) {
    const e = toFerryError(err).toData();
    return new Response(core.redact(e.message), { status: previewErrorStatus(e.code) });
  }
}
