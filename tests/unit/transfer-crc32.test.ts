// CRC32 of a whole object rebuilt from the CRCs of its pieces: for any way of
// cutting random bytes into consecutive parts, joining the parts' CRCs must
// give exactly the CRC zlib computes over the whole, as S3 would.
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { crc32, crc32Base64, crc32Combine, crc32FromBase64, crc32Join } from '../../app/transfer/hash/crc32';

describe('CRC32 combine', () => {
  it('joins the CRCs of any part layout into the whole object CRC', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 4096 }), fc.array(fc.nat(4096), { maxLength: 12 }), (bytes, cuts) => {
        const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
        const bounds = [0, ...points, bytes.length];
        const pieces = [];
        for (let i = 0; i + 1 < bounds.length; i++) {
          const piece = bytes.subarray(bounds[i], bounds[i + 1]);
          pieces.push({ crc: crc32(piece), length: piece.length });
        }
        expect(crc32Join(pieces)).toBe(crc32(bytes));
      }),
      { numRuns: 300 },
    );
  });

  it('joins multi-megabyte parts of uneven sizes (the shape of a multipart upload)', () => {
    const whole = randomBytes(13 * 1024 * 1024 + 4321);
    const sizes = [5 * 1024 * 1024, 5 * 1024 * 1024, whole.length - 10 * 1024 * 1024];
    let at = 0;
    const pieces = sizes.map((n) => {
      const piece = whole.subarray(at, (at += n));
      return { crc: crc32(piece), length: n };
    });
    expect(crc32Join(pieces)).toBe(crc32(whole));
  });

  it('handles lengths beyond 4 GiB without reading them (x^(8n) by squaring)', () => {
    // CRC(A‖zeros(n)) equals zlib's CRC continued over n zero bytes; checked at a length that needs no 5 GiB buffer:
    // combining with a zero-byte run of length n must equal feeding the zeros in chunks.
    const chunk = Buffer.alloc(1024 * 1024);
    const a = crc32(Buffer.from('ferry'));
    let fed = a;
    for (let i = 0; i < 8; i++) fed = crc32(chunk, fed);
    const zerosCrc = crc32(Buffer.alloc(8 * 1024 * 1024));
    expect(crc32Combine(a, zerosCrc, 8 * 1024 * 1024)).toBe(fed);
    // A length above 2^32 must not wrap to a small one: the two results differ.
    expect(crc32Combine(a, 0, 2 ** 32 + 5)).not.toBe(crc32Combine(a, 0, 5));
  });

  it('spells a CRC as S3 does and reads it back; composites are not plain CRCs', () => {
    const value = crc32(Buffer.from('hello world'));
    // S3's x-amz-checksum-crc32 for "hello world".
    expect(crc32Base64(value)).toBe('DUoRhQ==');
    expect(crc32FromBase64('DUoRhQ==')).toBe(value);
    expect(crc32FromBase64('DUoRhQ==-3')).toBeUndefined();
    expect(crc32FromBase64(undefined)).toBeUndefined();
  });
});
