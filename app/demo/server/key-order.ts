/**
 * S3 lists keys in the order of their UTF-8 bytes. JavaScript compares
 * strings by UTF-16 code units, which puts a key with a character beyond
 * U+FFFF before one with U+E000–U+FFFF; comparing code points gives the
 * byte order without encoding every key.
 */
export function compareKeys(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // Only a surrogate against U+E000–U+FFFF disagrees with code-unit order.
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    if (xs !== ys) return xs ? 1 : -1;
    return x < y ? -1 : 1;
  }
  return a.length - b.length;
}

/** The index of the first key in `sorted` that is greater than `after` (or ≥ `from` when inclusive). */
export function firstIndexAfter(sorted: readonly string[], bound: string, inclusive: boolean): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const c = compareKeys(sorted[mid] ?? '', bound);
    if (c < 0 || (c === 0 && !inclusive)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
