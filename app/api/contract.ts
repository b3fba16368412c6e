/**
 * The one contract between Ferry's UI and its core. Every call is declared
 * once, in the file of its domain under calls/: its name, the zod schema of
 * its arguments and the type of its result. Transports (Electron IPC, the
 * serve-mode WebSocket) are generic and know nothing but this table; the
 * renderer imports its types only.
 */
import type { z } from 'zod';
import { appCalls } from './calls/app-calls.js';
import { awsProfileCalls } from './calls/aws-profile-calls.js';
import { browseCalls } from './calls/browse-calls.js';
import { connectionCalls, type ConnectionEvents } from './calls/connection-calls.js';
import { inspectCalls } from './calls/inspect-calls.js';
import { manageCalls } from './calls/manage-calls.js';
import { transferCalls, type TransferEvents } from './calls/transfer-calls.js';
import { searchCalls } from './calls/search-calls.js';
import { uploadCalls } from './calls/upload-calls.js';
import { workspaceCalls } from './calls/workspace-calls.js';
import { syncCalls, type SyncEvents } from './calls/sync-calls.js';

export const calls = {
  ...appCalls,
  ...connectionCalls,
  ...awsProfileCalls,
  ...browseCalls,
  ...transferCalls,
  ...uploadCalls,
  ...workspaceCalls,
  ...searchCalls,
  ...inspectCalls,
  ...syncCalls,
  ...manageCalls,
} as const;

export type Calls = typeof calls;
export type CallName = keyof Calls;
export type CallArgs<N extends CallName> = z.input<Calls[N]['args']>;
export type ParsedArgs<N extends CallName> = z.output<Calls[N]['args']>;
export type CallResult<N extends CallName> = NonNullable<Calls[N]['result']>;

/** Every event the core pushes. */
export interface Events extends ConnectionEvents, TransferEvents, SyncEvents {}
export type EventName = keyof Events;

export function isCallName(name: unknown): name is CallName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(calls, name);
}
