/**
 * MD5 as WebAssembly, four messages at a time. MD5 is one long chain of
 * dependent 32-bit steps, so one message cannot go faster than OpenSSL
 * does it; but Ferry nearly always hashes many parts at once, and the
 * same steps on four independent messages fit in the four 32-bit lanes of a
 * SIMD register. That hashes several times the bytes per CPU second (W3, W4), and CPU is what a
 * transfer of a large object spends most on after the network.
 *
 * The module is written out here, byte by byte, so the build needs no
 * assembler and the bundle no second file. It imports one shared memory (the
 * hash arena) and exports two functions over it:
 *  - md5x4(k, s0, s1, s2, s3, p0, p1, p2, p3, blocks): runs `blocks` 64-byte
 *    blocks of four messages, reading from p0..p3 and updating the 16-byte
 *    states at s0..s3 (A, B, C, D as little-endian words);
 *  - md5x1(s, p, blocks): the same for one message, for when there is no
 *    company (on 32-bit scalars, where it is as fast as it gets).
 * `k` points to the 64 round constants, each repeated in four lanes
 * (roundConstantTable() writes them); loading them is faster than building
 * them in the code.
 */

const I32 = 0x7f;
const V128 = 0x7b;

function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
const section = (id: number, bytes: number[]): number[] => [id, ...uleb(bytes.length), ...bytes];
const name = (s: string): number[] => [...uleb(s.length), ...Array.from(s, (c) => c.charCodeAt(0))];

// Instructions.
const simd = (op: number, ...rest: number[]): number[] => [0xfd, ...uleb(op), ...rest];
const get = (i: number): number[] => [0x20, ...uleb(i)];
const set = (i: number): number[] => [0x21, ...uleb(i)];
const tee = (i: number): number[] => [0x22, ...uleb(i)];
const i32 = (n: number): number[] => [0x41, ...sleb(n | 0)];
const ADD32 = [0x6a];
const SUB32 = [0x6b];
const AND32 = [0x71];
const OR32 = [0x72];
const XOR32 = [0x73];
const ROTL32 = [0x77];
const EQZ32 = [0x45];
const load32 = (offset: number): number[] => [0x28, 2, ...uleb(offset)];
const store32 = (offset: number): number[] => [0x36, 2, ...uleb(offset)];
const load128 = (offset: number): number[] => simd(0x00, 4, ...uleb(offset));
const store128 = (offset: number): number[] => simd(0x0b, 4, ...uleb(offset));
/** i8x16.shuffle expressed in 32-bit lanes (0-3: first operand, 4-7: second). */
const shuffle32 = (lanes: number[]): number[] => simd(0x0d, ...lanes.flatMap((x) => [4 * x, 4 * x + 1, 4 * x + 2, 4 * x + 3]));
const NOT = simd(0x4d);
const OR = simd(0x50);
const XOR = simd(0x51);
const SELECT = simd(0x52);
const SHL = simd(0xab);
const SHR_U = simd(0xad);
const ADD = simd(0xae);
const BLOCK = [0x02, 0x40];
const LOOP = [0x03, 0x40];
const END = [0x0b];
const BR = (depth: number): number[] => [0x0c, depth];
const BR_IF = (depth: number): number[] => [0x0d, depth];

/** The 64 additive constants: floor(|sin(i + 1)| × 2^32). */
export const MD5_K: readonly number[] = Array.from({ length: 64 }, (_, i) => Math.floor(Math.abs(Math.sin(i + 1)) * 2 ** 32) >>> 0);
const SHIFTS = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21];
export const MD5_INIT: readonly number[] = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476];
/** Bytes the constant table takes (64 constants × 4 lanes × 4 bytes). */
export const K_TABLE_BYTES = 64 * 16;

/** Which message word step i reads. */
function wordOf(i: number): number {
  switch (i >> 4) {
    case 0:
      return i;
    case 1:
      return (5 * i + 1) % 16;
    case 2:
      return (3 * i + 5) % 16;
    case 3:
      return (7 * i) % 16;
    default:
      throw new Error(`no MD5 step ${i}`);
  }
}

