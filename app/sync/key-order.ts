/**
 * S3 lists keys in the byte order of their UTF-8 encoding. JavaScript's `<`
 * compares UTF-16 code units, which disagrees for characters above U+FFFF
 * against U+E000–U+FFFF; every merge of two listings uses this order instead.
 */
export function compareKeys(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return utf8Rank(x) - utf8Rank(y);
  }
  return a.length - b.length;
}

/**
 * A UTF-16 code unit's place in UTF-8 byte order: the two orders agree except
 * that surrogates (characters above U+FFFF, four bytes in UTF-8) sort after
 * U+E000–U+FFFF, so those move down and surrogates up, each group in order.
 */
function utf8Rank(unit: number): number {
  if (unit >= 0xe000) return unit - 0x800;
  if (unit >= 0xd800) return unit + 0x2000;
  return unit;
}

/** A listing that goes backwards would make the merge call keys missing that are there: refuse it. */
export class OutOfOrderError extends Error {
  constructor(
    readonly side: string,
    readonly previous: string,
    readonly key: string,
  ) {
    super(`The ${side} listing is not in key order ("${key}" came after "${previous}"); a compare needs both sides in S3 byte order.`);
  }
}
