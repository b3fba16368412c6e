/**
 * A token bucket shared by every transfer: bytes read from a source take
 * tokens, so the total read rate stays under the limit however many parts are
 * in flight. Reads wait (and so apply backpressure); nothing is dropped.
 */
import { sleep } from './sleep.js';

export class Bandwidth {
  #tokens: number;
  #last = Date.now();
  readonly #burst: number;

  constructor(readonly bytesPerSecond: number) {
    // A tenth of a second's worth smooths bursts without letting them exceed the rate for long.
    this.#burst = Math.max(64 * 1024, Math.floor(bytesPerSecond / 10));
    this.#tokens = this.#burst;
  }

  async take(bytes: number, signal?: AbortSignal): Promise<void> {
    let owed = bytes;
    while (owed > 0) {
      this.#refill();
      const grant = Math.min(owed, Math.max(this.#tokens, 0));
      if (grant > 0) {
        this.#tokens -= grant;
        owed -= grant;
        continue;
      }
      const wait = Math.ceil((Math.min(owed, this.#burst) / this.bytesPerSecond) * 1000);
      await sleep(Math.max(wait, 5), signal);
    }
  }

  #refill(): void {
    const now = Date.now();
    this.#tokens = Math.min(this.#burst, this.#tokens + ((now - this.#last) / 1000) * this.bytesPerSecond);
    this.#last = now;
  }
}
