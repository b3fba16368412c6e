/**
 * Does this server honour `If-None-Match: *` on a PUT? A skip, ask or
 * keep-both upload can leave the check to the server (one request instead
 * of a look-up and a write), but only where the server refuses to replace
 * an existing key: s3rver, and some gateways, take the header and overwrite
 * anyway, which would replace what the user chose to keep. Test connection
 * asks, and a transfer asks once per connection the first time it would
 * rely on the header where the provider's preset does not vouch for it: one
 * small object written under `.ferry-probe/`, written again with the header,
 * and removed (each version, on a versioned bucket). Never in a bucket that
 * locks what is written (locked-bucket.ts): there items look first.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { DeleteObjectCommand, PutObjectCommand } from '../sdk/s3-commands.js';
import type { ProbeConditionalWrites } from '../api/connection-types.js';
import { CHECKSUM_PROBE_PREFIX } from './capability-probe.js';
import { lockedOnWrite } from './locked-bucket.js';

interface ErrorLike {
  name?: string;
  $metadata?: { httpStatusCode?: number };
}

/**
 * One name for every run. Keys that may write but not delete (a backup's put-only keys, where skip uploads are
 * the rule) cannot remove the probe's object; under a name of its own per run, each `ferry cp` would leave one
 * more. Under one name they leave one. Two probes that overlap may see the other's delete and read "ignored":
 * the careful answer (look first), never a wrong "honoured".
 */
export const CONDITIONAL_PROBE_KEY = `${CHECKSUM_PROBE_PREFIX}conditional-writes`;

/** `lockChecked`: the caller already knows the bucket does not lock what is written. */
export async function probeConditionalWrites(
  client: S3Client,
  bucket: string,
  abortSignal?: AbortSignal,
  lockChecked = false,
): Promise<ProbeConditionalWrites> {
  const key = CONDITIONAL_PROBE_KEY;
  const opts = abortSignal ? { abortSignal } : {};
  const versions: (string | undefined)[] = [];
  if (!lockChecked && (await lockedOnWrite(client, bucket, abortSignal))) return 'unknown';
  try {
    const first = await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: Buffer.from('ferry') }), opts);
    versions.push(first.VersionId);
  } catch {
    // No write allowed, or no answer: nothing learnt, and the upload that asked meets the same fault itself.
    return 'unknown';
  }
  try {
    const second = await client.send(
      new PutObjectCommand({ Bucket: bucket, Key: key, Body: Buffer.from('again'), IfNoneMatch: '*' }),
      opts,
    );
    versions.push(second.VersionId);
    return 'ignored';
  } catch (err) {
    const e = err as ErrorLike;
    if (e.$metadata?.httpStatusCode === 412 || e.name === 'PreconditionFailed') return 'honoured';
    // Refused for another reason (NotImplemented, a 400 for an unknown header): not a header to send there.
    return e.$metadata?.httpStatusCode !== undefined ? 'ignored' : 'unknown';
  } finally {
    for (const versionId of versions) {
      await client
        .send(new DeleteObjectCommand({ Bucket: bucket, Key: key, ...(versionId && versionId !== 'null' ? { VersionId: versionId } : {}) }))
        .catch(() => undefined);
    }
  }
}
