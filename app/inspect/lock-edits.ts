/**
 * Object lock changes where the user may make them: the legal hold on or
 * off, retention set, extended, or (governance mode only) shortened or
 * removed. Shortening governance retention needs the bypass, which the caller
 * passes only after the user chose it explicitly; compliance retention can
 * only be extended, and the server says so if asked otherwise.
 */
import { PutObjectLegalHoldCommand, PutObjectRetentionCommand, type S3Client } from '@aws-sdk/client-s3';
import { FerryError } from '../api/errors.js';
import type { RetentionMode, S3ItemRef } from '../api/inspect-types.js';

export interface LockChange {
  legalHold?: boolean;
  /** New retention; null removes it (governance only, with the bypass). */
  retention?: { mode: RetentionMode; until: string } | null;
  bypassGovernance: boolean;
}

export async function changeLock(client: S3Client, item: S3ItemRef, change: LockChange, now = new Date()): Promise<{ key: string }> {
  if (change.retention && Date.parse(change.retention.until) <= now.getTime()) {
    throw new FerryError('invalid-arguments', 'A retention date must lie in the future.', { details: { field: 'retention.until' } });
  }
  const target = { Bucket: item.bucket, Key: item.key };
  if (change.retention !== undefined) {
    await client.send(
      new PutObjectRetentionCommand({
        ...target,
        Retention: change.retention ? { Mode: change.retention.mode, RetainUntilDate: new Date(change.retention.until) } : {},
        ...(change.bypassGovernance ? { BypassGovernanceRetention: true } : {}),
      }),
    );
  }
  if (change.legalHold !== undefined) {
    await client.send(new PutObjectLegalHoldCommand({ ...target, LegalHold: { Status: change.legalHold ? 'ON' : 'OFF' } }));
  }
  return { key: item.key };
}
