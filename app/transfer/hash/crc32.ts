/**
 * CRC32 (the IEEE polynomial S3 calls CRC32) over bytes where they already
 * are, and the arithmetic that joins the CRCs of consecutive pieces into the
 * CRC of the whole without reading any byte again.
 *
 * Node's zlib.crc32 does a GiB in about a fifth of a second here, some seven
 * times less CPU than MD5, which is why Ferry checks a download by the
 * object's full-object CRC32 whenever the server keeps one. Parts and ranges
 * are checksummed as they pass (in parallel, in any order); their CRCs are
 * then combined in order: CRC(A‖B) = CRC(A)·x^(8·|B|) ⊕ CRC(B) in GF(2)[x]
 * modulo the polynomial, with x^(2^k) tabled so a length costs one product
 * per bit of it.
 */
import zlib from 'node:zlib';

/** The reflected CRC-32 polynomial. */
const POLY = 0xedb88320;

/** Node 20.15+ and 22.2+ have it; without it Ferry keeps to MD5. */
const native = (zlib as { crc32?: (data: Uint8Array, value?: number) => number }).crc32;

export const crc32Available = typeof native === 'function';

/** The CRC32 of `data`, continuing from `previous` (the CRC of the bytes before it). */
export function crc32(data: Uint8Array, previous = 0): number {
  if (!native) throw new Error('CRC32 is not available in this Node');
  return native(data, previous);
}

/** a·b modulo the polynomial, both in the reflected order (bit 31 is x^0). */
function multiply(a: number, b: number): number {
  let m = 0x80000000;
  let p = 0;
  for (;;) {
    if ((a & m) !== 0) {
      p ^= b;
      if ((a & (m - 1)) === 0) break;
    }
    m >>>= 1;
    b = b & 1 ? (b >>> 1) ^ POLY : b >>> 1;
  }
  return p >>> 0;
}

/** x^(2^k) modulo the polynomial for k = 0..31; x^(2^k) repeats with period 32 far beyond any object size. */
const X2N: number[] = (() => {
  const table: number[] = [];
  let p = 0x40000000; // x^1
  table.push(p);
  for (let k = 1; k < 32; k++) table.push((p = multiply(p, p)));
  return table;
})();

/** x^(n·2^k) modulo the polynomial; n may exceed 2^32 (lengths in bytes of objects up to S3's 5 TiB and beyond). */
function xPower(n: number, k: number): number {
  let p = 0x80000000; // x^0
  while (n > 0) {
    if (n % 2 === 1) p = multiply(X2N[k & 31] as number, p);
    n = Math.floor(n / 2);
    k++;
  }
  return p;
}

/** The CRC32 of A‖B from CRC(A), CRC(B) and the length of B in bytes. */
export function crc32Combine(crcA: number, crcB: number, lengthB: number): number {
  // Multiplying by x^(8·len) is x^(len·2^3).
  return (multiply(xPower(lengthB, 3), crcA) ^ crcB) >>> 0;
}

/** CRCs of consecutive pieces, in order, joined into the CRC of all of them. */
export function crc32Join(pieces: readonly { crc: number; length: number }[]): number {
  let crc = 0;
  for (const piece of pieces) crc = crc32Combine(crc, piece.crc, piece.length);
  return crc;
}

/** S3's spelling of a CRC32: its four bytes, most significant first, in base64. */
export function crc32Base64(crc: number): string {
  const b = Buffer.allocUnsafe(4);
  b.writeUInt32BE(crc >>> 0);
  return b.toString('base64');
}

/** The CRC in an S3 checksum header, or undefined when it is not one plain CRC32 (e.g. a composite `…-N`). */
export function crc32FromBase64(value: string | undefined): number | undefined {
  if (!value || !/^[A-Za-z0-9+/]{6}==$/.test(value)) return undefined;
  const b = Buffer.from(value, 'base64');
  return b.length === 4 ? b.readUInt32BE(0) : undefined;
}
