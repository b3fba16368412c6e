import { z } from 'zod';
import type { JobSnapshot } from '../types.js';
import { call } from '../define-call.js';
import { idSchema, locationSchema } from '../schemas.js';
import { conflictPolicySchema } from './transfer-calls.js';

/** A relative path inside a dropped selection: segments, no way up or out. */
const relativePath = z
  .string()
  .min(1)
  .max(4096)
  .refine((p) => !p.startsWith('/') && !p.includes('\\') && !p.includes('\0'), 'a dropped file path must be relative')
  .refine(
    (p) => p.split('/').every((seg) => seg !== '' && seg !== '.' && seg !== '..'),
    'a dropped file path cannot contain empty, . or .. segments',
  );

/**
 * Files dropped from the operating system onto a page that has no file paths
 * (serve mode in a browser): the page announces them, streams each body to
 * the URL it is given, then commits, which starts an ordinary transfer job.
 */
const droppedFiles = z
  .array(z.object({ relativePath, size: z.number().int().min(0) }).strict())
  .min(1)
  .max(100_000);

/**
 * A large drop arrives in several messages (the page sizes each under the
 * socket's message cap): `upload.begin` with the first batch, `upload.add`
 * with the rest; each answers the upload URLs of the files it announced.
 */
export const uploadCalls = {
  'upload.begin': call<{ uploadId: string; urls: string[] }>()(z.object({ files: droppedFiles }).strict()),
  'upload.add': call<{ urls: string[] }>()(z.object({ uploadId: idSchema, files: droppedFiles }).strict()),
  'upload.commit': call<JobSnapshot>()(
    z.object({ uploadId: idSchema, destination: locationSchema, conflict: conflictPolicySchema.default('ask') }).strict(),
  ),
  'upload.abandon': call<{ removed: boolean }>()(z.object({ uploadId: idSchema }).strict()),
} as const;
