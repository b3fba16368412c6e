/**
 * Reading a preview slice through the core: the serve-mode route in a
 * browser, the app:// scheme's /preview in the desktop app. The page never sees a
 * presigned URL or a key; the core reads with the connection's keys.
 */
import type { ItemRef } from '../../../../app/api/types';

/** What a text preview reads at a time; mirrors the core's cap. */
export const TEXT_SLICE = 256 * 1024;
/** The largest whole file (an image) a preview reads; mirrors the core's cap. */
export const WHOLE_LIMIT = 16 * 1024 * 1024;

export type PreviewKind = 'image' | 'svg' | 'json' | 'csv' | 'tsv' | 'markdown' | 'text' | 'pdf' | 'audio' | 'video' | 'binary';

export interface Slice {
  kind: PreviewKind;
  sniffed: string;
  claimed: string;
  agree: boolean;
  size: number;
  offset: number;
  bytes: Uint8Array;
}

/** The same path in both shells: serve mode's route, or the desktop's app://ferry/preview. */
export function previewUrl(item: ItemRef, offset: number, length: number): string {
  return `/preview?item=${encodeURIComponent(JSON.stringify(item))}&offset=${offset}&length=${length}`;
}

/** Audio and video play from here: the same checks, answering the element's Range requests a bounded piece at a time. */
export function mediaUrl(item: ItemRef): string {
  return `/preview/media?item=${encodeURIComponent(JSON.stringify(item))}`;
}

export async function fetchSlice(item: ItemRef, offset: number, length: number, signal?: AbortSignal): Promise<Slice> {
  const res = await fetch(previewUrl(item, offset, length), {
    credentials: 'same-origin',
    cache: 'no-store',
    ...(signal ? { signal } : {}),
  });
  if (!res.ok) throw new Error((await res.text()).trim() || `The preview failed (HTTP ${res.status}).`);
  const h = (name: string) => res.headers.get(name) ?? '';
  return {
    kind: (h('x-ferry-kind') || 'binary') as PreviewKind,
    sniffed: h('x-ferry-sniffed'),
    claimed: decodeURIComponent(h('x-ferry-claimed')),
    agree: h('x-ferry-agree') !== 'no',
    size: Number(h('x-ferry-size')),
    offset: Number(h('x-ferry-offset')),
    bytes: new Uint8Array(await res.arrayBuffer()),
  };
}
