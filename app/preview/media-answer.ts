/**
 * Audio and video previews play straight from the bucket: an <audio> or
 * <video> element asks `/preview/media?item=…` with HTTP Range headers, and
 * each answer is one ranged GET of at most MEDIA_CHUNK bytes (a 206 with its
 * Content-Range), so seeking works and a 4 GB film never passes through
 * memory whole; the element simply asks for the next piece. Both shells
 * (serve mode's route, the desktop's app://ferry/preview/media) answer with
 * this (app/preview/player-answer.ts picks it for what Ferry sniffed as
 * audio or video).
 */
import type { ItemRef } from '../api/types.js';
import type { PreviewSlice, SliceRequest } from './preview-read.js';

/** The most one answer carries; players ask again for the rest. */
export const MEDIA_CHUNK = 1024 * 1024;
/** Enough of the start of a file to recognise its format. */
export const SNIFF_BYTES = 64;

export type ReadSlice = (item: ItemRef, range: SliceRequest, signal: AbortSignal) => Promise<PreviewSlice>;

export interface MediaAnswer {
  status: 206 | 416;
  headers: Record<string, string>;
  body: Buffer;
}

/** A single byte range (`bytes=a-b`, `bytes=a-`, `bytes=-n`) within `size`; null when unsatisfiable. */
export function byteRange(header: string | undefined, size: number): { start: number; end: number } | null {
  const m = /^bytes=(\d*)-(\d*)$/.exec((header ?? 'bytes=0-').trim());
  if (!m || (m[1] === '' && m[2] === '')) return null;
  let start: number;
  let end: number;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0) return null;
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  }
  if (!Number.isSafeInteger(start) || start >= size || end < start) return null;
  return { start, end };
}

const sandbox = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'none'; sandbox",
};

/** `head` is the file's first bytes, already read (and sniffed as audio or video) by the caller. */
export async function mediaAnswer(
  read: ReadSlice,
  item: ItemRef,
  head: PreviewSlice,
  rangeHeader: string | undefined,
  signal: AbortSignal,
): Promise<MediaAnswer> {
  const range = byteRange(rangeHeader, head.size);
  if (!range) return { status: 416, headers: { ...sandbox, 'content-range': `bytes */${head.size}` }, body: Buffer.alloc(0) };
  const end = Math.min(range.end, range.start + MEDIA_CHUNK - 1);
  const slice =
    range.start === 0 && end < head.bytes.length ? head : await read(item, { offset: range.start, length: end - range.start + 1 }, signal);
  const body = slice.bytes.subarray(0, end - range.start + 1);
  return {
    status: 206,
    headers: {
      ...sandbox,
      'content-type': head.sniffed.type,
      'accept-ranges': 'bytes',
      'content-range': `bytes ${range.start}-${range.start + body.length - 1}/${head.size}`,
      'content-length': String(body.length),
    },
    body,
  };
}
