/**
 * How many objects to keep in flight, learned while a transfer runs. On
 * loopback or a LAN a few requests in flight already use the whole machine,
 * and more only cost memory; across a cloud's round trip (tens of ms) each
 * request mostly waits, and throughput grows with the requests in flight
 * until the link or the CPU is full. So Ferry starts at the configured
 * number and doubles it while each doubling buys at least GAIN more
 * completions per second, and goes back to the size before a doubling that
 * bought less: requests beyond what fills the link still cost CPU (a copy
 * on two cores spent 8 % more CPU at 128 in flight than at 64, for the same
 * throughput), and a gain a busy moment hid shows on the next re-test.
 *
 * Only windows in which the limit was what held work back count (someone
 * waited for a slot): a job whose planner or disk is the bottleneck teaches
 * nothing about the network. After a long quiet spell the link may be
 * another one, so the size starts over; a settled size is re-tested every
 * two seconds, since a busy moment or server can hide a real gain.
 */

/** A doubling must raise completions per second by this factor for the climb to go on. */
const GAIN = 1.1;
/**
 * A window closes after this long and at least two rounds of the pipeline
 * (twice the limit in completions): across a round trip, completions come in
 * bursts of up to `limit` once per round, and a window cut mid-burst would
 * see half the real rate.
 */
const MIN_WINDOW_MS = 40;
const ROUNDS_PER_WINDOW = 2;
/** No completion for this long: the next one starts from the configured size. */
const IDLE_RESET_MS = 5_000;
/** A settled size is tried one step up again after this long (a busy moment may have hidden a real gain). */
const RETEST_MS = 2_000;

export interface ClimberOptions {
  start: number;
  max: number;
  now?: () => number;
}

type Phase = 'measure' | 'probe' | 'retest' | 'settled';

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
    if (elapsed < MIN_WINDOW_MS || this.#completions < Math.max(8, this.#limit * ROUNDS_PER_WINDOW)) return null;
    const saturated = waits > this.#waitsAtStart;
    const rate = (this.#completions * 1000) / elapsed;
    const old = this.#limit;
    if (this.#phase === 'settled') {
      if (now - this.#settledAt >= RETEST_MS && saturated && this.#limit < this.#max) {
        this.#raise(rate, now);
        this.#phase = 'retest';
      }
    } else if (saturated) {
      if (this.#phase === 'measure') this.#raise(rate, now);
      else if (rate >= this.#before.rate * GAIN) this.#raise(rate, now);
      // A doubling (or a re-test) that bought too little is undone: its requests only cost CPU and memory.
      else this.#settle(now, this.#before.limit);
    }
    this.#open(now, waits);
    return this.#limit !== old ? this.#limit : null;
  }

  #raise(rate: number, now: number): void {
    if (this.#limit >= this.#max) {
      this.#settle(now, this.#limit);
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
