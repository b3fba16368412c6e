/**
 * Part buffers, reused. A copy of a large object allocates one buffer per
 * part; fresh multi-megabyte buffers each time make V8 collect far more often
 * than the work needs. Buffers of the part size come back here after their
 * part is sent and serve the next part. Each buffer owns its memory (never a
 * slice of a shared slab), so the hash worker can take it without a copy.
 */
export class BufferPool {
  readonly #free = new Map<number, Buffer[]>();

  constructor(private readonly maxPerSize: number) {}

  take(size: number): Buffer {
    return this.#free.get(size)?.pop() ?? Buffer.allocUnsafeSlow(size);
  }

  give(buffer: Buffer): void {
    // Only whole buffers are reused: a view into a larger one cannot be handed out on its own.
    if (buffer.byteOffset !== 0 || buffer.byteLength !== buffer.buffer.byteLength || buffer.length === 0) return;
    const list = this.#free.get(buffer.length) ?? [];
    if (list.length >= this.maxPerSize) return;
    list.push(buffer);
    this.#free.set(buffer.length, list);
  }
}
