// MD5 in the shared arena: the WebAssembly code against Node's own MD5, on
// real worker threads, for whole parts, for messages that arrive in pieces
// (several at once, sharing the SIMD lanes), and for buffers outside it.
import { createHash, randomBytes } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readBodyToBuffer } from '../../app/s3/requests/body-reader';
import { HashArena } from '../../app/transfer/hash/arena';
import { HashPool } from '../../app/transfer/hash/pool';

const md5 = (b: Uint8Array) => createHash('md5').update(b).digest('hex');

describe('hash arena and pool', () => {
  it('hashes parts of every length in place, alone and many at once', async () => {
    const arena = new HashArena();
    const pool = new HashPool(1, arena);
    try {
      // Lengths around the 64-byte block and the padding boundary (55/56), and large parts.
      const lengths = [512 * 1024, 512 * 1024 + 1, 512 * 1024 + 55, 512 * 1024 + 56, 512 * 1024 + 63, 3 * 1024 * 1024 + 7, 8 * 1024 * 1024];
      const parts = lengths.map((n) => {
        const b = arena.take(n);
        if (!b) throw new Error('arena full');
        b.set(randomBytes(n));
        return b;
      });
      const expected = parts.map(md5);
      // All at once: they share lanes.
      const together = await Promise.all(parts.map((p) => pool.md5(p)));
      expect(together.map((r) => r.digest)).toEqual(expected);
      // One at a time: the lone-stream code.
      for (const [i, p] of parts.entries()) expect((await pool.md5(p)).digest).toBe(expected[i]);
      for (const p of parts) arena.release(p);
      // Only the worker's scratch (lane states, last blocks) stays taken.
      expect(arena.liveBytes).toBe(4096);
    } finally {
      pool.dispose();
    }
  });

  it('hashes messages that arrive in pieces, interleaved, and drops an abandoned one', async () => {
    const arena = new HashArena();
    const pool = new HashPool(1, arena);
    try {
      const messages = [0, 1, 64, 1000, 200_000, 1_048_576 + 17].map((n) => randomBytes(n));
      const hashes = messages.map(() => pool.stream());
      const piece = 64 * 100;
      const digests = await Promise.all(
        messages.map(async (msg, i) => {
          const h = hashes[i];
          if (!h) throw new Error('no stream');
          let digest: string | undefined;
          for (let off = 0; ; off += piece) {
            const end = Math.min(msg.length, off + piece);
            const view = arena.take(end - off) as Buffer;
            view.set(msg.subarray(off, end));
            const final = end === msg.length;
            digest = await h.update(view, final);
            arena.release(view);
            if (final) break;
            await new Promise((r) => setImmediate(r));
          }
          return digest;
        }),
      );
      expect(digests).toEqual(messages.map(md5));

      const gone = pool.stream();
      const view = arena.take(6400) as Buffer;
      const pending = gone?.update(view);
      await gone?.drop();
      await pending;
      arena.release(view);
      expect(arena.liveBytes).toBe(4096);
    } finally {
      pool.dispose();
    }
  });

  it('hashes buffers outside the arena by transferring them, and whole files', async () => {
    const pool = new HashPool(1, null);
    try {
      const bytes = randomBytes(3 * 1024 * 1024);
      const copy = Buffer.from(bytes);
      const { digest, buffer } = await pool.md5(bytes);
      expect(digest).toBe(md5(copy));
      expect(buffer.equals(copy)).toBe(true);
      expect(pool.stream()).toBeNull();
    } finally {
      pool.dispose();
    }
  });

  it('reuses freed regions, merging neighbours', () => {
    const arena = new HashArena();
    const a = arena.alloc(1 << 20) as number;
    const b = arena.alloc(1 << 20) as number;
    const c = arena.alloc(1 << 20) as number;
    arena.free(a);
    arena.free(b);
    // a and b merged: a 2 MiB part fits where they were.
    expect(arena.alloc(2 << 20)).toBe(a);
    arena.free(a);
    arena.free(c);
    expect(arena.liveBytes).toBe(0);
    expect(arena.alloc(3 << 20)).toBe(a);
  });

  it('reads a body into an arena buffer whole, whatever the sizes and alignment of its chunks', async () => {
    const arena = new HashArena();
    const bytes = randomBytes(3 * 1024 * 1024 + 7);
    const body = new PassThrough();
    // Odd chunk sizes: every chunk starts at a different alignment, and runs cross the staging boundary.
    for (let off = 0, n = 1; off < bytes.length; off += n, n = (n * 7 + 13) % 200_000 || 1) body.write(bytes.subarray(off, off + n));
    body.end();
    const into = arena.take(bytes.length) as Buffer;
    const got = await readBodyToBuffer(body, bytes.length, { idleMs: 5_000, signal: new AbortController().signal }, into);
    expect(got).toBe(into);
    expect(got.equals(bytes)).toBe(true);
    arena.release(into);
  });
});
