/**
 * The local entries a compare leaves out (not files: a link to nothing, a
 * link back up, a pipe), kept as a count and the first few named: enough for
 * a user to see what is missing, bounded on a folder of a million sockets.
 */
import type { LeftOutEntries } from '../api/types.js';

/** Entries named with their reason; past these only the count grows. */
export const LEFT_OUT_NAMED = 20;

export class LeftOutList {
  /** Every path once: a job's planner that starts again from its resume point walks some entries twice. */
  readonly #seen = new Set<string>();
  readonly #first: LeftOutEntries['first'] = [];

  get count(): number {
    return this.#seen.size;
  }

  /** A ListDeps.leftOut callback: `list.note`. */
  readonly note = (path: string, reason: string): void => {
    if (this.#seen.has(path)) return;
    this.#seen.add(path);
    if (this.#first.length < LEFT_OUT_NAMED) this.#first.push({ path, reason });
  };

  /** A copy to send (none while nothing was left out). */
  snapshot(): LeftOutEntries | undefined {
    return this.count > 0 ? { count: this.count, first: [...this.#first] } : undefined;
  }
}
