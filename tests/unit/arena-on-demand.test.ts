// The shared hash arena is made when a job first needs it, not when the
// engine starts: making it compiles the MD5 module, which a job of small
// objects (hashed inline, read into buffers of their own) never uses.
import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sharedArenaIfMade } from '../../app/transfer/hash/arena';
import { BufferPool } from '../../app/transfer/hash/buffer-pool';
import { HashPool } from '../../app/transfer/hash/pool';

describe('the shared arena', () => {
  it('is not made for small objects, and is made by the first part buffer, which is then hashed in place', async () => {
    const hashes = new HashPool(1);
    const buffers = new BufferPool(4);
    try {
      const small = randomBytes(4096);
      expect((await hashes.md5(small)).digest).toBe(createHash('md5').update(small).digest('hex'));
      // A small object's own buffer, given back after its PUT.
      buffers.drop(Buffer.from(small));
      buffers.give(Buffer.allocUnsafeSlow(4096));
      expect(hashes.arenaIfMade).toBeNull();
      expect(sharedArenaIfMade()).toBeNull();

      const part = buffers.take(8 * 1024 * 1024);
      const arena = sharedArenaIfMade();
      expect(arena).not.toBeNull();
      expect(arena?.owns(part)).toBe(true);
      expect(hashes.arena).toBe(arena);
      part.set(randomBytes(part.length));
      expect((await hashes.md5(part)).digest).toBe(createHash('md5').update(part).digest('hex'));
      buffers.give(part);
    } finally {
      hashes.dispose();
    }
  });
});
