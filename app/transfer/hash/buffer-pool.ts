/**
 * Part buffers, reused. A copy of a large object needs one buffer per part
 * in flight; fresh multi-megabyte buffers each time make V8 collect far more
 * often than the work needs. Buffers come from the shared hash arena where
 * there is room (a worker hashes them there without a copy, see
 * arena.ts), else from ordinary memory; either way they come back here
 * after their part is sent and serve the next part.
 */
import { sharedArena, sharedArenaIfMade, type HashArena } from './arena.js';

export class BufferPool {
  readonly #free = new Map<number, Buffer[]>();
  #arena: HashArena | null | undefined;

  /** `arena` undefined: the process's shared arena, made when a buffer is first asked for (a job of small objects never does). */
  constructor(
    private readonly maxPerSize: number,
    arena?: HashArena | null,
  ) {
    this.#arena = arena;
  }

  /** The arena buffers are taken from: made on the first take. */
  private get arena(): HashArena | null {
    return this.#arena === undefined ? (this.#arena = sharedArena()) : this.#arena;
  }

  /** The arena a buffer given back may have come from: asking does not make one. */
  private get madeArena(): HashArena | null {
    return this.#arena === undefined ? sharedArenaIfMade() : this.#arena;
  }

  take(size: number): Buffer {
    return this.arena?.take(size) ?? this.#free.get(size)?.pop() ?? Buffer.allocUnsafeSlow(size);
  }

  /**
   * Gives back a whole object's buffer: to the arena if it came from there,
   * else to the collector. Whole objects come in every size, and keeping
   * ordinary buffers by size would hold memory no later take() asks for.
   */
  drop(buffer: Buffer): void {
    this.madeArena?.release(buffer);
  }

  give(buffer: Buffer): void {
    const arena = this.madeArena;
    if (arena?.owns(buffer)) {
      arena.release(buffer);
      return;
    }
    // Only whole buffers are reused: a view into a larger one cannot be handed out on its own.
    if (buffer.byteOffset !== 0 || buffer.byteLength !== buffer.buffer.byteLength || buffer.length === 0) return;
    const list = this.#free.get(buffer.length) ?? [];
    if (list.length >= this.maxPerSize) return;
    list.push(buffer);
    this.#free.set(buffer.length, list);
  }
}
