/**
 * Deleting one batch of keys (or of versions, each a key and its version
 * id): one DeleteObjects request for up to 1,000 of them, or one
 * DeleteObject per key where the server has no DeleteObjects. It lives with
 * the wire code because both app/delete/ and the transfer engine's delete
 * jobs send it.
 * A key counts as deleted only when the server says so: keys it lists as
 * errors, and keys it does not mention at all, are failures. Per-key errors
 * that mean "try again" (InternalError, SlowDown) are sent again on the usual
 * backoff; the whole request retries through request() like every other.
 */
import type { DeleteObjectsCommandOutput } from '@aws-sdk/client-s3';
import { DeleteObjectCommand, DeleteObjectsCommand } from '../sdk/s3-commands.js';
import { toFerryError } from './requests/error-mapping.js';
import { sleep } from '../base/sleep.js';
import { xmlCarries } from '../base/xml-text.js';
import { backoffMs } from './requests/retry.js';
import { errorName, isUnsupported, send, statusOf, type Conn, type RequestEnv } from './requests/request.js';

/** S3 takes at most this many keys in one DeleteObjects. */
export const MAX_BATCH = 1000;

/** One thing to delete: a key, or one version of it (a delete marker has a version id too). */
export interface DeleteRef {
  key: string;
  versionId?: string | undefined;
}

export interface KeyFailure {
  key: string;
  versionId?: string | undefined;
  /** The server's code for this key (AccessDenied, ...), or Ferry's error code. */
  code: string;
  message: string;
}

export interface BatchOutcome {
  deleted: number;
  failures: KeyFailure[];
}

const refId = (key: string, versionId: string | undefined) => `${key}\u0000${versionId ?? ''}`;

export interface DeleteEnv extends RequestEnv {
  /** "connectionId:feature" pairs found missing at run time. */
  unsupported: Set<string>;
}

const RETRY_CODES = new Set(['InternalError', 'SlowDown', 'ServiceUnavailable', 'RequestTimeout', 'OperationAborted']);

/**
 * Keys an XML body cannot carry unchanged (control characters, lone
 * surrogates, and CR, LF and tab, which survive only if every server
 * unescapes them exactly) go one by one, in the URL, where they are
 * percent-encoded.
 */
export function needsSingleDelete(key: string): boolean {
  return !xmlCarries(key);
}

export function batchesSupported(env: DeleteEnv, conn: Conn): boolean {
  return conn.summary.features?.deleteObjects !== false && !env.unsupported.has(`${conn.id}:deleteObjects`);
}

function failureOf(ref: DeleteRef, err: unknown): KeyFailure {
  const name = errorName(err);
  const e = toFerryError(err);
  return { ...ref, code: name && name !== 'Error' && statusOf(err) !== undefined ? name : e.code, message: e.message };
}

/** One DeleteObject; S3 answers 204 whether or not the key was there. */
async function deleteOne(env: DeleteEnv, conn: Conn, bucket: string, ref: DeleteRef, signal: AbortSignal): Promise<KeyFailure | null> {
  try {
    await send(
      env,
      conn,
      signal,
      () => new DeleteObjectCommand({ Bucket: bucket, Key: ref.key, ...(ref.versionId ? { VersionId: ref.versionId } : {}) }),
    );
    return null;
  } catch (err) {
    if (signal.aborted || isFatal(err)) throw err;
    return failureOf(ref, err);
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
export async function deleteEach(
  env: DeleteEnv,
  conn: Conn,
  bucket: string,
  keys: DeleteRef[],
  signal: AbortSignal,
): Promise<BatchOutcome> {
  const results = await Promise.all(keys.map((ref) => deleteOne(env, conn, bucket, ref, signal)));
  const failures = results.filter((f): f is KeyFailure => f !== null);
  return { deleted: keys.length - failures.length, failures };
}

function sortOut(refs: DeleteRef[], out: DeleteObjectsCommandOutput): { deleted: number; retry: KeyFailure[]; failures: KeyFailure[] } {
  // A plain delete is answered by key alone (in a versioned bucket with the new marker's id); a version's by key and version.
  const confirmed = new Set<string>();
  for (const d of out.Deleted ?? []) {
    if (d.Key === undefined) continue;
    confirmed.add(refId(d.Key, undefined));
    if (d.VersionId) confirmed.add(refId(d.Key, d.VersionId));
  }
  const refused = new Map<string, { code: string; message: string }>();
  for (const e of out.Errors ?? []) {
    if (e.Key === undefined) continue;
    const error = { code: e.Code ?? 'Error', message: e.Message ?? e.Code ?? 'refused' };
    refused.set(refId(e.Key, e.VersionId), error);
    if (!refused.has(refId(e.Key, undefined))) refused.set(refId(e.Key, undefined), error);
  }
  let deleted = 0;
  const retry: KeyFailure[] = [];
  const failures: KeyFailure[] = [];
  for (const ref of refs) {
    const id = refId(ref.key, ref.versionId);
    const error = refused.get(id);
    if (error) {
      (RETRY_CODES.has(error.code) ? retry : failures).push({ ...ref, ...error });
    } else if (confirmed.has(id)) {
      deleted++;
    } else {
      failures.push({ ...ref, code: 'unconfirmed', message: 'The server did not confirm that this key was deleted.' });
    }
  }
  return { deleted, retry, failures };
}

/** Deletes `keys` (at most MAX_BATCH) with DeleteObjects, falling back to DeleteObject where the server lacks it. */
export async function deleteBatch(env: DeleteEnv, conn: Conn, bucket: string, keys: string[], signal: AbortSignal): Promise<BatchOutcome> {
  return deleteRefs(
    env,
    conn,
    bucket,
    keys.map((key) => ({ key })),
    signal,
  );
}

/** Deletes `refs` (at most MAX_BATCH keys or versions) with DeleteObjects, or one by one where the server lacks it. */
export async function deleteRefs(
  env: DeleteEnv,
  conn: Conn,
  bucket: string,
  refs: DeleteRef[],
  signal: AbortSignal,
): Promise<BatchOutcome> {
  const alone = (r: DeleteRef) => needsSingleDelete(r.key);
  const single = refs.filter(alone);
  const outcome = single.length > 0 ? await deleteEach(env, conn, bucket, single, signal) : { deleted: 0, failures: [] };
  let pending = single.length > 0 ? refs.filter((r) => !alone(r)) : refs;
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
      const objects = pending.map((r) => ({ Key: r.key, ...(r.versionId ? { VersionId: r.versionId } : {}) }));
      out = await send(env, conn, signal, () => new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: objects, Quiet: false } }));
    } catch (err) {
      if (isUnsupported(err)) {
        // Asked once per connection and run: after that every batch goes key by key.
        env.unsupported.add(`${conn.id}:deleteObjects`);
        continue;
      }
      if (signal.aborted || isFatal(err)) throw err;
      outcome.failures.push(...pending.map((r) => failureOf(r, err)));
      break;
    }
    const sorted = sortOut(pending, out);
    outcome.deleted += sorted.deleted;
    outcome.failures.push(...sorted.failures);
    pending = sorted.retry.map((f) => ({ key: f.key, versionId: f.versionId }));
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
