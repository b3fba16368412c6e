/** A tiny typed event bus: the core emits, each transport subscribes once and forwards. */
import type { EventName, Events } from '../api/contract.js';

export type EventListener = <N extends EventName>(name: N, payload: Events[N]) => void;

export class EventBus {
  readonly #listeners = new Set<EventListener>();

  subscribe(listener: EventListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  emit<N extends EventName>(name: N, payload: Events[N]): void {
    for (const listener of this.#listeners) listener(name, payload);
  }
}
