import { z } from 'zod';
import type { JobSnapshot } from '../types.js';
import { call } from '../define-call.js';
import { absolutePath, idSchema, itemRefSchema, keySchema, locationSchema } from '../schemas.js';

/** Checked by the core against every S3 naming rule (with the rule named); here only bounded. */
const bucketName = z.string().max(255);
const entryName = z.string().max(1024);

export const s3Selection = z
  .object({
    kind: z.literal('s3'),
    connectionId: idSchema,
    bucket: z.string().min(1).max(255),
    /** Sizes come from the listing the user sees; they only feed the summary's total. */
    objects: z.array(z.object({ key: keySchema, size: z.number().int().min(0).optional() }).strict()).max(100_000),
    folders: z.array(keySchema.refine((k) => k.endsWith('/'), 'a folder prefix ends with "/"')).max(10_000),
  })
  .strict();

const localSelection = z.object({ kind: z.literal('local'), paths: z.array(absolutePath).min(1).max(100_000) }).strict();

export const selectionSchema = z.discriminatedUnion('kind', [s3Selection, localSelection]);

export interface DeleteSummaryResult {
  objects: number;
  folders: number;
  totalObjects: number;
  totalBytes: number;
  more: boolean;
  versioning: 'enabled' | 'suspended' | 'off' | 'local';
  message: string;
  /** Local files only: whether every one can go to the system's trash (else only "Delete permanently" removes them). */
  trash?: boolean;
}

export interface DeleteRunResult {
  deleted: number;
  failed: number;
  failures: { key: string; code: string; message: string }[];
}

/** Managing what is in the buckets (and in local folders): create, rename, delete. */
export const manageCalls = {
  'bucket.create': call<{ bucket: string }>()(
    z
      .object({
        connectionId: idSchema,
        name: bucketName,
        region: z.string().trim().min(1).max(64).optional(),
        versioning: z.boolean().optional(),
        objectLock: z.boolean().optional(),
      })
      .strict(),
  ),
  /** Deletes an empty bucket; a bucket that is not empty is refused ('conflict') with its object and version counts. */
  'bucket.delete': call<{ deleted: true }>()(z.object({ connectionId: idSchema, bucket: bucketName.min(1) }).strict()),
  /** Starts a delete job in Transfers over every key (every version, where the bucket keeps them), then the bucket. */
  'bucket.emptyAndDelete': call<{ job: JobSnapshot }>()(
    z.object({ connectionId: idSchema, bucket: bucketName.min(1), confirmName: z.string().max(255) }).strict(),
  ),
  /** A zero-byte `name/` marker in a bucket, or a directory on disk. */
  'folder.create': call<{ id: string }>()(z.object({ location: locationSchema, name: entryName }).strict()),
  /** An object or folder (key ending in '/') renamed through a move job; a local file or folder renamed at once. */
  'entry.rename': call<{ id: string; job?: JobSnapshot }>()(z.object({ item: itemRefSchema, name: entryName }).strict()),
  'delete.summary': call<DeleteSummaryResult>()(z.object({ selection: selectionSchema }).strict()),
  /**
   * A delete in a bucket as a job in Transfers (progress, pause, resume after a restart, a failure per key);
   * the window uses it for selections of more than a thousand objects and `delete.run` for smaller ones.
   */
  'delete.start': call<{ job: JobSnapshot }>()(
    z
      .object({
        selection: s3Selection,
        /** Every version and delete marker too; needs `confirmName` equal to the bucket's name. */
        permanently: z.boolean().default(false),
        confirmName: z.string().max(255).optional(),
      })
      .strict(),
  ),
  'delete.run': call<DeleteRunResult>()(
    z
      .object({
        selection: selectionSchema,
        /**
         * In a bucket: every version and delete marker too; needs `confirmName` equal to the bucket's name.
         * Local files: removed for good rather than sent to the system's trash.
         */
        permanently: z.boolean().default(false),
        confirmName: z.string().max(255).optional(),
      })
      .strict(),
  ),
} as const;
