import { z } from 'zod';
import type { Listing, ObjectDetails } from '../types.js';
import { call } from '../define-call.js';
import { itemRefSchema, locationSchema } from '../schemas.js';

/**
 * A page cursor is the server's continuation token, handed back unread. S3
 * caps it well under this length (AWS's are ~200 characters; servers that
 * encode the last key in it stay within a few times the 1,024-byte key limit).
 */
const MAX_CURSOR_CHARS = 8192;
export const cursorSchema = z
  .string()
  .min(1, 'a page cursor cannot be empty')
  .max(MAX_CURSOR_CHARS, `a page cursor is at most ${MAX_CURSOR_CHARS} characters`);

export const browseCalls = {
  /** One page of a location; `cursor` (a previous page's `nextCursor`) asks for the page after it. */
  'browse.list': call<Listing>()(z.object({ location: locationSchema, cursor: cursorSchema.optional() }).strict()),
  'object.inspect': call<ObjectDetails>()(z.object({ item: itemRefSchema }).strict()),
} as const;
