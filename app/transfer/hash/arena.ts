/**
 * One shared memory for part buffers and download blocks, visible to the hash
 * workers without copying or transferring. A part read from disk (or from a
 * source bucket) lands here, is hashed here by a worker while the main thread
 * goes on, and is sent from here; a downloaded block is written to disk and
 * hashed from the same bytes at the same time. Transferring multi-megabyte
 * buffers to a worker and back instead detaches and re-creates them each
 * time, which made V8 collect garbage for ~30 % of an upload's main thread.
 *
 * The memory is a WebAssembly.Memory (shared) so the MD5 code can read it;
 * it grows on demand up to a fixed ceiling and is reused. WebAssembly memory
 * cannot shrink, so an engine left idle drops the arena whole
 * (dropSharedArena) and the next work gets a new, small one. A caller that
 * finds it full falls back to ordinary buffers.
 */
import { md5WasmModule, K_TABLE_BYTES, roundConstantTable } from './md5-wasm.js';
import { wasm, type WasmModule } from './wasm-global.js';

const PAGE = 64 * 1024;
/** The ceiling: address space reserved once, memory taken only as used. */
const MAX_BYTES = 1024 * 1024 * 1024;
/** Allocations are rounded to this, so freed regions fit the next ones of the same size. */
const GRAIN = 4096;

interface Range {
  ptr: number;
  size: number;
}

export class HashArena {
  readonly memory = new wasm.Memory({ initial: 1, maximum: MAX_BYTES / PAGE, shared: true });
  /** Where the MD5 round constants live (the first bytes of the memory). */
  readonly kTable = 0;
  /** The compiled MD5 module, posted to each worker (compiling once is enough). */
  readonly module: WasmModule;
  readonly #free: Range[] = [];
  readonly #live = new Map<number, number>();
  readonly #buffers = new WeakSet<ArrayBufferLike>();
  #top = GRAIN * Math.ceil(K_TABLE_BYTES / GRAIN);

  constructor() {
    this.module = new wasm.Module(md5WasmModule(MAX_BYTES / PAGE));
    roundConstantTable(new DataView(this.memory.buffer), this.kTable);
  }

  /** A region of at least `size` bytes, or null when the arena is full. */
  alloc(size: number): number | null {
    const want = Math.max(GRAIN, Math.ceil(size / GRAIN) * GRAIN);
    // First fit among freed regions; the list is short (one entry per freed run).
    for (let i = 0; i < this.#free.length; i++) {
      const r = this.#free[i] as Range;
      if (r.size < want) continue;
      const ptr = r.ptr;
      if (r.size === want) this.#free.splice(i, 1);
      else {
        r.ptr += want;
        r.size -= want;
      }
      this.#live.set(ptr, want);
      return ptr;
    }
    if (this.#top + want > MAX_BYTES) return null;
    const end = this.#top + want;
    const have = this.memory.buffer.byteLength;
    if (end > have) {
      // Grow in steps of at least 16 MiB: each growth makes a new buffer object for every view made later.
      const pages = Math.ceil(Math.max(end - have, 16 * 1024 * 1024) / PAGE);
      try {
        this.memory.grow(Math.min(pages, MAX_BYTES / PAGE - have / PAGE));
      } catch {
        return null;
      }
      if (this.memory.buffer.byteLength < end) return null;
    }
    const ptr = this.#top;
    this.#top = end;
    this.#live.set(ptr, want);
    return ptr;
  }

  free(ptr: number): void {
    const size = this.#live.get(ptr);
    if (size === undefined) return;
    this.#live.delete(ptr);
    // Keep the free list sorted and merged, so runs of small blocks can serve a large part later.
    let i = 0;
    while (i < this.#free.length && (this.#free[i] as Range).ptr < ptr) i++;
    this.#free.splice(i, 0, { ptr, size });
    const next = this.#free[i + 1];
    if (next && ptr + size === next.ptr) {
      this.#free[i] = { ptr, size: size + next.size };
      this.#free.splice(i + 1, 1);
    }
    const prev = this.#free[i - 1];
    const cur = this.#free[i] as Range;
    if (prev && prev.ptr + prev.size === cur.ptr) {
      prev.size += cur.size;
      this.#free.splice(i, 1);
    }
    // A free run at the top goes back to the bump pointer.
    const last = this.#free[this.#free.length - 1];
    if (last && last.ptr + last.size === this.#top) {
      this.#top = last.ptr;
      this.#free.pop();
    }
  }

  /** A Buffer over [ptr, ptr + length) of the memory. */
  view(ptr: number, length: number): Buffer {
    const sab = this.memory.buffer;
    this.#buffers.add(sab);
    return Buffer.from(sab, ptr, length);
  }

  /** A buffer of `size` bytes in the arena, or null when it is full. Free it with release(). */
  take(size: number): Buffer | null {
    const ptr = this.alloc(size);
    return ptr === null ? null : this.view(ptr, size);
  }

  /** True for a buffer that lies in this arena (taken from it or a view of it). */
  owns(buffer: Uint8Array): boolean {
    return this.#buffers.has(buffer.buffer);
  }

  /** Gives back a buffer from take(); anything else is ignored. */
  release(buffer: Uint8Array): void {
    if (this.owns(buffer)) this.free(buffer.byteOffset);
  }

  /** Bytes the memory has grown to: what it holds of the process's memory at most. */
  get grownBytes(): number {
    return this.memory.buffer.byteLength;
  }

  /** Bytes handed out and not yet freed (tests check that nothing leaks). */
  get liveBytes(): number {
    let n = 0;
    for (const size of this.#live.values()) n += size;
    return n;
  }
}

let arena: HashArena | null | undefined;

/** The process's arena, or null where shared WebAssembly memory is unavailable (then everything uses plain buffers). */
export function sharedArena(): HashArena | null {
  if (arena === undefined) {
    try {
      arena = new HashArena();
    } catch {
      arena = null;
    }
  }
  return arena;
}

/** The process's arena if it has been made (asking does not make it). */
export function sharedArenaIfMade(): HashArena | null {
  return arena ?? null;
}

/**
 * Forgets the process's arena if it is still `which`: the next sharedArena()
 * makes a new one, and the old one's memory goes back to the system once
 * nothing holds a view of it. Whoever still holds one keeps a working arena.
 */
export function dropSharedArena(which: HashArena): void {
  if (arena === which) arena = undefined;
}
