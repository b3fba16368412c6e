/**
 * The one contract between Ferry's UI and its core. Every call is declared
 * here once: its name, the zod schema of its arguments and the type of its
 * result. Transports (Electron IPC, the serve-mode WebSocket) are generic and
 * know nothing but this table; the renderer imports its types only.
 */
import { z } from 'zod';
import type { AppInfo, ConnectionSummary, JobSnapshot, Listing, ObjectDetails } from './types.js';

const MAX_KEY_BYTES = 1024;
const utf8 = new TextEncoder();

const keySchema = z
  .string()
  .min(1, 'an object key cannot be empty')
  .refine((key) => utf8.encode(key).length <= MAX_KEY_BYTES, {
    message: `an object key is at most ${MAX_KEY_BYTES} bytes of UTF-8`,
  });

const idSchema = z.string().min(1).max(200);
const absolutePath = z.string().min(1).max(4096);

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

export const newConnectionSchema = z
  .object({
    label: z.string().trim().min(1, 'give the connection a name').max(100),
    endpoint: z.string().trim().min(1, 'the endpoint URL is required').max(2048),
    region: z.string().trim().max(64).default('us-east-1'),
    accessKeyId: z.string().trim().min(1, 'the access key id is required').max(256),
    secretAccessKey: z.string().min(1, 'the secret key is required').max(1024),
    pathStyle: z.boolean().default(true),
  })
  .strict();

const noArgs = z.object({}).strict();

/** A call's declaration: its argument schema, and its result type carried as a phantom. */
export interface CallSpec<Args extends z.ZodType, Result> {
  args: Args;
  result?: Result;
}

function call<Result>() {
  return <Args extends z.ZodType>(args: Args): CallSpec<Args, Result> => ({ args });
}

export const calls = {
  'app.info': call<AppInfo>()(noArgs),
  'connections.list': call<ConnectionSummary[]>()(noArgs),
  'connections.add': call<ConnectionSummary>()(newConnectionSchema),
  'connections.remove': call<{ removed: boolean }>()(z.object({ id: idSchema }).strict()),
  'browse.list': call<Listing>()(z.object({ location: locationSchema }).strict()),
  'object.inspect': call<ObjectDetails>()(z.object({ item: itemRefSchema }).strict()),
  'transfer.copy': call<JobSnapshot>()(z.object({ source: itemRefSchema, destination: locationSchema }).strict()),
  'transfer.list': call<JobSnapshot[]>()(noArgs),
} as const;

export type Calls = typeof calls;
export type CallName = keyof Calls;
export type CallArgs<N extends CallName> = z.input<Calls[N]['args']>;
export type ParsedArgs<N extends CallName> = z.output<Calls[N]['args']>;
export type CallResult<N extends CallName> = NonNullable<Calls[N]['result']>;

/** Events the core pushes. Progress is throttled at the source, never polled. */
export interface Events {
  'transfer.progress': JobSnapshot;
  'connections.changed': ConnectionSummary[];
}
export type EventName = keyof Events;

export function isCallName(name: unknown): name is CallName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(calls, name);
}
