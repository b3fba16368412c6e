/**
 * A weighted semaphore with FIFO order and abortable waits. FIFO matters: a
 * waiter asking for a whole part's worth of memory must not starve behind an
 * endless stream of small requests.
 */
import { setMaxListeners } from 'node:events';

interface Waiter {
  amount: number;
  resolve: () => void;
  reject: (err: unknown) => void;
  signal: AbortSignal | undefined;
  onAbort: () => void;
}

export class Semaphore {
  #capacity: number;
  #available: number;
  #waits = 0;
  readonly #waiters: Waiter[] = [];

  constructor(capacity: number) {
    this.#capacity = capacity;
    this.#available = capacity;
  }

  get capacity(): number {
    return this.#capacity;
  }

  /** Acquisitions so far that had to wait: a rising count means the capacity is what holds work back. */
  get waits(): number {
    return this.#waits;
  }

  /**
   * Changes the capacity. Shrinking takes effect as holders release (nobody
   * is interrupted); growing lets waiters in at once.
   */
  resize(capacity: number): void {
    this.#available += capacity - this.#capacity;
    this.#capacity = capacity;
    this.#drain();
  }

  get available(): number {
    return this.#available;
  }

  get waiting(): number {
    return this.#waiters.length;
  }

  /** Waits for `amount` (clamped to the capacity, so one large request can never wait forever). */
  async acquire(amount = 1, signal?: AbortSignal): Promise<number> {
    const want = Math.min(Math.max(amount, 0), this.#capacity);
    signal?.throwIfAborted();
    if (this.#waiters.length === 0 && this.#available >= want) {
      this.#available -= want;
      return want;
    }
    this.#waits++;
    await new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        amount: want,
        resolve,
        reject,
        signal,
        onAbort: () => {
          const i = this.#waiters.indexOf(waiter);
          if (i >= 0) this.#waiters.splice(i, 1);
          reject(signal?.reason);
          this.#drain();
        },
      };
      signal?.addEventListener('abort', waiter.onAbort, { once: true });
      this.#waiters.push(waiter);
    });
    return want;
  }

  release(amount = 1): void {
    this.#available = Math.min(this.#capacity, this.#available + amount);
    this.#drain();
  }

  /** Runs fn holding `amount`; releases whatever happens. */
  async with<T>(amount: number, signal: AbortSignal | undefined, fn: () => Promise<T>): Promise<T> {
    const held = await this.acquire(amount, signal);
    try {
      return await fn();
    } finally {
      this.release(held);
    }
  }

  #drain(): void {
    while (this.#waiters.length > 0) {
      const next = this.#waiters[0] as Waiter;
      if (next.amount > this.#available) return;
      this.#waiters.shift();
      this.#available -= next.amount;
      next.signal?.removeEventListener('abort', next.onAbort);
      next.resolve();
    }
  }
}

/**
 * A signal many waiters listen to at once (every part, request and queue
 * wait of a job): Node warns past ten listeners, which here is normal load.
 */
export function sharedSignal(controller: AbortController): AbortController {
  setMaxListeners(0, controller.signal);
  return controller;
}

/** Aborts when any of `signals` does, shared by many listeners like sharedSignal. */
export function anySignal(signals: AbortSignal[]): AbortSignal {
  const s = AbortSignal.any(signals);
  setMaxListeners(0, s);
  return s;
}
