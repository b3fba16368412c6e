import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../app/api/connection-types';
import { checkMultipartEtag, checkPlainEtag, compositeEtag, isPlainMd5, multipartEtagParts } from '../../app/transfer/item/integrity';
import { md5Hex } from '../../app/transfer/hash/pool';
import { MiB, partCount, partRange, partSizeFor, resolveTuning } from '../../app/transfer/tuning';

describe('part sizes', () => {
  it('keeps the preferred size while it fits the part limit', () => {
    expect(partSizeFor(100 * MiB, 8 * MiB, DEFAULT_LIMITS)).toBe(8 * MiB);
  });

  it('never goes below the provider minimum', () => {
    expect(partSizeFor(100 * MiB, 1 * MiB, DEFAULT_LIMITS)).toBe(5 * MiB);
  });

  it('grows (in whole MiB) to stay within 10,000 parts, and within 1,000 on a provider that allows no more', () => {
    const size = 200 * 1024 * MiB; // 200 GiB
    const part = partSizeFor(size, 8 * MiB, DEFAULT_LIMITS);
    expect(part % MiB).toBe(0);
    expect(partCount(size, part)).toBeLessThanOrEqual(10_000);
    const scaleway = { ...DEFAULT_LIMITS, maxParts: 1000 };
    const bigger = partSizeFor(size, 8 * MiB, scaleway);
    expect(partCount(size, bigger)).toBeLessThanOrEqual(1000);
    expect(bigger).toBeGreaterThan(part);
  });

  it('refuses an object that cannot fit at all, naming the limits', () => {
    const tiny = { ...DEFAULT_LIMITS, maxParts: 2, maxPartBytes: 5 * MiB };
    expect(() => partSizeFor(11 * MiB, 5 * MiB, tiny)).toThrowError(/2 parts/);
  });

  it('splits an object into ranges that cover it exactly', () => {
    const size = 12 * MiB + 3;
    const ranges = Array.from({ length: partCount(size, 5 * MiB) }, (_, i) => partRange(i + 1, 5 * MiB, size));
    expect(ranges).toEqual([
      { start: 0, end: 5 * MiB },
      { start: 5 * MiB, end: 10 * MiB },
      { start: 10 * MiB, end: size },
    ]);
    expect(partCount(0, 5 * MiB)).toBe(1);
  });

  it('resolves tuning: the threshold follows the part size, memory holds at least one part, nonsense is refused', () => {
    const t = resolveTuning({ partSize: 16 * MiB, memoryBytes: 1 });
    expect(t.multipartThreshold).toBe(16 * MiB);
    expect(t.memoryBytes).toBe(16 * MiB);
    expect(() => resolveTuning({ partsInFlight: 0 })).toThrowError(/partsInFlight/);
  });

  it('holds 64 MiB of part buffers by default, and what parts in flight × part size need when those are asked for', () => {
    expect(resolveTuning().memoryBytes).toBe(64 * MiB);
    expect(resolveTuning({ partsInFlight: 16, partSize: 16 * MiB }).memoryBytes).toBe(256 * MiB);
    expect(resolveTuning({ partsInFlight: 32 }).memoryBytes).toBe(256 * MiB);
    // Asking for less than the default never shrinks it; memory asked for outright wins.
    expect(resolveTuning({ partsInFlight: 2 }).memoryBytes).toBe(64 * MiB);
    expect(resolveTuning({ partsInFlight: 16, partSize: 16 * MiB, memoryBytes: 32 * MiB }).memoryBytes).toBe(32 * MiB);
  });
});

describe('ETags', () => {
  const parts = [Buffer.from('a'.repeat(100)), Buffer.from('b'.repeat(50))];
  const md5s = parts.map((p) => md5Hex(p));

  it('builds the multipart ETag from the parts MD5s, as S3 does', () => {
    const composite = compositeEtag(md5s);
    expect(composite).toMatch(/^[0-9a-f]{32}-2$/);
    expect(multipartEtagParts(`"${composite}"`)).toBe(2);
    expect(isPlainMd5(`"${md5s[0]}"`)).toBe(true);
    expect(isPlainMd5(composite)).toBe(false);
  });

  it('passes a matching ETag and fails a wrong one loudly', () => {
    const where = { bucket: 'b', key: 'k' };
    expect(checkMultipartEtag(`"${compositeEtag(md5s)}"`, md5s, undefined, where)).toBe('multipart-etag');
    expect(() => checkMultipartEtag(`"${compositeEtag([md5s[1] as string, md5s[0] as string])}"`, md5s, undefined, where)).toThrowError(
      /Integrity check failed for k/,
    );
    const whole = md5Hex(Buffer.concat(parts));
    expect(checkMultipartEtag(`"${whole}"`, md5s, whole, where)).toBe('source-etag');
    expect(checkMultipartEtag(`"${whole}"`, md5s, undefined, where)).toBe('parts');
    expect(checkPlainEtag(`"${md5s[0]}"`, md5s[0] as string, where)).toBe('md5');
    expect(() => checkPlainEtag(`"${md5s[1]}"`, md5s[0] as string, where)).toThrowError(/Integrity/);
    expect(checkPlainEtag('"opaque-etag"', md5s[0] as string, where)).toBe('size');
  });
});
