/**
 * Transfer jobs and their progress. Progress is pushed, never polled, and
 * throttled here at the source: bytes counted per chunk only mark a job dirty,
 * and one timer publishes dirty jobs about ten times a second in total.
 * State changes (done, failed) are published at once.
 */
import { randomUUID } from 'node:crypto';
import type { JobSnapshot } from '../api/types.js';
import type { EventBus } from '../core/event-bus.js';

const PUBLISH_INTERVAL_MS = 100;

export class JobRegistry {
  readonly #jobs = new Map<string, JobSnapshot>();
  readonly #dirty = new Set<string>();
  #timer: NodeJS.Timeout | undefined;

  constructor(private readonly bus: EventBus) {}

  create(init: Omit<JobSnapshot, 'id' | 'state' | 'bytesDone' | 'startedAt'>): JobSnapshot {
    const job: JobSnapshot = { ...init, id: randomUUID(), state: 'queued', bytesDone: 0, startedAt: Date.now() };
    this.#jobs.set(job.id, job);
    this.#publishNow(job.id);
    return { ...job };
  }

  get(id: string): JobSnapshot | undefined {
    const job = this.#jobs.get(id);
    return job ? { ...job } : undefined;
  }

  list(): JobSnapshot[] {
    return [...this.#jobs.values()].map((j) => ({ ...j }));
  }

  /** Frequent, cheap updates (bytes moved): published on the next tick. */
  progress(id: string, patch: Partial<JobSnapshot>): void {
    const job = this.#jobs.get(id);
    if (!job) return;
    Object.assign(job, patch);
    this.#dirty.add(id);
    this.#timer ??= setTimeout(() => this.#flush(), PUBLISH_INTERVAL_MS);
  }

  /** A change of state: published at once. */
  transition(id: string, patch: Partial<JobSnapshot>): void {
    const job = this.#jobs.get(id);
    if (!job) return;
    Object.assign(job, patch);
    if (job.state === 'done' || job.state === 'failed' || job.state === 'cancelled') job.endedAt = Date.now();
    this.#publishNow(id);
  }

  dispose(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #publishNow(id: string): void {
    this.#dirty.delete(id);
    const job = this.#jobs.get(id);
    if (job) this.bus.emit('transfer.progress', { ...job });
  }

  #flush(): void {
    this.#timer = undefined;
    const ids = [...this.#dirty];
    this.#dirty.clear();
    for (const id of ids) {
      const job = this.#jobs.get(id);
      if (job) this.bus.emit('transfer.progress', { ...job });
    }
  }
}
