/** Argument schemas shared by several calls: locations, item references, ids. */
import { z } from 'zod';
import { MAX_KEY_BYTES } from './limits.js';
const utf8 = new TextEncoder();

export const keySchema = z
  .string()
  .min(1, 'an object key cannot be empty')
  // A lone surrogate has no UTF-8 form: encoding would send U+FFFD, a different key.
  .refine((key) => !/\p{Cs}/u.test(key), {
    message: 'an object key must be valid Unicode (it holds a lone surrogate, which has no UTF-8 form)',
  })
  .refine((key) => utf8.encode(key).length <= MAX_KEY_BYTES, {
    message: `an object key is at most ${MAX_KEY_BYTES} bytes of UTF-8`,
  });

export const idSchema = z.string().min(1).max(200);
export const absolutePath = z.string().min(1).max(4096);
export const noArgs = z.object({}).strict();

export const locationSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('local'), path: absolutePath }).strict(),
  z
    .object({
      kind: z.literal('s3'),
      connectionId: idSchema,
      bucket: z.string().max(255),
      prefix: z.string().max(MAX_KEY_BYTES),
    })
    .strict(),
]);

export const itemRefSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('local'), path: absolutePath }).strict(),
  z.object({ kind: z.literal('s3'), connectionId: idSchema, bucket: z.string().min(1).max(255), key: keySchema }).strict(),
]);
