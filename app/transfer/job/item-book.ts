/**
 * A job's bookkeeping of items without holding them all: the active,
 * waiting and failed ones, a bounded window of recently finished ones, and
 * the resume point. Items enter in plan order; the resume point is the last
 * item before the oldest unfinished one, so everything up to it is done and a
 * restart can list from there. Items finished past it are remembered by id
 * until the point catches up.
 */
import type { JobItemSnapshot } from '../../api/types.js';
import type { ItemWork } from '../item/context.js';
import type { StoredItem } from '../journal.js';
import type { PlannedItem, ResumePoint } from '../plan/planner.js';

const RECENT_KEPT = 1000;

interface OrderEntry {
  id: string;
  srcIndex: number;
  cursor: string;
  size: number;
  finished: boolean;
}

export function itemSnapshot(item: ItemWork): JobItemSnapshot {
  return {
    id: item.planned.id,
    source: item.planned.source,
    destinationId: item.destinationId,
    state: item.state,
    bytesTotal: item.bytesTotal,
    bytesDone: item.bytesDone,
    ...(item.method ? { method: item.method } : {}),
    ...(item.error ? { error: item.error } : {}),
  };
}

/** What the journal keeps of a failed item, so "retry failed" works after a restart. */
export function storedItem(item: ItemWork): StoredItem {
  return {
    ...item.planned,
    destinationId: item.destinationId,
    ...(item.method ? { method: item.method } : {}),
    ...(item.error ? { error: item.error } : {}),
  };
}

export function itemFromStored(s: StoredItem): ItemWork {
  const { destinationId, method, error, ...planned } = s;
  return {
    planned,
    seq: 0,
    state: 'failed',
    destinationId,
    bytesTotal: planned.size ?? 0,
    bytesDone: 0,
    ...(method ? { method } : {}),
    ...(error ? { error } : {}),
  };
}

export class ItemBook {
  readonly active = new Map<string, ItemWork>();
  readonly failed = new Map<string, ItemWork>();
  /** Waiting for the user's answer to a conflict. */
  parked: ItemWork[] = [];
  /** Paused or retried items, run before the planner's next. */
  pending: ItemWork[] = [];
  readonly #recent: ItemWork[] = [];
  #order: OrderEntry[] = [];
  #head = 0;
  readonly #entries = new Map<string, OrderEntry>();
  resume: ResumePoint | null;
  /** Items (and their bytes) behind the resume point. */
  popped: number;
  poppedBytes: number;
  #seq = 0;

  constructor(resume: ResumePoint | null = null, popped = 0, poppedBytes = 0) {
    this.resume = resume;
    this.popped = popped;
    this.poppedBytes = poppedBytes;
  }

  /** A freshly planned item enters the order. */
  admit(planned: PlannedItem): ItemWork {
    const entry: OrderEntry = {
      id: planned.id,
      srcIndex: planned.srcIndex,
      cursor: planned.cursor,
      size: planned.size ?? 0,
      finished: false,
    };
    this.#order.push(entry);
    this.#entries.set(planned.id, entry);
    return {
      planned,
      seq: ++this.#seq,
      state: 'queued',
      destinationId: '',
      bytesTotal: planned.size ?? 0,
      bytesDone: 0,
    };
  }

  /** An item planned but already finished in an earlier run: it only moves the resume point. */
  admitFinished(planned: PlannedItem): void {
    this.admit(planned);
    this.finish(planned.id, null);
  }

  /** Marks an item finished (done, skipped or failed) and advances the resume point. */
  finish(id: string, item: ItemWork | null): void {
    const entry = this.#entries.get(id);
    if (entry) {
      entry.finished = true;
      if (item) entry.size = item.bytesTotal;
    }
    if (item && (item.state === 'done' || item.state === 'skipped')) {
      this.#recent.push(item);
      if (this.#recent.length > RECENT_KEPT) this.#recent.shift();
    }
    while (this.#head < this.#order.length && (this.#order[this.#head] as OrderEntry).finished) {
      const e = this.#order[this.#head++] as OrderEntry;
      this.#entries.delete(e.id);
      this.resume = { srcIndex: e.srcIndex, cursor: e.cursor };
      this.popped++;
      this.poppedBytes += e.size;
    }
    if (this.#head > 4096 && this.#head * 2 > this.#order.length) {
      this.#order = this.#order.slice(this.#head);
      this.#head = 0;
    }
  }

  /** Ids finished past the resume point: a restart skips them. */
  beyond(): string[] {
    const out: string[] = [];
    for (let i = this.#head; i < this.#order.length; i++) {
      const e = this.#order[i] as OrderEntry;
      if (e.finished) out.push(e.id);
    }
    return out;
  }

  /** Every item worth showing: active, waiting, failed, then the recently finished (newest first). */
  listed(onlyFailed: boolean): ItemWork[] {
    if (onlyFailed) return [...this.failed.values()];
    return [...this.active.values(), ...this.parked, ...this.pending, ...this.failed.values(), ...[...this.#recent].reverse()];
  }

  /** Items that may hold a multipart upload or a temp file. */
  unfinished(): ItemWork[] {
    return [...this.active.values(), ...this.parked, ...this.pending, ...this.failed.values()];
  }
}
