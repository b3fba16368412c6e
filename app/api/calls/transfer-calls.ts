import { z } from 'zod';
import type { JobSnapshot } from '../types.js';
import { call } from '../define-call.js';
import { itemRefSchema, locationSchema, noArgs } from '../schemas.js';

export const transferCalls = {
  'transfer.copy': call<JobSnapshot>()(z.object({ source: itemRefSchema, destination: locationSchema }).strict()),
  'transfer.list': call<JobSnapshot[]>()(noArgs),
} as const;

/** Progress is throttled at the source, never polled. */
export interface TransferEvents {
  'transfer.progress': JobSnapshot;
}
