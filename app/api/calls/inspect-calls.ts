import { z } from 'zod';
import type { EditItemResult, EditResult, ObjectInspection, PresignedLink, SelectionSummary } from '../inspect-types.js';
import type { JobSnapshot } from '../transfer-types.js';
import { call } from '../define-call.js';
import { idSchema, keySchema } from '../schemas.js';

export const s3ItemSchema = z
  .object({ kind: z.literal('s3'), connectionId: idSchema, bucket: z.string().min(1).max(255), key: keySchema })
  .strict();

/** Several objects of one bucket: a pane's selection. */
export const selectionSchema = z
  .object({
    connectionId: idSchema,
    bucket: z.string().min(1).max(255),
    keys: z.array(keySchema).min(1).max(10_000),
  })
  .strict();

const headerValue = z.string().max(2048);
/** A header set to '' is removed. */
const headersSchema = z
  .object({
    contentType: headerValue.optional(),
    cacheControl: headerValue.optional(),
    contentDisposition: headerValue.optional(),
    contentEncoding: headerValue.optional(),
    contentLanguage: headerValue.optional(),
    expires: headerValue.optional(),
    websiteRedirect: headerValue.optional(),
  })
  .strict();

export const pairsEditSchema = z
  .object({
    put: z.record(z.string().min(1, 'a name cannot be empty').max(1024), z.string().max(4096)).optional(),
    remove: z.array(z.string().min(1).max(1024)).max(1000).optional(),
  })
  .strict();

/** HTTP headers, user metadata, storage class: what a copy onto itself can change. */
export const attributeEditSchema = z
  .object({ headers: headersSchema.optional(), metadata: pairsEditSchema.optional(), storageClass: z.string().max(64).optional() })
  .strict();

/** An edit of several objects as a job: their attributes, or their tags. */
export const editTaskSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('attributes'), edit: attributeEditSchema }).strict(),
  z.object({ kind: z.literal('tags'), edit: pairsEditSchema }).strict(),
]);

const versionIdSchema = z.string().min(1).max(1024);

/** The inspector: everything an object carries, section by section, and the summary of a selection. */
export const inspectCalls = {
  'inspect.object': call<ObjectInspection>()(z.object({ item: s3ItemSchema }).strict()),
  'inspect.summary': call<SelectionSummary>()(selectionSchema),
  /** HTTP headers, user metadata, storage class: a copy of each object onto itself with these replaced. */
  'inspect.edit': call<EditResult>()(selectionSchema.extend({ edit: attributeEditSchema })),
  'inspect.editTags': call<EditResult>()(selectionSchema.extend({ edit: pairsEditSchema })),
  /**
   * The same edit over many objects as a job in Transfers (pause, resume, cancel, failures listed, survives a restart).
   * Every value is checked against S3's limits before the job starts.
   */
  'inspect.startEditJob': call<JobSnapshot>()(selectionSchema.extend({ task: editTaskSchema })),
  /** Copies an old version over the current one, verified. */
  'inspect.restoreVersion': call<EditItemResult>()(z.object({ item: s3ItemSchema, versionId: versionIdSchema }).strict()),
  /** Deletes one version for good: the caller must say it knows. */
  'inspect.deleteVersion': call<{ key: string; deletedVersionId: string }>()(
    z
      .object({
        item: s3ItemSchema,
        versionId: versionIdSchema,
        permanent: z.literal(true, 'deleting a version is permanent and must be confirmed'),
        bypassGovernance: z.boolean().default(false),
      })
      .strict(),
  ),
  /** Legal hold on or off; retention set, extended, or (governance, with the explicit bypass) shortened or removed. */
  'inspect.setLock': call<{ key: string }>()(
    z
      .object({
        item: s3ItemSchema,
        legalHold: z.boolean().optional(),
        retention: z
          .object({ mode: z.enum(['GOVERNANCE', 'COMPLIANCE']), until: z.iso.datetime({ offset: true }) })
          .strict()
          .nullable()
          .optional(),
        bypassGovernance: z.boolean().default(false),
      })
      .strict(),
  ),
  /** A link anyone may use until it expires: 1 minute to 7 days (SigV4's limit). */
  'inspect.presign': call<PresignedLink>()(
    z
      .object({
        item: s3ItemSchema,
        method: z.enum(['GET', 'PUT']).default('GET'),
        /** A GET of an older version. */
        versionId: versionIdSchema.optional(),
        expiresSeconds: z
          .number()
          .int()
          .min(60, 'a presigned link lasts at least 1 minute')
          .max(7 * 24 * 3600, 'a presigned link lasts at most 7 days (604800 seconds), the SigV4 limit'),
      })
      .strict(),
  ),
} as const;
