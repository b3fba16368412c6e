/**
 * What a preview's first bytes really are, from their magic numbers and
 * shape, never from the name or the server's Content-Type alone: a file
 * called photo.jpg holding HTML is shown as text, and the mismatch is said.
 */

export type PreviewKind = 'image' | 'svg' | 'json' | 'csv' | 'tsv' | 'markdown' | 'text' | 'pdf' | 'audio' | 'video' | 'binary';

export interface Sniffed {
  /** The media type the bytes look like. */
  type: string;
  kind: PreviewKind;
}

function startsWith(b: Uint8Array, sig: number[], at = 0): boolean {
  return sig.every((v, i) => b[at + i] === v);
}

const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

function binaryType(b: Uint8Array): string | null {
  if (startsWith(b, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(b, ascii('GIF87a')) || startsWith(b, ascii('GIF89a'))) return 'image/gif';
  if (startsWith(b, ascii('RIFF')) && startsWith(b, ascii('WEBP'), 8)) return 'image/webp';
  if (startsWith(b, ascii('ftypavif'), 4) || startsWith(b, ascii('ftypavis'), 4)) return 'image/avif';
  if (startsWith(b, ascii('%PDF-'))) return 'application/pdf';
  if (startsWith(b, [0x1a, 0x45, 0xdf, 0xa3])) return 'video/webm';
  if (startsWith(b, ascii('ftypM4A'), 4)) return 'audio/mp4';
  if (startsWith(b, ascii('ftyp'), 4)) return 'video/mp4';
  if (startsWith(b, ascii('RIFF')) && startsWith(b, ascii('WAVE'), 8)) return 'audio/wav';
  if (startsWith(b, ascii('fLaC'))) return 'audio/flac';
  if (startsWith(b, ascii('OggS'))) return 'audio/ogg';
  if (startsWith(b, ascii('ID3'))) return 'audio/mpeg';
  if (startsWith(b, [0x50, 0x4b, 0x03, 0x04])) return 'application/zip';
  if (startsWith(b, [0x1f, 0x8b])) return 'application/gzip';
  return null;
}

/** Text means: no NUL in the first 8 KiB and valid UTF-8 (a character cut at the end of the range is allowed). */
function isText(b: Uint8Array): boolean {
  const head = b.subarray(0, 8192);
  if (head.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(b.subarray(0, Math.max(0, b.length - 3)));
    return true;
  } catch {
    return false;
  }
}

function extension(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

function binaryKind(type: string): PreviewKind {
  const top = type.slice(0, type.indexOf('/'));
  if (top === 'image' || top === 'audio' || top === 'video') return top;
  return type === 'application/pdf' ? 'pdf' : 'binary';
}

export function sniff(bytes: Uint8Array, name: string): Sniffed {
  const bin = binaryType(bytes);
  if (bin) return { type: bin, kind: binaryKind(bin) };
  if (!isText(bytes)) return { type: 'application/octet-stream', kind: 'binary' };
  const text = new TextDecoder()
    .decode(bytes.subarray(0, 4096))
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (/^(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*(<!DOCTYPE svg[^>]*>\s*)?<svg[\s>]/i.test(text))
    return { type: 'image/svg+xml', kind: 'svg' };
  const ext = extension(name);
  if ((text.startsWith('{') || text.startsWith('[')) && ext !== 'csv' && ext !== 'tsv') return { type: 'application/json', kind: 'json' };
  if (ext === 'csv') return { type: 'text/csv', kind: 'csv' };
  if (ext === 'tsv' || ext === 'tab') return { type: 'text/tab-separated-values', kind: 'tsv' };
  if (ext === 'md' || ext === 'markdown') return { type: 'text/markdown', kind: 'markdown' };
  return { type: 'text/plain', kind: 'text' };
}

/** Claimed and sniffed agree when they name the same type, or the claim is only a generic one. */
export function typesAgree(claimed: string, sniffed: string): boolean {
  const c = claimed.split(';')[0]?.trim().toLowerCase() ?? '';
  if (c === '' || c === 'application/octet-stream' || c === 'binary/octet-stream') return true;
  if (c === sniffed) return true;
  // Any text claim fits text-shaped content (a .log served as text/x-log, CSV as text/plain).
  return c.startsWith('text/') && (sniffed.startsWith('text/') || sniffed === 'application/json');
}
