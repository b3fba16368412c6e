/**
 * `/preview/media?item=…` in both shells: what the window's own players and
 * viewers open. The first bytes decide, never the name or the server's
 * Content-Type: audio and video are answered a piece at a time
 * (media-answer.ts), a PDF is streamed to the built-in viewer
 * (document-answer.ts), and anything else is refused, so this route can
 * never hand the page an HTML or SVG document.
 */
import { FerryError } from '../api/errors.js';
import type { ItemRef } from '../api/types.js';
import { pdfAnswer, type StreamAnswer } from './document-answer.js';
import { mediaAnswer, SNIFF_BYTES, type MediaAnswer, type ReadSlice } from './media-answer.js';

export async function playerAnswer(
  read: ReadSlice,
  item: ItemRef,
  rangeHeader: string | undefined,
  signal: AbortSignal,
): Promise<MediaAnswer | StreamAnswer> {
  const head = await read(item, { offset: 0, length: SNIFF_BYTES }, signal);
  const kind = head.sniffed.kind;
  if (kind === 'pdf') return pdfAnswer(read, item, head, rangeHeader, signal);
  if (kind === 'audio' || kind === 'video') return mediaAnswer(read, item, head, rangeHeader, signal);
  throw new FerryError('invalid-arguments', 'Only audio, video and PDF files open from here.', { details: { sniffed: head.sniffed.type } });
}
