/**
 * Where a download's bytes go: into the file at their offset, and into the
 * MD5 that checks them. Socket chunks (~64 KiB) are gathered into 1 MiB
 * blocks of the shared arena; each full block is written to disk (by libuv's
 * threads) and hashed (by a hash worker) at the same time, from the same
 * bytes, and is reused once both are done. The main thread only copies
 * chunks: hashing every chunk there, and a write per chunk, took ~60 % of a
 * download's CPU and held the event loop while it did.
 *
 * A range holds a few blocks at most; when all are busy the next chunk
 * waits (and so the socket), which bounds memory however fast the network.
 * Without room in the arena a range writes and hashes each chunk itself, as
 * before.
 *
 * When the object keeps a full-object CRC32, a range is checked by CRC
 * instead of MD5: each block's CRC is taken on this thread as the block is
 * handed to the disk (zlib's CRC32 costs ~0.2 ms a MiB, less than a worker's
 * round trip), and no hash worker is involved at all.
 */
import { createHash, type Hash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import type { HashArena } from '../hash/arena.js';
import type { DirectSink } from '../../s3/direct/sockets/get-object.js';
import type { ArenaMd5, HashPool } from '../hash/pool.js';
import { crc32 } from '../hash/crc32.js';

const BLOCK_BYTES = 1024 * 1024;
// One block filling while one is written and hashed: with four, 16 ranges held 80 MiB and went no faster, the disk
// and the hash worker keep up with a block in the time the socket takes to fill the next.
const BLOCKS_PER_RANGE = 2;

export interface RangeSink extends DirectSink {
  /** Takes a chunk (a copy is made); a returned promise means "wait before the next one". */
  write(chunk: Buffer): void | Promise<void>;
  /** Flushes what is left; resolves with the MD5 (hex) of everything written, if hashing. */
  end(): Promise<string | undefined>;
  /** The CRC32 of everything handed over so far, for a sink made with `crc` (after end(): of the whole range). */
  readonly crc: number | undefined;
  /** After a failure: waits until no write of this sink is pending, then frees its memory. */
  abandon(): Promise<void>;
}

export async function writeAt(handle: FileHandle, chunk: Uint8Array, position: number): Promise<void> {
  for (let off = 0; off < chunk.length;) {
    const { bytesWritten } = await handle.write(chunk, off, chunk.length - off, position + off);
    off += bytesWritten;
  }
}

/** Bodies shorter than this are written and hashed as they come: a worker's round trip would cost more. */
const INLINE_BELOW = 512 * 1024;

/** A sink for `length` bytes written at `position` onwards, hashing by MD5 when `hash` is true, by CRC32 when `crc` is. */
export function rangeSink(pool: HashPool, handle: FileHandle, position: number, length: number, hash: boolean, crc = false): RangeSink {
  if (length < INLINE_BELOW) return new InlineSink(handle, position, hash, crc);
  const arena = pool.arena;
  const md5 = hash ? pool.stream() : null;
  if (arena && (md5 || !hash)) {
    const first = arena.alloc(BLOCK_BYTES);
    if (first !== null) return new BlockSink(arena, handle, position, md5, first, crc);
  }
  void md5?.drop();
  return new InlineSink(handle, position, hash, crc);
}

interface Block {
  ptr: number;
  view: Buffer;
}

/**
 * Blocks filled two ways: a direct body (s3/direct/sockets/get-object.ts) has the socket read
 * into the current block itself (room/filled), with no copy at all; a stream
 * body's chunks are copied (write).
 */
class BlockSink implements RangeSink {
  readonly #blocks: Block[] = [];
  readonly #idle: Block[] = [];
  readonly #busy = new Set<Promise<void>>();
  /**
   * Copied chunks gather here first, in ordinary memory: V8 copies into shared
   * memory byte by byte when source and target are not equally aligned
   * (socket chunks start anywhere), ~8× slower than memcpy. A whole aligned
   * block then goes across in one fast copy.
   */
  #stage: Buffer | undefined;
  #staged = 0;
  /** The block the socket reads into, and how full it is. */
  #current: Block | undefined;
  #fill = 0;
  #position: number;
  #failure: unknown;
  #failed = false;
  #digest: string | undefined;
  #crc: number | undefined;

  constructor(
    private readonly arena: HashArena,
    private readonly handle: FileHandle,
    position: number,
    private readonly md5: ArenaMd5 | null,
    first: number,
    crc: boolean,
  ) {
    this.#position = position;
    if (crc) this.#crc = 0;
    const block = { ptr: first, view: arena.view(first, BLOCK_BYTES) };
    this.#blocks.push(block);
    this.#idle.push(block);
  }

  get crc(): number | undefined {
    return this.#crc;
  }

  room(): Buffer {
    if (this.#failed) throw this.#failure;
    this.#current ??= this.#freeBlock();
    if (!this.#current) throw new Error('no block is free: wait for filled() first');
    return this.#current.view.subarray(this.#fill);
  }

  filled(n: number): void | Promise<void> {
    if (this.#failed) throw this.#failure;
    this.#fill += n;
    if (this.#fill < BLOCK_BYTES || !this.#current) return;
    this.#dispatch(this.#current, this.#fill, false);
    this.#fill = 0;
    this.#current = this.#freeBlock();
    if (!this.#current) {
      return this.#block().then((b) => {
        this.#current = b;
      });
    }
  }

  write(chunk: Buffer): void | Promise<void> {
    if (this.#failed) throw this.#failure;
    this.#stage ??= Buffer.allocUnsafeSlow(BLOCK_BYTES);
    let off = 0;
    while (off < chunk.length) {
      const n = chunk.copy(this.#stage, this.#staged, off);
      off += n;
      this.#staged += n;
      if (this.#staged === BLOCK_BYTES) {
        const block = this.#freeBlock();
        // Every block busy: wait for one, then take the rest of this chunk.
        if (!block) return this.#waitThenWrite(chunk.subarray(off));
        this.#flushStage(block, false);
      }
    }
  }

  async end(): Promise<string | undefined> {
    if (this.#failed) throw this.#failure;
    if (this.#current && this.#staged === 0) this.#dispatch(this.#current, this.#fill, true);
    else this.#flushStage(this.#current ?? (await this.#block()), true);
    this.#current = undefined;
    await this.#settle();
    this.#freeAll();
    if (this.#failed) throw this.#failure;
    return this.#digest;
  }

  async abandon(): Promise<void> {
    this.#failed = true;
    await this.md5?.drop();
    await this.#settle();
    this.#freeAll();
  }

  async #waitThenWrite(rest: Buffer): Promise<void> {
    this.#flushStage(await this.#block(), false);
    if (rest.length > 0) await this.write(rest);
  }

  async #block(): Promise<Block> {
    for (;;) {
      const block = this.#freeBlock();
      if (block) return block;
      await Promise.race(this.#busy);
      if (this.#failed) throw this.#failure;
    }
  }

  #freeBlock(): Block | undefined {
    const idle = this.#idle.pop();
    if (idle) return idle;
    if (this.#blocks.length >= BLOCKS_PER_RANGE) return undefined;
    const ptr = this.arena.alloc(BLOCK_BYTES);
    if (ptr === null) return undefined;
    const block = { ptr, view: this.arena.view(ptr, BLOCK_BYTES) };
    this.#blocks.push(block);
    return block;
  }

  #flushStage(block: Block, final: boolean): void {
    const length = this.#staged;
    if (this.#stage && length > 0) block.view.set(this.#stage.subarray(0, length));
    this.#staged = 0;
    this.#dispatch(block, length, final);
  }

  #dispatch(block: Block, length: number, final: boolean): void {
    const view = block.view.subarray(0, length);
    const position = this.#position;
    this.#position += length;
    // Blocks are dispatched in order, so the running CRC follows the bytes' order.
    if (this.#crc !== undefined) this.#crc = crc32(view, this.#crc);
    // Written by libuv's threads and hashed by a worker, at the same time, from the same bytes.
    const work = Promise.all([writeAt(this.handle, view, position), this.md5?.update(view, final)]).then(
      ([, digest]) => {
        if (final) this.#digest = digest;
      },
      (err: unknown) => {
        if (!this.#failed) {
          this.#failed = true;
          this.#failure = err;
        }
      },
    );
    const done = work.finally(() => {
      this.#busy.delete(done);
      this.#idle.push(block);
    });
    this.#busy.add(done);
  }

  async #settle(): Promise<void> {
    while (this.#busy.size > 0) await Promise.all([...this.#busy]);
  }

  #freeAll(): void {
    for (const b of this.#blocks) this.arena.free(b.ptr);
    this.#blocks.length = 0;
    this.#idle.length = 0;
  }
}

/** The plain way: each chunk written, then hashed on this thread. */
class InlineSink implements RangeSink {
  readonly #hash: Hash | null;
  readonly #room = Buffer.allocUnsafe(256 * 1024);
  #position: number;
  #crc: number | undefined;

  constructor(
    private readonly handle: FileHandle,
    position: number,
    hash: boolean,
    crc: boolean,
  ) {
    this.#position = position;
    this.#hash = hash ? createHash('md5') : null;
    if (crc) this.#crc = 0;
  }

  get crc(): number | undefined {
    return this.#crc;
  }

  room(): Buffer {
    return this.#room;
  }

  filled(n: number): Promise<void> {
    return this.write(this.#room.subarray(0, n));
  }

  async write(chunk: Buffer): Promise<void> {
    this.#hash?.update(chunk);
    if (this.#crc !== undefined) this.#crc = crc32(chunk, this.#crc);
    const at = this.#position;
    this.#position += chunk.length;
    await writeAt(this.handle, chunk, at);
  }

  async end(): Promise<string | undefined> {
    return this.#hash?.digest('hex');
  }

  async abandon(): Promise<void> {}
}
