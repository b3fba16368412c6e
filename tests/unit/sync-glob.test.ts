import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { globToRegExp, GlobError, makeFilter } from '../../app/sync/glob';
import { compareKeys } from '../../app/sync/key-order';

describe('include/exclude globs', () => {
  const m = (p: string, k: string) => globToRegExp(p).test(k);
  it('* stays within a segment, ** crosses them, ? is one character', () => {
    expect(m('*.jpg', 'a.jpg')).toBe(true);
    expect(m('*.jpg', 'x/y/a.jpg')).toBe(true);
    expect(m('/*.jpg', 'x/a.jpg')).toBe(false);
    expect(m('/*.jpg', 'a.jpg')).toBe(true);
    expect(m('/x/**', 'x/y/z.txt')).toBe(true);
    expect(m('/x/*', 'x/y/z.txt')).toBe(false);
    expect(m('a?c', 'abc')).toBe(true);
    expect(m('a?c', 'a/c')).toBe(false);
    expect(m('logs/', 'top/logs/2024/a.log')).toBe(true);
  });
  it('character classes, negated classes and escapes', () => {
    expect(m('file[0-9].txt', 'file7.txt')).toBe(true);
    expect(m('file[0-9].txt', 'fileA.txt')).toBe(false);
    expect(m('file[!0-9].txt', 'fileA.txt')).toBe(true);
    expect(m('a\\*b', 'a*b')).toBe(true);
    expect(m('a\\*b', 'axb')).toBe(false);
    expect(m('a.b', 'axb')).toBe(false);
    expect(() => globToRegExp('file[0-9')).toThrow(GlobError);
  });
  it('excludes win over includes; any include narrows to its matches', () => {
    const f = makeFilter({ include: ['*.txt'], exclude: ['secret/**'] });
    expect(f?.('a.txt')).toBe(true);
    expect(f?.('a.bin')).toBe(false);
    expect(f?.('secret/a.txt')).toBe(false);
    expect(makeFilter({})).toBeUndefined();
  });
});

describe('key order', () => {
  it('is UTF-8 byte order, not UTF-16 code units', () => {
    // U+1F600 is a surrogate pair (D83D…) in UTF-16, below U+FF5E there; in UTF-8 it is F0…, above EF….
    expect('\u{1F600}' < '\uFF5E').toBe(true);
    expect(compareKeys('\u{1F600}', '\uFF5E')).toBeGreaterThan(0);
    expect(compareKeys('a-b', 'a/b')).toBeLessThan(0);
  });

  it('agrees with comparing the UTF-8 bytes, for any two strings', () => {
    const pool = ['', 'a', 'a/', 'a-b', 'é', '\u{1F600}', '\uFF5E', '\uE000', '\uD7FF', '\u0800', 'z\u{10FFFF}', 'ab', 'abc'];
    for (const x of pool)
      for (const y of pool) {
        const bytes = Math.sign(Buffer.compare(Buffer.from(x), Buffer.from(y)));
        expect([x, y, Math.sign(compareKeys(x, y))]).toEqual([x, y, bytes]);
      }
    // Any code points at all (lone surrogates aside: a key is valid UTF-8).
    const text = fc.string({ unit: 'binary', maxLength: 8 });
    fc.assert(
      fc.property(text, text, (x, y) => Math.sign(compareKeys(x, y)) === Math.sign(Buffer.compare(Buffer.from(x), Buffer.from(y)))),
      { numRuns: 2000 },
    );
  });
});
