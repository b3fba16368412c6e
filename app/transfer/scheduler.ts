/**
 * The engine's global limits, shared by every job: objects in flight, parts in
 * flight, bytes held in memory, requests per endpoint and the read rate.
 * Acquired in that order (object → part → memory → socket) and socket slots
 * are never held while waiting for anything else, so no two holders can wait
 * on each other.
 */
import { Bandwidth } from '../base/bandwidth.js';
import { InFlightClimber } from '../base/in-flight-climber.js';
import { Semaphore } from '../base/semaphore.js';
import type { TransferTuning } from './tuning.js';

export class Scheduler {
  readonly objects: Semaphore;
  readonly parts: Semaphore;
  readonly memory: Semaphore;
  readonly bandwidth: Bandwidth | null;
  readonly #endpoints = new Map<string, Semaphore>();
  readonly #climber: InFlightClimber;

  constructor(readonly tuning: TransferTuning) {
    this.objects = new Semaphore(tuning.objectsInFlight);
    this.#climber = new InFlightClimber({ start: tuning.objectsInFlight, max: tuning.objectsInFlightMax });
    this.parts = new Semaphore(tuning.partsInFlight);
    this.memory = new Semaphore(tuning.memoryBytes);
    this.bandwidth = tuning.bandwidthBytesPerSecond ? new Bandwidth(tuning.bandwidthBytesPerSecond) : null;
  }

  /** One item finished: the number of items in flight may change with what it taught (base/in-flight-climber.ts). */
  objectDone(): void {
    const next = this.#climber.done(this.objects.waits);
    if (next !== null) this.objects.resize(next);
  }

  /** Request slots for one endpoint (scheme://host:port), shared by every connection to it. */
  endpoint(key: string): Semaphore {
    let s = this.#endpoints.get(key);
    if (!s) {
      s = new Semaphore(this.tuning.socketsPerEndpoint);
      this.#endpoints.set(key, s);
    }
    return s;
  }
}
