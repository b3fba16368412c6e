import { z } from 'zod';
import type { JobItemSnapshot, JobSnapshot } from '../types.js';
import { call } from '../define-call.js';
import { syncSourceSchema } from './sync-calls.js';
import { MAX_KEY_BYTES } from '../limits.js';
import { idSchema, itemRefSchema, locationSchema, noArgs } from '../schemas.js';

const prefixSourceSchema = z
  .object({
    kind: z.literal('s3-prefix'),
    connectionId: idSchema,
    bucket: z.string().min(1).max(255),
    prefix: z.string().max(MAX_KEY_BYTES),
  })
  .strict();

export const transferSourceSchema = z.discriminatedUnion('kind', [...itemRefSchema.options, prefixSourceSchema, syncSourceSchema]);

export const conflictPolicySchema = z.enum(['ask', 'skip', 'overwrite', 'keep-both', 'overwrite-if-newer', 'overwrite-if-different']);

const jobId = z.object({ jobId: idSchema }).strict();

export const transferCalls = {
  'transfer.start': call<JobSnapshot>()(
    z
      .object({
        sources: z.array(transferSourceSchema).min(1, 'choose at least one thing to transfer').max(10_000),
        destination: locationSchema,
        mode: z.enum(['copy', 'move']).default('copy'),
        conflict: conflictPolicySchema.default('ask'),
      })
      .strict(),
  ),
  'transfer.pause': call<JobSnapshot>()(jobId),
  'transfer.resume': call<JobSnapshot>()(jobId),
  'transfer.cancel': call<JobSnapshot>()(jobId),
  /** Runs the job's failed items again. */
  'transfer.retry': call<JobSnapshot>()(jobId),
  'transfer.answer': call<JobSnapshot>()(
    z.object({ jobId: idSchema, decision: z.enum(['skip', 'overwrite', 'keep-both']), applyToAll: z.boolean() }).strict(),
  ),
  /** Removes a job that has ended from the list and the journal. */
  'transfer.dismiss': call<{ removed: boolean }>()(jobId),
  'transfer.list': call<JobSnapshot[]>()(noArgs),
  'transfer.items': call<{ items: JobItemSnapshot[]; total: number }>()(
    z
      .object({
        jobId: idSchema,
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(1000).default(200),
        only: z.literal('failed').optional(),
      })
      .strict(),
  ),
} as const;

/** Progress is throttled at the source and batched: one event carries every job that changed. */
export interface TransferEvents {
  'transfer.progress': JobSnapshot[];
}
