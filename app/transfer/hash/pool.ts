/**
 * MD5 off the event loop. A part of several MiB takes milliseconds to hash:
 * done inline, dozens of parts a second would freeze progress, sockets and
 * the UI bridge. Bytes in the shared arena are hashed by a worker in place,
 * several parts at once in SIMD lanes (see md5-wasm.ts, worker.ts);
 * other buffers travel to a worker and back without copying (transferred).
 * Small buffers are hashed inline, where the round trip would cost more than
 * the hash.
 *
 * A worker holds a ref on the process only while it has work, so an idle
 * pool never keeps a finished command-line run alive, and a busy one never
 * lets it end with a hash still owed.
 */
import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { sharedArena, sharedArenaIfMade, type HashArena } from './arena.js';
import { crc32 } from './crc32.js';
import { HASH_WORKER_SOURCE } from './worker.js';

const INLINE_BELOW = 512 * 1024;
/** Per-worker scratch in the arena: lane states and the padded last blocks of a message. */
const SCRATCH_BYTES = 4096;

export function md5Hex(bytes: Uint8Array): string {
  return createHash('md5').update(bytes).digest('hex');
}

interface Reply {
  id: number;
  digest?: string;
  crc?: number;
  buffer?: ArrayBuffer;
  error?: string;
  code?: string;
  errno?: number;
  syscall?: string;
}

interface Pending {
  worker: Slot;
  resolve: (r: Reply) => void;
  reject: (e: unknown) => void;
}

interface Slot {
  worker: Worker;
  busy: number;
  scratch: number | null;
}

export class HashPool {
  readonly #slots: Slot[] = [];
  readonly #pending = new Map<number, Pending>();
  readonly #size: number;
  #arena: HashArena | null | undefined;
  #next = 0;
  #seq = 0;
  #disposed = false;

  /**
   * `arena` undefined: the process's shared arena, made when first needed. Making it compiles the MD5 module
   * (~15 ms), which a job of small objects, hashed inline, never needs.
   */
  constructor(size = Math.max(1, Math.min(4, availableParallelism() - 1)), arena?: HashArena | null) {
    this.#size = size;
    this.#arena = arena;
  }

  /** The arena this pool hashes in place, if any. */
  get arena(): HashArena | null {
    return this.#arena === undefined ? (this.#arena = sharedArena()) : this.#arena;
  }

  /** The arena if it has been made: asking does not make it. */
  get arenaIfMade(): HashArena | null {
    return this.#arena === undefined ? sharedArenaIfMade() : this.#arena;
  }

