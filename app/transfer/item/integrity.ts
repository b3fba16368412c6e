/**
 * What an ETag proves. A plain 32-hex ETag of a single-part object is the MD5
 * of its bytes; a multipart ETag is `md5(md5(part1) ‖ … ‖ md5(partN))-N`.
 * Ferry computes both from the bytes it read and compares them with what the
 * destination reports: a mismatch fails the item, it never passes silently.
 */
import { createHash } from 'node:crypto';
import { FerryError } from '../../api/errors.js';

export function normalizeEtag(etag: string | undefined): string | undefined {
  return etag?.replace(/^W\//, '').replace(/"/g, '').toLowerCase();
}

export function isPlainMd5(etag: string | undefined): boolean {
  return /^[0-9a-f]{32}$/.test(normalizeEtag(etag) ?? '');
}

/** The part count of a multipart ETag, or undefined for any other shape. */
export function multipartEtagParts(etag: string | undefined): number | undefined {
  const m = /^[0-9a-f]{32}-(\d+)$/.exec(normalizeEtag(etag) ?? '');
  return m ? Number(m[1]) : undefined;
}

export function compositeEtag(partMd5Hex: string[]): string {
  const h = createHash('md5');
  for (const hex of partMd5Hex) h.update(Buffer.from(hex, 'hex'));
  return `${h.digest('hex')}-${partMd5Hex.length}`;
}

export function md5Base64(hex: string): string {
  return Buffer.from(hex, 'hex').toString('base64');
}

/**
 * How an item's written bytes were checked, strongest first. 'crc32': every
 * byte against the object's full-object CRC32 (item/checksums.ts); 'none':
 * nothing was written to check (a sync's delete).
 */
export type HashCheck = 'md5' | 'crc32' | 'multipart-etag' | 'source-etag' | 'parts' | 'size' | 'none';

/**
 * Checks a completed multipart write: a composite ETag must equal the one
 * computed from the parts' MD5s; a plain one (some servers hash the whole
 * object) must equal the whole object's MD5 when Ferry knows it. Returns how
 * strongly it could check; throws on a mismatch.
 */
export function checkMultipartEtag(
  reported: string | undefined,
  partMd5Hex: string[],
  wholeMd5: string | undefined,
  where: { bucket: string; key: string },
): HashCheck {
  const etag = normalizeEtag(reported);
  if (multipartEtagParts(etag) !== undefined) {
    const expected = compositeEtag(partMd5Hex);
    if (etag !== expected) throw mismatch(etag, expected, where);
    return 'multipart-etag';
  }
  if (isPlainMd5(etag) && wholeMd5) {
    if (etag !== wholeMd5) throw mismatch(etag, wholeMd5, where);
    return 'source-etag';
  }
  return 'parts';
}

export function checkPlainEtag(reported: string | undefined, md5: string, where: { bucket: string; key: string }): HashCheck {
  const etag = normalizeEtag(reported);
  if (!isPlainMd5(etag)) return 'size';
  if (etag !== md5) throw mismatch(etag, md5, where);
  return 'md5';
}

export function mismatch(reported: string | undefined, expected: string, where: Record<string, string>): FerryError {
  return new FerryError(
    'server',
    `Integrity check failed for ${where.key ?? where.path ?? 'an item'}: the destination reports ${reported ?? 'nothing'}, the bytes read hash to ${expected}.`,
    { details: { ...where, reported: reported ?? '', expected, failedCheck: 'hash' } },
  );
}

export function sizeMismatch(actual: number, expected: number, where: Record<string, string>): FerryError {
  return new FerryError(
    'server',
    `Size check failed for ${where.key ?? where.path ?? 'an item'}: the destination holds ${actual} bytes, ${expected} were read.`,
    { details: { ...where, actual, expected, failedCheck: 'size' } },
  );
}

/** True for a write the server accepted but whose bytes did not check out (hash, size or part count). */
export function isIntegrityFailure(err: unknown): boolean {
  return err instanceof FerryError && ['hash', 'size', 'parts', 'crc'].includes(String(err.details?.failedCheck));
}