/** Transposes four vectors of four words (in locals src[0..3]) into dst[0..3]: lane l of dst[w] = word w of src[l]. */
function transpose(src: number[], dst: number[], tmp: number[]): number[] {
  const [a, b, c, d] = src as [number, number, number, number];
  const [t0, t1, t2, t3] = tmp as [number, number, number, number];
  return [
    ...[...get(a), ...get(b), ...shuffle32([0, 4, 1, 5]), ...set(t0)],
    ...[...get(c), ...get(d), ...shuffle32([0, 4, 1, 5]), ...set(t1)],
    ...[...get(a), ...get(b), ...shuffle32([2, 6, 3, 7]), ...set(t2)],
    ...[...get(c), ...get(d), ...shuffle32([2, 6, 3, 7]), ...set(t3)],
    ...[...get(t0), ...get(t1), ...shuffle32([0, 1, 4, 5]), ...set(dst[0] as number)],
    ...[...get(t0), ...get(t1), ...shuffle32([2, 3, 6, 7]), ...set(dst[1] as number)],
    ...[...get(t2), ...get(t3), ...shuffle32([0, 1, 4, 5]), ...set(dst[2] as number)],
    ...[...get(t2), ...get(t3), ...shuffle32([2, 3, 6, 7]), ...set(dst[3] as number)],
  ];
}

function md5x4Body(): { locals: number; code: number[] } {
  // Parameters: 0 k, 1-4 states, 5-8 data pointers, 9 blocks.
  const K = 0;
  const S = (l: number) => 1 + l;
  const P = (l: number) => 5 + l;
  const N = 9;
  // v128 locals: 10-13 A B C D, 14-17 saved, 18-33 message words, 34-37 temporaries, 38-41 loaded rows.
  const ABCD = [10, 11, 12, 13];
  const SAVED = [14, 15, 16, 17];
  const M = (w: number) => 18 + w;
  const T = [34, 35, 36, 37];
  const R = [38, 39, 40, 41];
  const code: number[] = [];
  const emit = (...parts: number[][]) => {
    for (const p of parts) code.push(...p);
  };

  // Four states (one per message) become four vectors (one per state word).
  for (let l = 0; l < 4; l++) emit(get(S(l)), load128(0), set(R[l] as number));
  emit(transpose(R, ABCD, T));

  emit(BLOCK, LOOP, get(N), EQZ32, BR_IF(1));
  for (let row = 0; row < 4; row++) {
    for (let l = 0; l < 4; l++) emit(get(P(l)), load128(16 * row), set(R[l] as number));
    emit(transpose(R, [M(4 * row), M(4 * row + 1), M(4 * row + 2), M(4 * row + 3)], T));
  }
  for (let j = 0; j < 4; j++) emit(get(ABCD[j] as number), set(SAVED[j] as number));
  let [a, b, c, d] = ABCD as [number, number, number, number];
  for (let i = 0; i < 64; i++) {
    let f: number[];
    switch (i >> 4) {
      case 0:
        f = [...get(c), ...get(d), ...get(b), ...SELECT]; // (b & c) | (~b & d)
        break;
      case 1:
        f = [...get(b), ...get(c), ...get(d), ...SELECT]; // (d & b) | (~d & c)
        break;
      case 2:
        f = [...get(b), ...get(c), ...XOR, ...get(d), ...XOR];
        break;
      default:
        f = [...get(c), ...get(b), ...get(d), ...NOT, ...OR, ...XOR]; // c ^ (b | ~d)
    }
    const s = SHIFTS[(i >> 4) * 4 + (i % 4)] as number;
    // a = b + rotl(a + f + k + m, s); the constant and the word go first, off the dependency chain.
    emit(get(M(wordOf(i))), get(K), load128(16 * i), ADD, get(a), ADD, f, ADD, tee(T[0] as number));
    emit(i32(s), SHL, get(T[0] as number), i32(32 - s), SHR_U, OR, get(b), ADD, set(a));
    [a, b, c, d] = [d, a, b, c];
  }
  for (let j = 0; j < 4; j++) emit(get(ABCD[j] as number), get(SAVED[j] as number), ADD, set(ABCD[j] as number));
  for (let l = 0; l < 4; l++) emit(get(P(l)), i32(64), ADD32, set(P(l)));
  emit(get(N), i32(1), SUB32, set(N), BR(0), END, END);

  emit(transpose(ABCD, R, T));
  for (let l = 0; l < 4; l++) emit(get(S(l)), get(R[l] as number), store128(0));
  code.push(...END);
  return { locals: 32, code };
}

