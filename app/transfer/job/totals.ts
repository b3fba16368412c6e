/**
 * A job's counts and totals. Totals grow as the planner expands the sources
 * (so a job of a million keys reports what it knows so far) and become final
 * when planning ends; skipped items leave the byte total, failed ones stay in
 * it. A restored job shows the totals it had until its planner runs again.
 */
import type { ItemBook } from './item-book.js';
import type { Counters } from '../journal.js';
import type { Lookahead } from '../plan/planner.js';

export class JobTotals {
  done = 0;
  failed = 0;
  skipped = 0;
  /** Bytes moved so far, including items in flight (taken back if they fail or pause). */
  bytesDone = 0;
  /** Bytes of items finished for good: what a restart can count on. */
  finishedBytes = 0;
  skippedBytes = 0;
  /** Sizes learnt while running (a single chosen object is planned without one). */
  sizeFixups = 0;
  /** The items whose size was learnt so, each counted once however many attempts it took. */
  readonly #learnt = new Set<string>();
  /** Items planned without a size by planners before the current one. */
  baseUnsized = 0;
  /** Items and bytes planned before the current planner started (a restart, or a retry after a listing failed). */
  basePlanned = 0;
  basePlannedBytes = 0;
  planner: Lookahead | null = null;
  plannerFailed = false;
  #restored: { items: number | null; bytes: number } | null = null;

  restore(c: Counters): void {
    this.done = c.done;
    this.skipped = c.skipped;
    this.finishedBytes = c.bytesDone;
    this.bytesDone = c.bytesDone;
    this.skippedBytes = c.skippedBytes;
    this.basePlanned = c.popped;
    this.basePlannedBytes = c.poppedBytes;
    this.#restored = { items: c.itemsTotal, bytes: c.bytesTotal };
  }

  itemsPlanned(): number {
    return this.basePlanned + (this.planner?.planned ?? 0);
  }

  itemsTotal(): number | null {
    if (!this.planner && this.#restored) return this.#restored.items;
    return this.planner?.finished && !this.plannerFailed ? this.itemsPlanned() : null;
  }

  bytesTotal(): number {
    if (!this.planner && this.#restored) return this.#restored.bytes;
    return this.basePlannedBytes + (this.planner?.plannedBytes ?? 0) + this.sizeFixups - this.skippedBytes;
  }

  /** An item planned without a size ran and found it: it joins the byte total. */
  learnSize(id: string, bytes: number): void {
    if (this.#learnt.has(id)) return;
    this.#learnt.add(id);
    this.sizeFixups += bytes;
  }

  /**
   * The byte total for progress and the time left. While items planned without a size wait (a selection of objects
   * is planned key by key, and each learns its size when it runs), the known total would read as "done" long
   * before the job is: those items count at the average size of the rest, and the total says it is an estimate.
   */
  bytesEstimate(): { bytes: number; estimated: boolean } {
    const known = this.bytesTotal();
    const unsized = this.baseUnsized + (this.planner?.plannedUnsized ?? 0) - this.#learnt.size;
    if (unsized <= 0) return { bytes: known, estimated: false };
    const sized = this.itemsPlanned() - unsized;
    if (sized <= 0 || known <= 0) return { bytes: known, estimated: false };
    return { bytes: Math.round(known + (known / sized) * unsized), estimated: true };
  }

  /** Starts counting afresh for a new planner, keeping what the old one planned. */
  replan(): void {
    this.basePlanned = this.itemsPlanned();
    this.baseUnsized += this.planner?.plannedUnsized ?? 0;
    this.basePlannedBytes += this.planner?.plannedBytes ?? 0;
    this.planner = null;
    this.plannerFailed = false;
  }

  counters(book: ItemBook): Counters {
    return {
      done: this.done,
      failed: this.failed,
      skipped: this.skipped,
      bytesDone: this.finishedBytes,
      itemsTotal: this.itemsTotal(),
      bytesTotal: this.bytesTotal(),
      skippedBytes: this.skippedBytes,
      popped: book.popped,
      poppedBytes: book.poppedBytes,
    };
  }
}
