import { z } from 'zod';
import type { ObjectInspection, SelectionSummary } from '../inspect-types.js';
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

/** The inspector: everything an object carries, section by section, and the summary of a selection. */
export const inspectCalls = {
  'inspect.object': call<ObjectInspection>()(z.object({ item: s3ItemSchema }).strict()),
  'inspect.summary': call<SelectionSummary>()(selectionSchema),
} as const;
