/**
 * MD5 of part buffers off the event loop. An 8 MiB part takes ~15 ms to hash:
 * done inline, dozens of parts a second would freeze progress, sockets and the
 * UI bridge. Buffers move to a worker thread and back without copying
 * (transferred), and small buffers are hashed inline where the round trip
 * would cost more than the hash. The worker's code is inline so the bundle
 * needs no second file.
 */
import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

const INLINE_BELOW = 512 * 1024;

const workerSource = `
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
parentPort.on('message', (m) => {
  const view = new Uint8Array(m.buffer, m.offset, m.length);
  const digest = createHash('md5').update(view).digest('hex');
  parentPort.postMessage({ id: m.id, digest, buffer: m.buffer }, [m.buffer]);
});
`;

interface Pending {
  resolve: (r: { digest: string; buffer: Buffer }) => void;
  reject: (e: unknown) => void;
  offset: number;
  length: number;
}

export function md5Hex(bytes: Uint8Array): string {
  return createHash('md5').update(bytes).digest('hex');
}

export class HashPool {
  readonly #workers: Worker[] = [];
  readonly #pending = new Map<number, Pending>();
  readonly #size: number;
  #next = 0;
  #seq = 0;
  #disposed = false;

  constructor(size = Math.max(1, Math.min(4, availableParallelism() - 1))) {
    this.#size = size;
  }

  /**
   * MD5 (hex) of `buffer`. The buffer's memory travels to a worker and back:
   * use the returned buffer afterwards, never the one passed in.
   */
  async md5(buffer: Buffer): Promise<{ digest: string; buffer: Buffer }> {
    const ownsMemory = buffer.byteOffset === 0 && buffer.byteLength === buffer.buffer.byteLength;
    if (buffer.length < INLINE_BELOW || !ownsMemory || this.#disposed || !(buffer.buffer instanceof ArrayBuffer)) {
      return { digest: md5Hex(buffer), buffer };
    }
    const worker = this.#worker();
    const id = ++this.#seq;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject, offset: buffer.byteOffset, length: buffer.length });
      worker.postMessage({ id, buffer: buffer.buffer, offset: buffer.byteOffset, length: buffer.length }, [buffer.buffer as ArrayBuffer]);
    });
  }

  dispose(): void {
    this.#disposed = true;
    for (const w of this.#workers) void w.terminate();
    this.#workers.length = 0;
    for (const p of this.#pending.values()) p.reject(new Error('hashing stopped'));
    this.#pending.clear();
  }

  #worker(): Worker {
    if (this.#workers.length < this.#size) {
      const worker = new Worker(workerSource, { eval: true });
      // Idle workers must never keep a finished command-line run alive.
      worker.unref();
      worker.on('message', (m: { id: number; digest: string; buffer: ArrayBuffer }) => {
        const p = this.#pending.get(m.id);
        if (!p) return;
        this.#pending.delete(m.id);
        p.resolve({ digest: m.digest, buffer: Buffer.from(m.buffer, p.offset, p.length) });
      });
      worker.on('error', (err) => {
        for (const p of this.#pending.values()) p.reject(err);
        this.#pending.clear();
        const i = this.#workers.indexOf(worker);
        if (i >= 0) this.#workers.splice(i, 1);
      });
      this.#workers.push(worker);
      return worker;
    }
    const worker = this.#workers[this.#next % this.#workers.length] as Worker;
    this.#next++;
    return worker;
  }
}
