import { z } from 'zod';
import type { CompareCounts, CompareRow, JobSnapshot, LeftOutEntries, PlanPreview, PreviewRow, SyncPlanSummary } from '../types.js';
import { call } from '../define-call.js';
import { idSchema, locationSchema } from '../schemas.js';

/** Resolutions travel in the request (and the job's journal): bounded like the window's rows of a class. */
const MAX_RESOLVED = 5_000;

const globs = z.array(z.string().min(1).max(1024)).max(100);

export const compareOptionsSchema = z
  .object({ mtime: z.boolean().optional(), deep: z.boolean().optional(), include: globs.optional(), exclude: globs.optional() })
  .strict();

export const syncRequestSchema = z
  .object({
    left: locationSchema,
    right: locationSchema,
    mode: z.enum(['mirror', 'newer']).default('mirror'),
    delete: z.boolean().default(false),
    compare: compareOptionsSchema.default({}),
    resolve: z
      .record(z.string().min(1).max(1024), z.enum(['left', 'right']))
      .refine(
        (r) => Object.keys(r).length <= MAX_RESOLVED,
        `At most ${MAX_RESOLVED.toLocaleString('en-US')} conflicts can be resolved at once.`,
      )
      .optional(),
  })
  .strict()
  .refine((s) => s.resolve === undefined || s.mode === 'newer', {
    message: 'Conflicts are resolved only in a two-way sync.',
    path: ['resolve'],
  });

export const syncSourceSchema = z
  .object({
    kind: z.literal('sync'),
    sync: syncRequestSchema,
    expect: z
      .string()
      .regex(/^[0-9a-f]{32}$/)
      .optional(),
  })
  .strict();

/**
 * Rows of a running compare, pushed in key order a batch at a time (the first
 * ROWS_PER_CLASS of each class; the counts cover every key); the last batch
 * has `done` and the plans.
 */
export interface CompareProgress {
  compareId: string;
  rows: CompareRow[];
  counts: CompareCounts;
  done: boolean;
  /** Once the compare is done: the plans a sync of the compare's mode would run now, without and with deletes (the same plan for a two-way sync, which never deletes). */
  plans?: { keep: SyncPlanSummary; delete: SyncPlanSummary };
  /** What the sync would do so far, without and with deletes: counts and the first rows of each action. */
  previews: { keep: PlanPreview; delete: PlanPreview };
  error?: { code: string; message: string };
  /** Local entries left out because they are not files (a link to nothing, a pipe, a link back up): the first named. */
  leftOut?: LeftOutEntries;
}

/** Rows of each class a compare sends to the window; past these only the counts grow. */
export const ROWS_PER_CLASS = 5000;

/** Rows of one preview action a page brings at most. */
export const PREVIEW_PAGE_MAX = 500;

export interface SyncEvents {
  'sync.progress': CompareProgress;
}

export const syncCalls = {
  /** Starts a compare; its rows arrive as `sync.progress` events. */
  'sync.compare': call<{ compareId: string }>()(
    z
      .object({
        left: locationSchema,
        right: locationSchema,
        compare: compareOptionsSchema.default({}),
        mode: z.enum(['mirror', 'newer']).default('mirror'),
        delete: z.boolean().default(false),
      })
      .strict(),
  ),
  'sync.cancelCompare': call<{ cancelled: boolean }>()(z.object({ compareId: idSchema }).strict()),
  /**
   * The next rows of one action of a sync's plan after `after` (a key), in key order: "show all" in the window.
   * `next` is where the following page starts; absent when the plan has no more.
   */
  'sync.previewPage': call<{ rows: PreviewRow[]; next?: string }>()(
    z
      .object({
        sync: syncRequestSchema,
        action: z.enum(['upload', 'overwrite', 'delete', 'conflict', 'skip']),
        after: z.string().max(4096).optional(),
        limit: z.number().int().min(1).max(PREVIEW_PAGE_MAX).default(200),
      })
      .strict(),
  ),
  /** Walks the plan without changing anything. */
  'sync.dryRun': call<SyncPlanSummary>()(syncRequestSchema),
  /** Runs a sync as a transfer job; with `expect`, only if the plan is still that one. */
  'sync.start': call<JobSnapshot>()(
    z
      .object({
        sync: syncRequestSchema,
        expect: z
          .string()
          .regex(/^[0-9a-f]{32}$/)
          .optional(),
      })
      .strict(),
  ),
};
