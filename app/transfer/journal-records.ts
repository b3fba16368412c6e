/**
 * The journal's records as schemas, so a restore reads what the file says
 * rather than trusting it: a record that does not parse (a hand edit, a disk
 * fault, a journal from another version) is reported and skipped whole,
 * never half-applied. A header that does not parse leaves the job out.
 */
import { z } from 'zod';
import { conflictPolicySchema, transferSourceSchema } from '../api/calls/transfer-calls.js';
import { itemRefSchema, locationSchema } from '../api/schemas.js';
import type { JobSource } from '../api/types.js';

const count = z.number().int().nonnegative();
const time = z.number().finite();
const transferMode = z.enum(['copy', 'move', 'edit', 'delete']);
const jobState = z.enum(['planning', 'running', 'paused', 'waiting', 'done', 'failed', 'cancelled']);
const transferMethod = z.enum(['server-copy', 'server-part-copy', 'single-put', 'multipart', 'download', 'delete', 'tagging']);
const transferError = z.object({ code: z.string(), message: z.string() });
const resumePoint = z.object({ srcIndex: count, cursor: z.string() });

/**
 * A stored source is one transfer.start accepts, or a rename's: the same
 * with `as`, the name it lands under, which no call but entry.rename sets.
 */
/** An object task's arguments are the task's to check (again) when it runs. */
const objectTaskSchema = z
  .object({
    kind: z.literal('object-task'),
    task: z.string().min(1),
    connectionId: z.string().min(1),
    bucket: z.string().min(1),
    keys: z.array(z.string().min(1)).min(1),
    args: z.unknown(),
    label: z.string(),
  })
  .strict();
const renamedAs = z.string().min(1).max(1024).optional();
const everyVersion = z.literal(true).optional();
const storedSource = z.custom<JobSource>((value) => {
  if (typeof value !== 'object' || value === null) return false;
  const { as, versions, ...source } = value as Record<string, unknown>;
  if (objectTaskSchema.safeParse(value).success) return true;
  return renamedAs.safeParse(as).success && everyVersion.safeParse(versions).success && transferSourceSchema.safeParse(source).success;
}, 'not a transfer source');

const storedItem = z.object({
  id: z.string().min(1),
  srcIndex: count,
  cursor: z.string(),
  source: itemRefSchema,
  relative: z.string(),
  size: count.nullable(),
  etag: z.string().optional(),
  lastModified: time.optional(),
  // A sync's item: where it lands when not the job's destination, or a delete.
  destination: locationSchema.optional(),
  remove: z.literal(true).optional(),
  versionId: z.string().optional(),
  destinationId: z.string(),
  method: transferMethod.optional(),
  error: transferError.optional(),
});

const counters = z.object({
  done: count,
  failed: count,
  skipped: count,
  bytesDone: count,
  itemsTotal: count.nullable(),
  bytesTotal: count,
  skippedBytes: count,
  popped: count,
  poppedBytes: count,
});

const upload = {
  id: z.string().min(1),
  connectionId: z.string().min(1),
  bucket: z.string().min(1),
  key: z.string().min(1),
  uploadId: z.string().min(1),
  partSize: count,
  size: count,
  checksum: z.literal('CRC32').optional(),
};

const part = { n: z.number().int().positive(), etag: z.string(), md5: z.string(), size: count, crc: z.string().optional() };

export const jobHeaderSchema = z.object({
  t: z.literal('job'),
  v: z.literal(1),
  id: z.string().min(1),
  mode: transferMode,
  label: z.string(),
  sources: z.array(storedSource).min(1),
  destination: locationSchema,
  conflict: conflictPolicySchema,
  startedAt: time,
  filters: z.object({ include: z.array(z.string()).optional(), exclude: z.array(z.string()).optional() }).optional(),
  afterwards: z.literal('delete-bucket').optional(),
  connections: z.record(z.string(), z.object({ label: z.string(), endpoint: z.string(), accessKeyId: z.string() })),
});

const recordSchema = z.discriminatedUnion('t', [
  jobHeaderSchema,
  z.object({ t: z.literal('state'), state: jobState, at: time, error: transferError.optional() }),
  z.object({ t: z.literal('conflict'), policy: conflictPolicySchema }),
  z.object({ t: z.literal('progress'), resume: resumePoint.nullable(), beyond: z.array(z.string()), counters }),
  z.object({ t: z.literal('fail'), item: storedItem }),
  z.object({ t: z.literal('unfail'), id: z.string() }),
  z.object({
    t: z.literal('mpu-intent'),
    id: z.string().min(1),
    connectionId: z.string().min(1),
    bucket: z.string().min(1),
    key: z.string().min(1),
    at: time,
  }),
  z.object({ t: z.literal('mpu'), ...upload }),
  z.object({ t: z.literal('part'), ...part, id: z.string().min(1) }),
  z.object({ t: z.literal('mpu-end'), id: z.string() }),
  z.object({ t: z.literal('tmp'), id: z.string(), path: z.string().min(1) }),
  z.object({ t: z.literal('tmp-end'), id: z.string() }),
  z.object({
    t: z.literal('dl'),
    id: z.string().min(1),
    path: z.string().min(1),
    etag: z.string(),
    size: z.number().int().min(0),
    partSize: z.number().int().min(1),
    aligned: z.boolean(),
  }),
  z.object({ t: z.literal('range'), id: z.string().min(1), n: z.number().int().min(1), md5: z.string().optional() }),
]);

/** A line of a journal that was left out, and why (the schema's words, never the line's content). */
export interface SkippedRecord {
  line: number;
  reason: string;
}

/** One record, checked; the reason names the field that failed. */
export function parseRecord(value: unknown): { ok: true; record: z.infer<typeof recordSchema> } | { ok: false; reason: string } {
  const parsed = recordSchema.safeParse(value);
  if (parsed.success) return { ok: true, record: parsed.data };
  const first = parsed.error.issues[0];
  const where = first && first.path.length > 0 ? first.path.join('.') : 'record';
  return { ok: false, reason: `${where}: ${first?.message ?? 'invalid'}` };
}
