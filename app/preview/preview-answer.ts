/**
 * How both shells answer a preview request (serve mode's /preview route, the
 * desktop's ferry://preview): the arguments checked with the contract's own
 * schema, and the slice typed by what Ferry sniffed, never by the server's
 * claim, with a sandbox so that even an SVG opened on its own runs nothing.
 */
import { itemRefSchema } from '../api/schemas.js';
import type { ItemRef } from '../api/types.js';
import { TEXT_CAP, type PreviewSlice, type SliceRequest } from './preview-read.js';
import { typesAgree } from './sniff.js';

export function previewArgs(params: URLSearchParams): { item: ItemRef; range: SliceRequest } | null {
  let raw: unknown;
  try {
    raw = JSON.parse(params.get('item') ?? '');
  } catch {
    raw = undefined;
  }
  const parsed = itemRefSchema.safeParse(raw);
  if (!parsed.success) return null;
  return {
    item: parsed.data,
    range: { offset: Number(params.get('offset') ?? '0'), length: Number(params.get('length') ?? String(TEXT_CAP)) },
  };
}

/** Only types a browser shows inertly; anything else goes as bytes. */
function servedType(sniffed: string): string {
  if (sniffed.startsWith('image/')) return sniffed;
  if (sniffed.startsWith('text/') || sniffed === 'application/json') return 'text/plain; charset=utf-8';
  return 'application/octet-stream';
}

export function previewHeaders(slice: PreviewSlice): Record<string, string> {
  return {
    'content-type': servedType(slice.sniffed.type),
    'content-length': String(slice.bytes.length),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox",
    'x-ferry-size': String(slice.size),
    'x-ferry-offset': String(slice.offset),
    'x-ferry-sniffed': slice.sniffed.type,
    'x-ferry-kind': slice.sniffed.kind,
    'x-ferry-claimed': encodeURIComponent(slice.claimed).slice(0, 200),
    'x-ferry-agree': typesAgree(slice.claimed, slice.sniffed.type) ? 'yes' : 'no',
  };
}

export function previewErrorStatus(code: string): number {
  return code === 'not-found' ? 404 : code === 'invalid-arguments' ? 400 : 502;
}
