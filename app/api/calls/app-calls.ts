import type { AppInfo } from '../types.js';
import { call } from '../define-call.js';
import { noArgs } from '../schemas.js';

export const appCalls = {
  'app.info': call<AppInfo>()(noArgs),
  /** Starts the two demo clouds (once; again is a no-op) and answers their connections, Harbour then Lighthouse. */
  'app.startDemo': call<{ connectionIds: string[] }>()(noArgs),
} as const;
