/**
 * Deleting objects: one key, or everything under a prefix. A prefix is
 * listed a page at a time and every page goes out in DeleteObjects batches
 * while the next page is listed, several batches in flight, so deleting a
 * million keys starts after the first page and the list is never held in
 * memory. What the server refused is reported key by key; a fault no key can
 * escape (unreachable server, bad keys, no such bucket) stops the run at once
 * with what was done so far.
 *
 * In a versioned bucket a delete without a version id leaves a delete marker:
 * the object disappears from listings and its older versions stay.
 */
import { ListObjectsV2Command } from '../sdk/s3-commands.js';
import { FerryError } from '../api/errors.js';
import { toFerryError } from '../s3/requests/error-mapping.js';
import { decodeKey } from '../transfer/plan/planner.js';
import { UnreachableError, unreachableFor } from '../s3/requests/refused-endpoints.js';
import { request, type Conn } from '../s3/requests/request.js';
import { anySignal, Semaphore } from '../base/semaphore.js';
import { deleteBatch, deleteEach, MAX_BATCH, type BatchOutcome, type DeleteEnv, type KeyFailure } from '../s3/delete-keys.js';
import { PageChain } from '../s3/page-chain.js';

export type { DeleteEnv, KeyFailure } from '../s3/delete-keys.js';
import type { KeyFilter } from '../sync/glob.js';

/** Batches in flight by default: enough to keep listing, not the server, the slow part. */
export const DEFAULT_BATCHES_IN_FLIGHT = 8;
/** Failures kept for the report; beyond this only the count grows. */
const KEPT_FAILURES = 1000;

export interface DeleteTarget {
  conn: Conn;
  bucket: string;
  /** The key, or with `prefix` the prefix ('' is the whole bucket). */
  key: string;
  prefix: boolean;
  /** --include/--exclude, seen against the key relative to the prefix: what it refuses is never deleted. */
  filter?: KeyFilter;
}

export interface DeleteProgress {
  deleted: number;
  failed: number;
}

export interface DeleteOptions {
  /** Keys per DeleteObjects request, at most 1,000. */
  batchSize?: number;
  batchesInFlight?: number;
  /** Keys per listing page (S3 gives at most 1,000); tests make it small. */
  pageSize?: number;
  onProgress?(progress: DeleteProgress): void;
  /** List what would go, page by page, and delete nothing. */
  dryRun?: (keys: string[]) => void;
}

export interface DeleteResult extends DeleteProgress {
  /** The first failures, key by key (at most 1,000 kept). */
  failures: KeyFailure[];
  /** Why the run stopped early, if it did. */
  error?: FerryError;
}

async function* pages(env: DeleteEnv, t: DeleteTarget, pageSize: number, signal: AbortSignal): AsyncGenerator<string[]> {
  let token: string | undefined;
  const chain = new PageChain();
  do {
    const out = await request(env, t.conn, signal, (client, prep, abortSignal) =>
      client.send(
        prep(
          new ListObjectsV2Command({
            Bucket: t.bucket,
            Prefix: t.key,
            EncodingType: 'url',
            MaxKeys: pageSize,
            ...(token ? { ContinuationToken: token } : {}),
          }),
        ),
        { abortSignal },
      ),
    );
    const encoded = out.EncodingType === 'url';
    const keys = (out.Contents ?? []).map((o) => decodeKey(o.Key, encoded));
    yield t.filter ? keys.filter((k) => t.filter?.(k.slice(t.key.length))) : keys;
    token = chain.next(out);
  } while (token);
}

function stoppedBy(err: unknown, t: DeleteTarget, userSignal: AbortSignal): FerryError {
  if (userSignal.aborted) return new FerryError('cancelled', 'Stopped before every object was deleted.');
  if (err instanceof UnreachableError) return unreachableFor(err, t.conn.summary);
  return toFerryError(err);
}

export async function deleteObjects(env: DeleteEnv, t: DeleteTarget, signal: AbortSignal, opts: DeleteOptions = {}): Promise<DeleteResult> {
  const result: DeleteResult = { deleted: 0, failed: 0, failures: [] };
  const record = (o: BatchOutcome) => {
    result.deleted += o.deleted;
    result.failed += o.failures.length;
    result.failures.push(...o.failures.slice(0, Math.max(0, KEPT_FAILURES - result.failures.length)));
    opts.onProgress?.({ deleted: result.deleted, failed: result.failed });
  };
  if (opts.dryRun) {
    const show = opts.dryRun;
    try {
      if (!t.prefix) show([t.key]);
      else for await (const page of pages(env, t, 1000, signal)) show(page);
    } catch (err) {
      result.error = stoppedBy(err, t, signal);
    }
    return result;
  }
  if (!t.prefix) {
    try {
      record(await deleteEach(env, t.conn, t.bucket, [{ key: t.key }], signal));
    } catch (err) {
      result.error = stoppedBy(err, t, signal);
    }
    return result;
  }

  const batchSize = Math.min(Math.max(1, opts.batchSize ?? MAX_BATCH), MAX_BATCH);
  const slots = new Semaphore(Math.max(1, opts.batchesInFlight ?? DEFAULT_BATCHES_IN_FLIGHT));
  // A fatal error in one batch stops the listing and the other batches too.
  const stop = new AbortController();
  const run = anySignal([signal, stop.signal]);
  const running = new Set<Promise<void>>();
  let fatal: { err: unknown } | undefined;
  const fail = (err: unknown) => {
    fatal ??= { err };
    stop.abort(err);
  };
  try {
    for await (const page of pages(env, t, Math.min(Math.max(1, opts.pageSize ?? 1000), 1000), run)) {
      for (let i = 0; i < page.length; i += batchSize) {
        const held = await slots.acquire(1, run);
        const task: Promise<void> = deleteBatch(env, t.conn, t.bucket, page.slice(i, i + batchSize), run)
          .then(record, fail)
          .finally(() => {
            slots.release(held);
            running.delete(task);
          });
        running.add(task);
      }
    }
  } catch (err) {
    fail(err);
  }
  await Promise.allSettled(running);
  if (fatal) result.error = stoppedBy(fatal.err, t, signal);
  return result;
}
