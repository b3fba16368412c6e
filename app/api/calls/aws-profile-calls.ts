import { z } from 'zod';
import type { ConnectionSummary, DiagnosticReport } from '../types.js';
import { call } from '../define-call.js';

export const awsProfileCalls = {
  /**
   * One click on a detected AWS profile: adds a connection whose credentials
   * are that profile (region and endpoint_url from it as well) and tests it.
   * The connection is added even when the test fails, so the report's next
   * step can be taken on it; nothing of the profile's keys comes back.
   */
  'connections.useAwsProfile': call<{ connection: ConnectionSummary; report: DiagnosticReport }>()(
    z.object({ name: z.string().trim().min(1, 'name the AWS profile to use').max(128) }).strict(),
  ),
} as const;
