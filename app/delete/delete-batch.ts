/**
 * Deleting one batch of keys: one DeleteObjects request for up to 1,000 of
 * them, or one DeleteObject per key where the server has no DeleteObjects.
 * A key counts as deleted only when the server says so: keys it lists as
 * errors, and keys it does not mention at all, are failures. Per-key errors
 * that mean "try again" (InternalError, SlowDown) are sent again on the usual
 * backoff; the whole request retries through request() like every other.
 */
import { DeleteObjectCommand, DeleteObjectsCommand, type DeleteObjectsCommandOutput } from '@aws-sdk/client-s3';
import { toFerryError } from '../s3/requests/error-mapping.js';
import { sleep } from '../base/sleep.js';
import { backoffMs } from '../s3/requests/retry.js';
import { errorName, isUnsupported, send, statusOf, type Conn, type RequestEnv } from '../s3/requests/request.js';

/** S3 takes at most this many keys in one DeleteObjects. */
export const MAX_BATCH = 1000;

export interface KeyFailure {
  key: string;
  /** The server's code for this key (AccessDenied, ...), or Ferry's error code. */
  code: string;
  message: string;
}

export interface BatchOutcome {
  deleted: number;
  failures: KeyFailure[];
}

export interface DeleteEnv extends RequestEnv {
  /** "connectionId:feature" pairs found missing at run time. */
  unsupported: Set<string>;
}

const RETRY_CODES = new Set(['InternalError', 'SlowDown', 'ServiceUnavailable', 'RequestTimeout', 'OperationAborted']);

/**
 * Keys XML 1.0 cannot carry (control characters other than tab/CR/LF, lone
 * surrogates, U+FFFE/U+FFFF) cannot go in a DeleteObjects body; CR, LF and
 * tab survive only if every server unescapes them exactly. All of those go
 * one by one, in the URL, where they are percent-encoded.
 */
// eslint-disable-next-line no-control-regex
const NOT_FOR_XML = /[\u0000-\u001f\u007f\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function needsSingleDelete(key: string): boolean {
  return NOT_FOR_XML.test(key);
}

export function batchesSupported(env: DeleteEnv, conn: Conn): boolean {
  return conn.summary.features?.deleteObjects !== false && !env.unsupported.has(`${conn.id}:deleteObjects`);
}

function failureOf(key: string, err: unknown): KeyFailure {
  const name = errorName(err);
  const e = toFerryError(err);
  return { key, code: name && name !== 'Error' && statusOf(err) !== undefined ? name : e.code, message: e.message };
}

/** One DeleteObject; S3 answers 204 whether or not the key was there. */
async function deleteOne(env: DeleteEnv, conn: Conn, bucket: string, key: string, signal: AbortSignal): Promise<KeyFailure | null> {
  try {
    await send(env, conn, signal, () => new DeleteObjectCommand({ Bucket: bucket, Key: key }));
    return null;
  } catch (err) {
    if (signal.aborted || isFatal(err)) throw err;
    return failureOf(key, err);
  }
}

/** Errors no other key can escape either: stop the whole run rather than fail key after key. */
export function isFatal(err: unknown): boolean {
  const e = toFerryError(err);
  return (
    e.code === 'invalid-credentials' ||
    e.code === 'network' ||
    errorName(err) === 'NoSuchBucket' ||
    (e.code === 'cancelled' && errorName(err) === 'AbortError')
  );
}

/** Every key by DeleteObject, in parallel (the endpoint's request slots bound how many at once). */
export async function deleteEach(env: DeleteEnv, conn: Conn, bucket: string, keys: string[], signal: AbortSignal): Promise<BatchOutcome> {
  const results = await Promise.all(keys.map((key) => deleteOne(env, conn, bucket, key, signal)));
  const failures = results.filter((f): f is KeyFailure => f !== null);
  return { deleted: keys.length - failures.length, failures };
}

function sortOut(keys: string[], out: DeleteObjectsCommandOutput): { deleted: number; retry: KeyFailure[]; failures: KeyFailure[] } {
  const confirmed = new Set<string>();
  for (const d of out.Deleted ?? []) if (d.Key !== undefined) confirmed.add(d.Key);
  const refused = new Map<string, { code: string; message: string }>();
  for (const e of out.Errors ?? []) {
    if (e.Key !== undefined) refused.set(e.Key, { code: e.Code ?? 'Error', message: e.Message ?? e.Code ?? 'refused' });
  }
  let deleted = 0;
  const retry: KeyFailure[] = [];
  const failures: KeyFailure[] = [];
  for (const key of keys) {
    const error = refused.get(key);
    if (error) {
      (RETRY_CODES.has(error.code) ? retry : failures).push({ key, ...error });
    } else if (confirmed.has(key)) {
      deleted++;
    } else {
      failures.push({ key, code: 'unconfirmed', message: 'The server did not confirm that this key was deleted.' });
    }
  }
  return { deleted, retry, failures };
}

/** Deletes `keys` (at most MAX_BATCH) with DeleteObjects, falling back to DeleteObject where the server lacks it. */
export async function deleteBatch(env: DeleteEnv, conn: Conn, bucket: string, keys: string[], signal: AbortSignal): Promise<BatchOutcome> {
  const single = keys.filter(needsSingleDelete);
  const outcome = single.length > 0 ? await deleteEach(env, conn, bucket, single, signal) : { deleted: 0, failures: [] };
  let pending = single.length > 0 ? keys.filter((k) => !needsSingleDelete(k)) : keys;
  const policy = { maxAttempts: env.tuning.maxAttempts, baseMs: env.tuning.retryBaseMs };
  for (let attempt = 1; pending.length > 0; attempt++) {
    if (!batchesSupported(env, conn)) {
      const each = await deleteEach(env, conn, bucket, pending, signal);
      outcome.deleted += each.deleted;
      outcome.failures.push(...each.failures);
      break;
    }
    let out: DeleteObjectsCommandOutput;
    try {
      const objects = pending.map((Key) => ({ Key }));
      out = await send(env, conn, signal, () => new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: objects, Quiet: false } }));
    } catch (err) {
      if (isUnsupported(err)) {
        // Asked once per connection and run: after that every batch goes key by key.
        env.unsupported.add(`${conn.id}:deleteObjects`);
        continue;
      }
      if (signal.aborted || isFatal(err)) throw err;
      outcome.failures.push(...pending.map((key) => failureOf(key, err)));
      break;
    }
    const sorted = sortOut(pending, out);
    outcome.deleted += sorted.deleted;
    outcome.failures.push(...sorted.failures);
    pending = sorted.retry.map((f) => f.key);
    if (pending.length === 0) break;
    if (attempt >= policy.maxAttempts) {
      outcome.failures.push(...sorted.retry);
      break;
    }
    env.stats.retries++;
    await sleep(backoffMs({ name: 'SlowDown' }, attempt, policy), signal);
  }
  return outcome;
}
