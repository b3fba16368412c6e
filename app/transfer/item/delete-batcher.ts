/**
 * A delete job's items run one by one like any other job's (each with its
 * own state, failure and journal line), but reach the server in batches:
 * each item hands its key (or version) here, and the batcher sends up to
 * 1,000 of them in one DeleteObjects, settling each item with its own
 * answer. A batch goes when it is full, or when the job has handed out every
 * item it had ready (the next turn of the event loop), so a short delete is
 * not held back waiting for a thousand keys.
 */
import { FerryError } from '../../api/errors.js';
import { deleteRefs, MAX_BATCH, type DeleteEnv, type DeleteRef, type KeyFailure } from '../../s3/delete-keys.js';
import type { Conn } from '../../s3/requests/request.js';

interface Waiting {
  ref: DeleteRef;
  resolve(): void;
  reject(err: unknown): void;
}

interface Queue {
  conn: Conn;
  bucket: string;
  waiting: Waiting[];
  timer: NodeJS.Immediate | undefined;
}

/** A key the server refused, as the item's error: its own code (AccessDenied, ...) and words. */
export function refusal(f: KeyFailure): FerryError {
  const code = f.code === 'AccessDenied' ? 'access-denied' : f.code === 'NoSuchBucket' ? 'not-found' : 'server';
  return new FerryError(code, `${f.code}: ${f.message}`, { details: { key: f.key, ...(f.versionId ? { versionId: f.versionId } : {}) } });
}

export class DeleteBatcher {
  readonly #queues = new Map<string, Queue>();

  constructor(
    private readonly env: DeleteEnv,
    private readonly signal: AbortSignal,
  ) {}

  /** Resolves once the server confirms the delete; rejects with the key's own refusal, or the batch's error. */
  delete(conn: Conn, bucket: string, ref: DeleteRef): Promise<void> {
    const id = `${conn.id}\u0000${bucket}`;
    let q = this.#queues.get(id);
    if (!q) {
      q = { conn, bucket, waiting: [], timer: undefined };
      this.#queues.set(id, q);
    }
    const queue = q;
    return new Promise<void>((resolve, reject) => {
      queue.waiting.push({ ref, resolve, reject });
      if (queue.waiting.length >= MAX_BATCH) this.#send(queue);
      else queue.timer ??= setImmediate(() => this.#send(queue));
    });
  }

  #send(q: Queue): void {
    if (q.timer) clearImmediate(q.timer);
    q.timer = undefined;
    const batch = q.waiting.splice(0, MAX_BATCH);
    if (batch.length === 0) return;
    void deleteRefs(
      this.env,
      q.conn,
      q.bucket,
      batch.map((w) => w.ref),
      this.signal,
    ).then(
      (out) => {
        const refused = new Map(out.failures.map((f) => [`${f.key}\u0000${f.versionId ?? ''}`, f]));
        for (const w of batch) {
          const f = refused.get(`${w.ref.key}\u0000${w.ref.versionId ?? ''}`);
          if (f) w.reject(refusal(f));
          else w.resolve();
        }
      },
      (err: unknown) => {
        for (const w of batch) w.reject(err);
      },
    );
    if (q.waiting.length > 0) q.timer = setImmediate(() => this.#send(q));
  }
}
