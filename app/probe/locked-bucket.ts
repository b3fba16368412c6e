/**
 * Does a bucket lock every object written to it? With Object Lock and a
 * default retention, each new object (each version) is kept for days or
 * years and no one can delete it before then. A probe's test object written
 * there would stay under `.ferry-probe/` for that long, in a bucket that is
 * often kept for compliance. So the probes that write ask this first, and
 * where it is so they write nothing: the answer stays "unknown", and Ferry
 * takes the careful path (look before writing, send what the server may
 * ignore) instead.
 */
import type { ObjectLockConfiguration, S3Client } from '@aws-sdk/client-s3';
import { GetObjectLockConfigurationCommand } from '../sdk/s3-commands.js';

/** Why nothing should be written to `bucket` to test it, or undefined where a test object can be removed again. */
export async function lockedOnWrite(client: S3Client, bucket: string, abortSignal?: AbortSignal): Promise<string | undefined> {
  try {
    const out = await client.send(new GetObjectLockConfigurationCommand({ Bucket: bucket }), abortSignal ? { abortSignal } : {});
    return lockReason(bucket, out.ObjectLockConfiguration);
  } catch {
    // No lock configuration (the usual answer), not allowed to ask, or not a feature of this server: nothing locks.
    return undefined;
  }
}

/** lockedOnWrite's answer from a lock configuration already read (the bucket probe reads it too). */
export function lockReason(bucket: string, config: ObjectLockConfiguration | undefined): string | undefined {
  const retention = config?.Rule?.DefaultRetention;
  if (config?.ObjectLockEnabled !== 'Enabled' || !retention) return undefined;
  const span = retention.Years ? plural(retention.Years, 'year') : retention.Days ? plural(retention.Days, 'day') : 'a set time';
  const mode = retention.Mode ? `, ${retention.Mode.toLowerCase()} mode` : '';
  return `bucket ${bucket} keeps every object written to it for ${span} (Object Lock${mode}), so Ferry writes no test object there`;
}

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}
