import { z } from 'zod';
import type { ConnectionSummary } from '../types.js';
import { call } from '../define-call.js';
import { idSchema, noArgs } from '../schemas.js';

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

export const connectionCalls = {
  'connections.list': call<ConnectionSummary[]>()(noArgs),
  'connections.add': call<ConnectionSummary>()(newConnectionSchema),
  'connections.remove': call<{ removed: boolean }>()(z.object({ id: idSchema }).strict()),
} as const;

export interface ConnectionEvents {
  'connections.changed': ConnectionSummary[];
}
