/**
 * `GET /preview?item=<json>&offset=N&length=M`: a slice of one object for
 * the preview panel, read by the core with the connection's keys (the page
 * never gets a presigned URL or a key). The request guard has checked the
 * token, Host and Origin already; app/preview/preview-answer.ts says how
 * the slice is typed and sandboxed.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { toFerryError } from '../s3/requests/error-mapping.js';
import type { FerryCore } from '../core/ferry-core.js';
import { previewArgs, previewErrorStatus, previewHeaders } from '../preview/preview-answer.js';
import { playerAnswer } from '../preview/player-answer.js';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

const pathOf = (req: IncomingMessage) => new URL(req.url ?? '/', 'http://placeholder').pathname;

export function isPreviewRequest(req: IncomingMessage): boolean {
  return pathOf(req) === '/preview' || pathOf(req) === '/preview/media';
}

export async function handlePreview(req: IncomingMessage, res: ServerResponse, core: FerryCore): Promise<void> {
  const args = previewArgs(new URL(req.url ?? '/', 'http://placeholder').searchParams);
  if (!args) {
    res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end('A preview needs a valid item.\n');
    return;
  }
  const abort = new AbortController();
  res.on('close', () => abort.abort());
  try {
    if (pathOf(req) === '/preview/media') {
      const media = await playerAnswer(core.readPreview, args.item, req.headers.range, abort.signal);
      res.writeHead(media.status, media.headers);
      if (Buffer.isBuffer(media.body)) res.end(media.body);
      // Headers are gone once a stream starts, so a read failing midway can only cut the answer short (the viewer sees it).
      else await pipeline(Readable.from(media.body), res).catch(() => res.destroy());
      return;
    }
    const slice = await core.readPreview(args.item, args.range, abort.signal);
    res.writeHead(200, previewHeaders(slice)).end(slice.bytes);
  } catch (err) {
    const e = toFerryError(err).toData();
    res.writeHead(previewErrorStatus(e.code), { 'content-type': 'text/plain; charset=utf-8' }).end(`${core.redact(e.message)}\n`);
  }
}
