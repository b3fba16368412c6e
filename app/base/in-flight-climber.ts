/**
 * How many objects to keep in flight, learned while a transfer runs. On
 * loopback or a LAN a few requests in flight already use the whole machine,
 * and more only cost memory; across a cloud's round trip (tens of ms) each
 * request mostly waits, and throughput grows with the requests in flight
 * until the link or the CPU is full. So Ferry starts at the configured
 * number, doubles it while each doubling buys at least GAIN more completions
 * per second, and steps back to the last size that paid once one does not.
 *
 * Only windows in which the limit was what held work back count (someone
 * waited for a slot): a job whose planner or disk is the bottleneck teaches
 * nothing about the network. After a long quiet spell the link may be
 * another one, so the size starts over; a settled size is re-tested now and
 * then, since a busy server or link can change under a long job.
 */

/** A doubling must raise completions per second by this factor to be kept. */
const GAIN = 1.15;
/** A window closes after this long and at least `limit / 2` completions (one half round of the pipeline). */
const MIN_WINDOW_MS = 40;
/** No completion for this long: the next one starts from the configured size. */
const IDLE_RESET_MS = 5_000;
/** A settled size is tried one step up again after this long. */
const RETEST_MS = 10_000;

export interface ClimberOptions {
  start: number;
  max: number;
  now?: () => number;
}

type Phase = 'measure' | 'probe' | 'settled';

export class InFlightClimber {
  readonly #start: number;
  readonly #max: number;
  readonly #now: () => number;
  #limit: number;
  #phase: Phase = 'measure';
  #windowStart = 0;
  #completions = 0;
  #waitsAtStart = 0;
  #lastDone = -Infinity;
  #before = { limit: 0, rate: 0 };
  #settledAt = 0;

  constructor(opts: ClimberOptions) {
    this.#start = Math.max(1, Math.floor(opts.start));
    this.#max = Math.max(this.#start, Math.floor(opts.max));
    this.#now = opts.now ?? (() => performance.now());
    this.#limit = this.#start;
  }

  get limit(): number {
    return this.#limit;
  }

  /** False when the configured size is fixed (start equals max): nothing to learn. */
  get adapts(): boolean {
    return this.#max > this.#start;
  }

  /**
   * One object finished. `waits` is the running count of acquisitions that
   * had to wait for a slot. Returns the new limit when it changes, else null.
   */
  done(waits: number): number | null {
    if (!this.adapts) return null;
    const now = this.#now();
    if (now - this.#lastDone > IDLE_RESET_MS) {
      this.#lastDone = now;
      const changed = this.#limit !== this.#start;
      this.#limit = this.#start;
      this.#phase = 'measure';
      this.#open(now, waits);
      return changed ? this.#limit : null;
    }
    this.#lastDone = now;
    this.#completions++;
    const elapsed = now - this.#windowStart;
    if (elapsed < MIN_WINDOW_MS || this.#completions < Math.max(4, this.#limit / 2)) return null;
    const saturated = waits > this.#waitsAtStart;
    const rate = (this.#completions * 1000) / elapsed;
    const old = this.#limit;
    if (this.#phase === 'settled') {
      if (now - this.#settledAt >= RETEST_MS && saturated && this.#limit < this.#max) this.#raise(rate);
    } else if (saturated) {
      if (this.#phase === 'measure') this.#raise(rate);
      else if (rate >= this.#before.rate * GAIN) this.#raise(rate);
      else this.#settle(now, this.#before.limit);
    }
    this.#open(now, waits);
    return this.#limit !== old ? this.#limit : null;
  }

  #raise(rate: number): void {
    if (this.#limit >= this.#max) {
      this.#settle(this.#now(), this.#limit);
      return;
    }
    this.#before = { limit: this.#limit, rate };
    this.#limit = Math.min(this.#max, this.#limit * 2);
    this.#phase = 'probe';
  }

  #settle(now: number, limit: number): void {
    this.#limit = limit;
    this.#phase = 'settled';
    this.#settledAt = now;
  }

  #open(now: number, waits: number): void {
    this.#windowStart = now;
    this.#completions = 0;
    this.#waitsAtStart = waits;
  }
}
