/**
 * S3 lists keys in the byte order of their UTF-8 encoding. JavaScript's `<`
 * compares UTF-16 code units, which disagrees for characters above U+FFFF
 * against U+E000–U+FFFF; every merge of two listings uses this order instead.
 */
export function compareKeys(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
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
