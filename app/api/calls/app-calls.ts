import type { AppInfo } from '../types.js';
import { call } from '../define-call.js';
import { noArgs } from '../schemas.js';

export const appCalls = {
  'app.info': call<AppInfo>()(noArgs),
} as const;
