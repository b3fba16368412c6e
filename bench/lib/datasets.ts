/**
 * Reproducible data sets. Every file's bytes come from AES-128-CTR keyed by
 * (seed, key): incompressible, the same on every machine, and generated at
 * memory speed. The expected content hash of every file is known before any
 * tool runs, so a run is verified against the truth, not against another tool.
 */
import { createCipheriv, createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export interface FileSpec {
  key: string;
  size: number;
}

export interface Dataset {
  name: string;
  seed: string;
  files: FileSpec[];
  totalBytes: number;
}

/** What a result must match: number of objects and one hash over every key, size and content hash. */
export interface Expected {
  count: number;
  bytes: number;
  fingerprint: string;
}

export interface Entry {
  key: string;
  size: number;
  sha256: string;
}

const CHUNK = 1024 * 1024;
const ZEROS = Buffer.alloc(CHUNK);

/** Deterministic 32-bit generator (mulberry32) for picking sizes. */
function prng(seed: string): () => number {
  let a = createHash('sha256').update(seed).digest().readUInt32LE(0);
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The bytes of one file as a stream. */
export function contentStream(seed: string, key: string, size: number): Readable {
  const material = createHash('sha256').update(`${seed}\0${key}`).digest();
  const cipher = createCipheriv('aes-128-ctr', material.subarray(0, 16), material.subarray(16, 32));
  let left = size;
  return new Readable({
    highWaterMark: CHUNK,
    read() {
      if (left <= 0) {
        this.push(null);
        return;
      }
      const n = Math.min(CHUNK, left);
      left -= n;
      this.push(cipher.update(n === CHUNK ? ZEROS : ZEROS.subarray(0, n)));
    },
  });
}

/** The bytes of one small file in memory (for seeding with a single PUT). */
export function contentBuffer(seed: string, key: string, size: number): Buffer {
  const material = createHash('sha256').update(`${seed}\0${key}`).digest();
  const cipher = createCipheriv('aes-128-ctr', material.subarray(0, 16), material.subarray(16, 32));
  return cipher.update(Buffer.alloc(size));
}

export function fingerprint(entries: Entry[]): Expected {
  const sorted = [...entries].sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
  const hash = createHash('sha256');
  let bytes = 0;
  for (const e of sorted) {
    hash.update(`${e.key}\t${e.size}\t${e.sha256}\n`);
    bytes += e.size;
  }
  return { count: sorted.length, bytes, fingerprint: hash.digest('hex') };
}

/** Fingerprint over key names alone (listings). */
export function keysFingerprint(keys: string[]): Expected {
  return fingerprint(keys.map((key) => ({ key, size: 0, sha256: '' })));
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** `count` files of `size` bytes, a hundred to a folder, as people keep small files. */
export function smallSet(seed: string, count: number, size: number): Dataset {
  const files: FileSpec[] = [];
  for (let i = 0; i < count; i++) files.push({ key: `d${pad(Math.floor(i / 100), 3)}/f${pad(i, 6)}.bin`, size });
  return { name: `small-${count}x${size}`, seed, files, totalBytes: count * size };
}

export function largeSet(seed: string, bytes: number): Dataset {
  return { name: `large-${bytes}`, seed, files: [{ key: 'large.bin', size: bytes }], totalBytes: bytes };
}

/**
 * A folder mix from 4 KiB to `maxBytes`: most files small, a few large, sizes
 * log-uniform inside four tiers (80 % up to 64 KiB, 15 % up to max/64, 4.5 % up
 * to max/4, 0.5 % up to max). The first file is 4 KiB and the last exactly max.
 */
export function mixSet(seed: string, count: number, maxBytes: number): Dataset {
  const rand = prng(`${seed}/mix`);
  const min = 4096;
  const tiers: [number, number, number][] = [
    [0.8, min, 64 * 1024],
    [0.95, 64 * 1024, maxBytes / 64],
    [0.995, maxBytes / 64, maxBytes / 4],
    [1, maxBytes / 4, maxBytes],
  ];
  const files: FileSpec[] = [];
  for (let i = 0; i < count; i++) {
    let size: number;
    if (i === 0) size = min;
    else if (i === count - 1) size = maxBytes;
    else {
      const u = rand();
      const [, lo0, hi0] = tiers.find(([p]) => u < p) ?? [1, min, maxBytes];
      const lo = Math.max(min, Math.min(lo0, hi0));
      const hi = Math.max(lo, hi0);
      size = Math.round(lo * Math.pow(hi / lo, rand()));
    }
    files.push({ key: `m${pad(i % 20, 2)}/f${pad(i, 5)}.bin`, size });
  }
  return { name: `mix-${count}-max${maxBytes}`, seed, files, totalBytes: files.reduce((s, f) => s + f.size, 0) };
}

/** Hashes one file's content without keeping it. */
export async function contentHash(seed: string, key: string, size: number): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of contentStream(seed, key, size)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Expected fingerprint of a data set (hashes every byte once; cached per process). */
const expectedCache = new Map<string, Expected>();
export async function expectedOf(ds: Dataset, keyPrefix = ''): Promise<Expected> {
  const cacheKey = `${ds.seed}/${ds.name}/${keyPrefix}`;
  const cached = expectedCache.get(cacheKey);
  if (cached) return cached;
  const entries: Entry[] = [];
  for (const f of ds.files) entries.push({ key: keyPrefix + f.key, size: f.size, sha256: await contentHash(ds.seed, f.key, f.size) });
  const expected = fingerprint(entries);
  expectedCache.set(cacheKey, expected);
  return expected;
}

/**
 * Writes a data set under `dir` (reused when a marker says the same set is
 * already there, since generating 10,000 files or a gigabyte takes a while).
 */
export async function materialize(ds: Dataset, dir: string): Promise<void> {
  const marker = join(dir, '..', `${ds.name}.ready`);
  const id = `${ds.seed}/${ds.name}`;
  if ((await readFile(marker, 'utf8').catch(() => '')) === id) return;
  await rm(dir, { recursive: true, force: true });
  const dirs = new Set(ds.files.map((f) => dirname(join(dir, f.key))));
  for (const d of dirs) await mkdir(d, { recursive: true });
  for (const f of ds.files) {
    const path = join(dir, f.key);
    if (f.size <= CHUNK) await writeFile(path, contentBuffer(ds.seed, f.key, f.size));
    else await pipeline(contentStream(ds.seed, f.key, f.size), createWriteStream(path));
  }
  await writeFile(marker, id);
}
