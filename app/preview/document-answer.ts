/**
 * PDF previews: the window's built-in viewer (Chromium's, Electron's) opens
 * `/preview/media?item=…` in a frame and asks for the document with or
 * without HTTP Range. Each answer is the exact bytes asked for, read from the
 * bucket one ranged GET of at most MEDIA_CHUNK at a time and streamed, so a
 * 2 GB PDF never sits in memory whole, and a viewer that reads a linearized
 * file by ranges costs only those ranges. The answer is inert as a page of
 * its own: sandboxed, no sources, framed only by Ferry's own page.
 */
import type { ItemRef } from '../api/types.js';
import type { PreviewSlice } from './preview-read.js';
import { byteRange, MEDIA_CHUNK, type ReadSlice } from './media-answer.js';

export interface StreamAnswer {
  status: 200 | 206 | 416;
  headers: Record<string, string>;
  body: AsyncIterable<Buffer>;
}

/** What makes a document answer inert wherever it is opened. */
export const DOCUMENT_HEADERS = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'none'; frame-ancestors 'self'; sandbox",
  'cross-origin-resource-policy': 'same-origin',
  'referrer-policy': 'no-referrer',
} as const;

/** RFC 6266's `filename*`, so the viewer's own Download button saves under the object's name. */
export function inlineDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  return `inline; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

async function* pieces(read: ReadSlice, item: ItemRef, head: PreviewSlice, start: number, end: number, signal: AbortSignal) {
  let at = start;
  while (at <= end) {
    const length = Math.min(MEDIA_CHUNK, end - at + 1);
    const slice = at === 0 && length <= head.bytes.length ? head : await read(item, { offset: at, length }, signal);
    const bytes = slice.bytes.subarray(0, length);
    // The object shrank under us: stop rather than send a body shorter than its Content-Length claims without end.
    if (bytes.length === 0) return;
    yield bytes;
    at += bytes.length;
  }
}

const empty: AsyncIterable<Buffer> = { [Symbol.asyncIterator]: () => ({ next: () => Promise.resolve({ done: true, value: undefined }) }) };

/** `head` is the document's first bytes, already read (and sniffed as a PDF) by the caller. */
export function pdfAnswer(
  read: ReadSlice,
  item: ItemRef,
  head: PreviewSlice,
  rangeHeader: string | undefined,
  signal: AbortSignal,
): StreamAnswer {
  const headers: Record<string, string> = {
    ...DOCUMENT_HEADERS,
    'content-type': 'application/pdf',
    'content-disposition': inlineDisposition(head.name),
    'accept-ranges': 'bytes',
  };
  if (rangeHeader === undefined || head.size === 0) {
    headers['content-length'] = String(head.size);
    return { status: 200, headers, body: head.size === 0 ? empty : pieces(read, item, head, 0, head.size - 1, signal) };
  }
  const range = byteRange(rangeHeader, head.size);
  if (!range) return { status: 416, headers: { ...DOCUMENT_HEADERS, 'content-range': `bytes */${head.size}` }, body: empty };
  headers['content-range'] = `bytes ${range.start}-${range.end}/${head.size}`;
  headers['content-length'] = String(range.end - range.start + 1);
  return { status: 206, headers, body: pieces(read, item, head, range.start, range.end, signal) };
}