  /**
   * MD5 (hex) of `buffer`, and its CRC32 when `crc` is set (computed by the
   * same worker from the same bytes). Bytes outside the arena travel to a
   * worker and back: use the returned buffer afterwards, never the one passed in.
   */
  async md5(buffer: Buffer, crc = false): Promise<{ digest: string; buffer: Buffer; crc?: number }> {
    const inline = () => ({ digest: md5Hex(buffer), buffer, ...(crc ? { crc: crc32(buffer) } : {}) });
    if (buffer.length < INLINE_BELOW || this.#disposed) return inline();
    if (this.arenaIfMade?.owns(buffer)) {
      const slot = this.#pick();
      if (slot.scratch === null) return inline();
      const reply = await this.#send(slot, { sid: ++this.#seq, ptr: buffer.byteOffset, len: buffer.length, final: true, crc });
      return { digest: reply.digest ?? '', buffer, ...(crc ? { crc: reply.crc } : {}) };
    }
    const ownsMemory = buffer.byteOffset === 0 && buffer.byteLength === buffer.buffer.byteLength;
    if (!ownsMemory || !(buffer.buffer instanceof ArrayBuffer)) return inline();
    const { offset, length } = { offset: buffer.byteOffset, length: buffer.length };
    const reply = await this.#send(this.#pick(), { buffer: buffer.buffer, offset, length, crc }, [buffer.buffer]);
    return {
      digest: reply.digest ?? '',
      buffer: Buffer.from(reply.buffer as ArrayBuffer, offset, length),
      ...(crc ? { crc: reply.crc } : {}),
    };
  }

  /** CRC32 of a whole file, read by a worker (a resumed download's, whose earlier ranges were written by another run). */
  async crc32File(file: string): Promise<number> {
    if (this.#disposed) throw new Error('hashing stopped');
    return (await this.#send(this.#pick(), { file, crc: true })).crc ?? 0;
  }

  /** MD5 of a whole file, read and hashed by a worker. */
  async md5File(file: string): Promise<string> {
    if (this.#disposed) throw new Error('hashing stopped');
    return (await this.#send(this.#pick(), { file })).digest ?? '';
  }

  /**
   * A message hashed across several calls, for bytes that arrive in pieces.
   * Null when this pool cannot hash in place (no arena, or stopped): the
   * caller then hashes its own way.
   */
  stream(): ArenaMd5 | null {
    if (this.#disposed || !this.arena) return null;
    const slot = this.#pick();
    return slot.scratch === null ? null : new ArenaMd5(this, slot, ++this.#seq);
  }

  /** @internal Used by ArenaMd5. */
  post(slot: Slot, msg: Record<string, unknown>): Promise<Reply> {
    return this.#send(slot, msg);
  }

  /** True while no hash is pending: disposing then fails nothing. */
  get idle(): boolean {
    return this.#pending.size === 0;
  }

  dispose(): void {
    this.#disposed = true;
    for (const s of this.#slots) void s.worker.terminate();
    this.#slots.length = 0;
    for (const p of this.#pending.values()) p.reject(new Error('hashing stopped'));
    this.#pending.clear();
  }

  #send(slot: Slot, msg: Record<string, unknown>, transfer: ArrayBuffer[] = []): Promise<Reply> {
    if (this.#disposed) return Promise.reject(new Error('hashing stopped'));
    const id = ++this.#seq;
    return new Promise<Reply>((resolve, reject) => {
      this.#pending.set(id, { worker: slot, resolve, reject });
      if (slot.busy++ === 0) slot.worker.ref();
      slot.worker.postMessage({ ...msg, id }, transfer);
    });
  }

  /** The least busy worker, starting a new one while there are fewer than the pool's size. */
  #pick(): Slot {
    if (this.#slots.length < this.#size) return this.#start();
    let best = this.#slots[this.#next++ % this.#slots.length] as Slot;
    for (const s of this.#slots) if (s.busy < best.busy) best = s;
    return best;
  }

  #start(): Slot {
    const arena = this.arena;
    const scratch = arena?.alloc(SCRATCH_BYTES) ?? null;
    const workerData = arena && scratch !== null ? { memory: arena.memory, module: arena.module, kTable: arena.kTable, scratch } : {};
    const worker = new Worker(HASH_WORKER_SOURCE, { eval: true, workerData });
    worker.unref();
    const slot: Slot = { worker, busy: 0, scratch };
    worker.on('message', (m: Reply) => {
      const p = this.#pending.get(m.id);
      if (!p) return;
      this.#pending.delete(m.id);
      if (--slot.busy === 0) worker.unref();
      if (m.error === undefined) p.resolve(m);
      else if (m.code !== undefined) p.reject(Object.assign(new Error(m.error), { code: m.code, errno: m.errno, syscall: m.syscall }));
      else p.reject(new Error(`hashing failed: ${m.error}`));
    });
    worker.on('error', (err) => {
      for (const [id, p] of this.#pending) {
        if (p.worker !== slot) continue;
        this.#pending.delete(id);
        p.reject(err);
      }
      const i = this.#slots.indexOf(slot);
      if (i >= 0) this.#slots.splice(i, 1);
      // Its scratch stays taken: a dead worker's last writes must not land in someone's part.
    });
    this.#slots.push(slot);
    return slot;
  }
}

/**
 * One incremental MD5 in the arena, worked by one worker (which holds its
 * state). update() hands over bytes that stay untouched until the returned
 * promise settles; every update but the last must be a multiple of 64 bytes.
 */
export class ArenaMd5 {
  #ended = false;

  constructor(
    private readonly pool: HashPool,
    private readonly slot: Slot,
    private readonly sid: number,
  ) {}

  /** Hashes `bytes` (a view of the arena) after everything given before; resolves once they may be reused (with the digest, after the last). */
  async update(bytes: Buffer, final = false): Promise<string | undefined> {
    if (this.#ended) throw new Error('this hash has ended');
    if (!final && bytes.length % 64 !== 0) throw new Error('only the last piece may leave a partial 64-byte block');
    if (final) this.#ended = true;
    const reply = await this.pool.post(this.slot, { sid: this.sid, ptr: bytes.byteOffset, len: bytes.length, final });
    return reply.digest;
  }

  /** Forgets the message; bytes already handed over are released without being hashed. */
  async drop(): Promise<void> {
    if (this.#ended) return;
    this.#ended = true;
    await this.pool.post(this.slot, { drop: this.sid }).catch(() => undefined);
  }
}