function md5x1Body(): { locals: number; code: number[] } {
  // Parameters: 0 state, 1 data pointer, 2 blocks. i32 locals: 3-6 A B C D, 7-10 saved.
  const S = 0;
  const P = 1;
  const N = 2;
  const ABCD = [3, 4, 5, 6];
  const SAVED = [7, 8, 9, 10];
  const code: number[] = [];
  const emit = (...parts: number[][]) => {
    for (const p of parts) code.push(...p);
  };
  for (let j = 0; j < 4; j++) emit(get(S), load32(4 * j), set(ABCD[j] as number));
  emit(BLOCK, LOOP, get(N), EQZ32, BR_IF(1));
  for (let j = 0; j < 4; j++) emit(get(ABCD[j] as number), set(SAVED[j] as number));
  let [a, b, c, d] = ABCD as [number, number, number, number];
  for (let i = 0; i < 64; i++) {
    let f: number[];
    switch (i >> 4) {
      case 0:
        f = [...get(d), ...get(b), ...get(c), ...get(d), ...XOR32, ...AND32, ...XOR32]; // d ^ (b & (c ^ d))
        break;
      case 1:
        f = [...get(c), ...get(d), ...get(b), ...get(c), ...XOR32, ...AND32, ...XOR32]; // c ^ (d & (b ^ c))
        break;
      case 2:
        f = [...get(b), ...get(c), ...XOR32, ...get(d), ...XOR32];
        break;
      default:
        f = [...get(c), ...get(b), ...get(d), ...i32(-1), ...XOR32, ...OR32, ...XOR32];
    }
    const s = SHIFTS[(i >> 4) * 4 + (i % 4)] as number;
    emit(get(P), load32(4 * wordOf(i)), i32(MD5_K[i] as number), ADD32, get(a), ADD32, f, ADD32);
    emit(i32(s), ROTL32, get(b), ADD32, set(a));
    [a, b, c, d] = [d, a, b, c];
  }
  for (let j = 0; j < 4; j++) emit(get(ABCD[j] as number), get(SAVED[j] as number), ADD32, set(ABCD[j] as number));
  emit(get(P), i32(64), ADD32, set(P));
  emit(get(N), i32(1), SUB32, set(N), BR(0), END, END);
  for (let j = 0; j < 4; j++) emit(get(S), get(ABCD[j] as number), store32(4 * j));
  code.push(...END);
  return { locals: 8, code };
}

const built = new Map<number, Uint8Array<ArrayBuffer>>();

/** The module's bytes: imports `env.memory` (shared, up to `maxPages`), exports md5x4 and md5x1. */
export function md5WasmModule(maxPages: number): Uint8Array<ArrayBuffer> {
  const known = built.get(maxPages);
  if (known) return known;
  const x4 = md5x4Body();
  const x1 = md5x1Body();
  const body = (b: { locals: number; code: number[] }, type: number) => {
    const fn = [...vec([[...uleb(b.locals), type]]), ...b.code];
    return [...uleb(fn.length), ...fn];
  };
  const params = (n: number) => vec(Array.from({ length: n }, () => [I32]));
  const bytes = [
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(
      1,
      vec([
        [0x60, ...params(10), 0],
        [0x60, ...params(3), 0],
      ]),
    ),
    // Shared memory: limits flag 3 (shared, with a maximum), initial 1 page.
    ...section(2, vec([[...name('env'), ...name('memory'), 0x02, 0x03, ...uleb(1), ...uleb(maxPages)]])),
    ...section(3, vec([[0], [1]])),
    ...section(
      7,
      vec([
        [...name('md5x4'), 0x00, 0],
        [...name('md5x1'), 0x00, 1],
      ]),
    ),
    ...section(10, vec([body(x4, V128), body(x1, I32)])),
  ];
  const module = new Uint8Array(bytes);
  built.set(maxPages, module);
  return module;
}

/** Writes the round constants, each in four lanes, at `offset` of `view`. */
export function roundConstantTable(view: DataView, offset: number): void {
  MD5_K.forEach((k, i) => {
    for (let l = 0; l < 4; l++) view.setUint32(offset + 16 * i + 4 * l, k, true);
  });
}
