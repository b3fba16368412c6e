/**
 * The one byte range of a GET or HEAD: `bytes=a-b`, `bytes=a-` or the
 * suffix `bytes=-n`. Like S3, a header it cannot read (or several ranges)
 * is ignored and the whole object is served; a range that starts past the
 * end is unsatisfiable (416).
 */
import { S3Error } from './s3-error.js';

export interface ByteRange {
  start: number;
  /** Inclusive. */
  end: number;
}

export function parseRange(header: string | undefined, size: number): ByteRange | undefined {
  const m = /^bytes=(\d*)-(\d*)$/.exec((header ?? '').trim());
  if (!m || (m[1] === '' && m[2] === '')) return undefined;
  const unsatisfiable = () =>
    new S3Error('InvalidRange', 416, `The requested range is not satisfiable (the object has ${size} bytes).`, {
      'content-range': `bytes */${size}`,
    });
  if (m[1] === '') {
    const n = Number(m[2]);
    if (n === 0 || size === 0) throw unsatisfiable();
    return { start: Math.max(0, size - n), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Number(m[2]);
  if (m[2] !== '' && end < start) return undefined;
  if (start >= size) throw unsatisfiable();
  return { start, end: Math.min(end, size - 1) };
}
