/** The messages both transports carry. Serve mode sends them as JSON text frames. */
import type { FerryErrorData } from './errors.js';
import type { EventName, Events } from './contract.js';

export type CallOutcome<T = unknown> = { ok: true; value: T } | { ok: false; error: FerryErrorData };

export interface WireCall {
  type: 'call';
  id: number;
  method: string;
  args: unknown;
}

/**
 * The page no longer wants the answer to call `id` (a pane navigated away):
 * the core stops its work, and the call ends with a `cancelled` error. A
 * cancel for a call that already ended is ignored.
 */
export interface WireCancel {
  type: 'cancel';
  id: number;
}

/** What the page sends. */
export type ClientMessage = WireCall | WireCancel;

export interface WireResult {
  type: 'result';
  id: number;
  outcome: CallOutcome;
}

/** One member per event, so narrowing on `name` narrows `payload` too. */
export type WireEvent = { [N in EventName]: { type: 'event'; name: N; payload: Events[N] } }[EventName];

export type ServerMessage = WireResult | WireEvent;
