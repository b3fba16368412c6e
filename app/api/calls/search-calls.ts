import { z } from 'zod';
import type { Listing } from '../types.js';
import { call } from '../define-call.js';
import { MAX_KEY_BYTES } from '../limits.js';
import { absolutePath } from '../schemas.js';
import { cursorSchema } from './browse-calls.js';

const folderSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('s3'),
      connectionId: z.string().min(1).max(200),
      bucket: z.string().min(1, 'open a bucket to search in it').max(255),
      prefix: z.string().max(MAX_KEY_BYTES),
    })
    .strict(),
  z.object({ kind: z.literal('local'), path: absolutePath }).strict(),
]);

export const searchCalls = {
  /**
   * One page of a search under a folder: 'prefix' lists names starting with
   * the term (the server does the matching), 'recursive' reads every key below
   * the folder and keeps those whose path below it contains the term. In a
   * local folder only 'recursive' exists: it keeps the files and folders
   * below whose own name contains the term. Entries are named relative to
   * the folder; pages continue with `cursor`.
   */
  'browse.search': call<Listing>()(
    z
      .object({
        location: folderSchema,
        term: z.string().min(1, 'type something to search for').max(MAX_KEY_BYTES),
        mode: z.enum(['prefix', 'recursive']),
        cursor: cursorSchema.optional(),
        /** Local folders: also search what the platform hides (dot-files; on Windows, the hidden attribute). */
        includeHidden: z.boolean().optional(),
      })
      .strict(),
  ),
} as const;
