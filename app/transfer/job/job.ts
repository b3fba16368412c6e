/**
 * Running a transfer job (what it is lives in record.ts). The loop takes an
 * object slot, then the next item (paused and retried items first, then the
 * planner's), and runs it without waiting, so items overlap up to the global
 * limit. Pausing aborts the run's signal: in-flight requests stop, multipart
 * uploads are kept, and resuming sends only what is missing. Items that
 * conflict under 'ask' wait aside while the rest go on.
 */
import { rm } from 'node:fs/promises';
import { FerryError } from '../../api/errors.js';
import { toFerryError } from '../../s3/requests/error-mapping.js';
import { storedItem } from './item-book.js';
import { WholeJobFaults } from './whole-job-faults.js';
import type { ConflictDecision, ItemEnv, ItemWork, UploadState } from '../item/context.js';
import type { UploadIntent } from '../journal.js';
import { runItem, type JobView } from '../run/item-runner.js';
import { JobRecord } from './record.js';
import { abortUpload } from '../methods/multipart.js';
import { abortLostUploads } from '../methods/lost-uploads.js';
import { Lookahead, planSources, type PlannerDeps, type ResumePoint } from '../plan/planner.js';
import { UnreachableError } from '../../s3/requests/refused-endpoints.js';
import { failedConnection, send, type Conn } from '../../s3/requests/request.js';
import { DeleteBucketCommand } from '../../sdk/s3-commands.js';
import { Semaphore, sharedSignal } from '../../base/semaphore.js';
import { DeleteBatcher } from '../item/delete-batcher.js';
import { MAX_BATCH } from '../../s3/delete-keys.js';
import { makeFilter } from '../../sync/glob.js';

const MAX_PARKED = 256;

class Paused extends Error {}
class NeedsCredentials extends Error {}
/** The run stopped because every other item would fail the same way (whole-job-faults.ts). */
class Halted extends Error {
  constructor(readonly error: FerryError) {
    super(error.message);
  }
}

export type { JobInit, JobStats } from './record.js';

export class Job extends JobRecord {
  #plannerAbort = sharedSignal(new AbortController());
  #plannerError: unknown;
  #lastPlanned: ResumePoint | null = null;
  #run: AbortController | null = null;
  #loop: Promise<void> | null = null;
  #cancelled = false;
  #answered: (() => void) | undefined;
  readonly #faults = new WholeJobFaults({
    destination: () => this.destination,
    summaryOf: (id) => {
      try {
        return this.#conn(id).summary;
      } catch {
        return undefined;
      }
    },
    redact: (text) => this.services.redact(text),
  });

  get running(): boolean {
    return this.#loop !== null;
  }

  /** Starts (or continues) the run loop; resolves when the loop stops. */
  start(): Promise<void> {
    if (!this.#loop) {
      this.#faults.newRun();
      const run = sharedSignal(new AbortController());
      this.#run = run;
      this.#loop = this.#runLoop(run.signal).finally(() => {
        this.#loop = null;
        this.#run = null;
      });
    }
    return this.#loop;
  }

  async pause(): Promise<void> {
    if (this.ended || this.state === 'paused') return;
    if (this.#loop) {
      this.#run?.abort(new Paused('paused'));
      await this.#loop;
    } else {
      this.setState('paused');
    }
  }

  resume(): void {
    if (this.ended || this.#loop) return;
    if (this.question?.kind === 'credentials') this.question = undefined;
    void this.start();
  }

  async cancel(): Promise<void> {
    if (this.ended) return;
    this.#cancelled = true;
    this.#run?.abort(new Paused('cancelled'));
    this.#plannerAbort.abort(new Paused('cancelled'));
    await this.#loop;
    await this.releaseRemote();
    for (const item of [...this.book.pending, ...this.book.parked]) item.state = 'cancelled';
    this.book.pending = [];
    this.book.parked = [];
    this.question = undefined;
    this.setState('cancelled');
  }

  /** Aborts every multipart upload this job still holds and removes its temp files: no hidden parts left billing. */
  async releaseRemote(): Promise<void> {
    const uploads: UploadState[] = [...this.restoredUploads.values()];
    const intents: UploadIntent[] = [...this.restoredIntents.values()];
    for (const item of this.book.unfinished()) {
      if (item.upload) uploads.push(item.upload);
      if (item.intent) intents.push(item.intent);
      delete item.intent;
      delete item.upload;
      if (item.tempPath) await rm(item.tempPath, { force: true });
      if (item.download) await rm(item.download.path, { force: true });
      delete item.download;
    }
    for (const d of this.restoredDownloads.values()) await rm(d.path, { force: true });
    this.restoredDownloads.clear();
    this.restoredUploads.clear();
    this.restoredIntents.clear();
    await Promise.all(intents.map((i) => abortLostUploads(this.services, this.#conn(i.connectionId), i)));
    await Promise.all(
      uploads.map(async (u) => {
        await abortUpload(this.services, this.#conn(u.record.connectionId), u.record).catch(() => undefined);
        this.journal?.append({ t: 'mpu-end', id: u.record.id });
      }),
    );
  }

  retry(): void {
    // A job stopped whole (an endpoint it needs was unreachable) has no failed items, only unfinished ones.
    const halted = this.state === 'failed' && this.error !== undefined;
    if (this.book.failed.size === 0 && this.#plannerError === undefined && !halted) return;
    for (const item of this.book.failed.values()) {
      item.state = 'queued';
      delete item.error;
      this.insertPending(item);
    }
    this.totals.failed = 0;
    this.book.failed.clear();
    if (this.#plannerError !== undefined) {
      // Plan again from the last item handed out, not from the start.
      this.#plannerError = undefined;
      this.totals.replan();
      this.book.resume = this.#lastPlanned ?? this.book.resume;
    }
    this.error = undefined;
    this.endedAt = undefined;
    if (!this.#loop) void this.start();
  }

  answer(decision: ConflictDecision, applyToAll: boolean): void {
    if (this.book.parked.length === 0) {
      throw new FerryError('invalid-arguments', 'This job is not waiting for an answer.', { details: { jobId: this.id } });
    }
    const answered = applyToAll ? this.book.parked : this.book.parked.slice(0, 1);
    this.book.parked = applyToAll ? [] : this.book.parked.slice(1);
    for (const item of answered) {
      item.decision = decision;
      this.insertPending(item);
    }
    if (applyToAll) {
      this.conflict = decision;
      this.journal?.append({ t: 'conflict', policy: decision });
    }
    this.askNext();
    this.#answered?.();
    if (!this.#loop && !this.ended) void this.start();
    else if (this.#loop && this.book.parked.length === 0 && this.state === 'waiting') this.setState('running');
    else this.changed(true);
  }

  #conn(id: string): Conn {
    return this.services.conn(this.services.remap(this.id, id));
  }

  #env(signal: AbortSignal): ItemEnv {
    const env: ItemEnv = {
      scheduler: this.services.scheduler,
      tuning: this.services.tuning,
      stats: this.stats,
      conn: (id) => this.#conn(id),
      sameAccount: (x, y) => this.services.sameAccount(x, y),
      hashes: this.services.hashes,
      buffers: this.services.buffers,
      journal: this.journal,
      signal,
      parts: this.stats,
      unsupported: this.services.unsupported,
      crcChecked: new Map(),
      tasks: this.services.tasks,
      keySegments: (conn, bucket) => this.services.keySegments(conn, bucket, signal),
      conditionalWrites: (conn, bucket) => this.services.conditionalWrites(conn, bucket, signal),
      copyKeepsTags: (conn, bucket) => this.services.copyKeepsTags(conn, bucket, signal),
      confineLocal: (localPath) => this.services.confineLocal(localPath),
      onBytes: (item, delta) => {
        item.bytesDone += delta;
        this.totals.bytesDone += delta;
        this.changed(false);
      },
    };
    if (this.mode === 'delete') env.deletes = new DeleteBatcher(env, signal);
    return env;
  }

  async #runLoop(signal: AbortSignal): Promise<void> {
    const missing = this.services.missingConnection(this.id, this.sources, this.destination);
    if (missing) {
      this.question = { kind: 'credentials', connectionId: missing.id, message: missing.message };
      this.setState('waiting');
      return;
    }
    this.setState(this.totals.planner || this.book.pending.length > 0 ? 'running' : 'planning');
    const env = this.#env(signal);
    const view: JobView = { destination: this.destination, mode: this.mode, policy: () => this.conflict, sources: this.sources };
    const scheduler = this.services.scheduler;
    // A delete job's items are a key each: two full DeleteObjects batches in flight, not the copy limit.
    const objects = this.mode === 'delete' ? new Semaphore(2 * MAX_BATCH) : scheduler.objects;
    const inFlight = new Set<Promise<void>>();
    const t = this.services.tuning;
    this.figures = {
      objectsInFlight: t.objectsInFlight,
      partsInFlight: t.partsInFlight,
      partSize: t.partSize,
      bandwidthBytesPerSecond: t.bandwidthBytesPerSecond,
      peakItemsInFlight: this.figures?.peakItemsInFlight ?? 0,
    };
    const figures = this.figures;
    try {
      for (;;) {
        if (this.book.parked.length >= MAX_PARKED) {
          // Too many questions open: wait for an answer before planning more.
          await new Promise<void>((resolve, reject) => {
            this.#answered = resolve;
            signal.addEventListener('abort', () => reject(signal.reason as Error), { once: true });
          });
          continue;
        }
        const held = await objects.acquire(1, signal);
        let item: ItemWork | null;
        try {
          item = this.book.pending.shift() ?? (await this.#nextPlanned());
        } catch (err) {
          objects.release(held);
          throw err;
        }
        if (!item) {
          objects.release(held);
          break;
        }
        if (this.state === 'planning') this.setState('running');
        const task: Promise<void> = this.#runOne(env, view, item, signal).finally(() => {
          objects.release(held);
          inFlight.delete(task);
          if (this.mode !== 'delete') scheduler.objectDone();
        });
        inFlight.add(task);
        figures.peakItemsInFlight = Math.max(figures.peakItemsInFlight, inFlight.size);
        figures.objectsInFlight = Math.max(figures.objectsInFlight, objects.capacity);
      }
    } catch (err) {
      if (!signal.aborted) {
        this.#plannerError = err;
        this.totals.plannerFailed = true;
      }
    }
    await Promise.allSettled(inFlight);
    await this.#afterRun(signal);
  }

  async #nextPlanned(): Promise<ItemWork | null> {
    if (!this.totals.planner) {
      const deps: PlannerDeps = {
        env: this.#env(this.#plannerAbort.signal),
        conn: (id: string) => this.#conn(id),
        signal: this.#plannerAbort.signal,
        moving: this.mode === 'move',
        confine: (localPath) => this.services.confineLocal(localPath),
        leftOut: this.leftOut.note,
      };
      // A resumed sync already passed its plan check; what it has done since would fail it now.
      const sources = this.fromJournal ? this.sources.map((s) => (s.kind === 'sync' ? { kind: s.kind, sync: s.sync } : s)) : this.sources;
      this.totals.planner = new Lookahead(planSources(sources, deps, this.book.resume ?? undefined, makeFilter(this.filters)));
    }
    const planner = this.totals.planner;
    for (;;) {
      const planned = await planner.next();
      if (!planned) return null;
      this.#lastPlanned = { srcIndex: planned.srcIndex, cursor: planned.cursor };
      if (this.skipIds.delete(planned.id)) {
        this.book.admitFinished(planned);
        continue;
      }
      const item = this.book.admit(planned);
      const upload = this.restoredUploads.get(planned.id);
      if (upload) {
        item.upload = upload;
        this.restoredUploads.delete(planned.id);
      }
      const intent = this.restoredIntents.get(planned.id);
      if (intent) {
        item.intent = intent;
        this.restoredIntents.delete(planned.id);
      }
      const download = this.restoredDownloads.get(planned.id);
      if (download) {
        item.download = download;
        this.restoredDownloads.delete(planned.id);
      }
      return item;
    }
  }

  async #runOne(env: ItemEnv, view: JobView, item: ItemWork, signal: AbortSignal): Promise<void> {
    const id = item.planned.id;
    const unknownSize = item.planned.size === null && item.bytesTotal === 0;
    item.state = 'running';
    delete item.error;
    this.book.active.set(id, item);
    this.changed(false);
    try {
      const result = await runItem(env, view, item);
      // An answer of any kind came after the source was looked at: its size (0 for an empty object) is known now.
      if (unknownSize) this.totals.learnSize(id, item.bytesTotal);
      switch (result.kind) {
        case 'done':
          item.state = 'done';
          item.method = result.outcome.method;
          item.check = result.outcome.check;
          this.methods[item.method] = (this.methods[item.method] ?? 0) + 1;
          this.checks[item.check] = (this.checks[item.check] ?? 0) + 1;
          this.totals.done++;
          this.totals.finishedBytes += item.bytesTotal;
          this.#finish(item);
          break;
        case 'skipped':
          env.onBytes(item, -item.bytesDone);
          item.state = 'skipped';
          this.totals.skipped++;
          this.totals.skippedBytes += item.bytesTotal;
          this.#finish(item);
          break;
        case 'ask':
          env.onBytes(item, -item.bytesDone);
          item.state = 'queued';
          // Answered "for all" while this item was still deciding: it takes that answer too.
          if (this.conflict !== 'ask') {
            this.insertPending(item);
            break;
          }
          this.book.parked.push(item);
          if (!this.question) this.askNext();
          this.setState('waiting');
          break;
        default: {
          const unknown: never = result;
          throw new Error(`unknown item result ${JSON.stringify(unknown)}`);
        }
      }
    } catch (err) {
      env.onBytes(item, -item.bytesDone);
      // A failure may come before the source was looked at: only a size found counts.
      if (unknownSize && item.bytesTotal > 0) this.totals.learnSize(id, item.bytesTotal);
      if (signal.aborted) {
        item.state = 'paused';
        this.insertPending(item);
        return;
      }
      // Not this item's fault (whole-job-faults.ts): it waits with the rest, and the job stops with one clear error.
      const e = toFerryError(err);
      const through = this.totals.done > 0 || this.totals.skipped > 0;
      const halt = this.#faults.of(err, item) ?? this.#faults.deniedThroughout(err, e, item, through);
      if (halt) {
        item.state = 'queued';
        this.insertPending(item);
        this.#run?.abort(new Halted(halt));
        return;
      }
      if (e.code === 'invalid-credentials') {
        item.state = 'paused';
        this.insertPending(item);
        const connectionId = failedConnection(err) ?? '';
        this.question = { kind: 'credentials', connectionId, message: this.services.redact(e.message) };
        this.#run?.abort(new NeedsCredentials('credentials'));
        return;
      }
      item.state = 'failed';
      item.error = { code: e.code, message: this.services.redact(e.message) };
      this.book.failed.set(id, item);
      this.totals.failed++;
      this.journal?.append({ t: 'fail', item: storedItem(item) });
      this.journaledFailures.add(id);
      this.#finish(item);
      // A permanent failure frees the server of its parts; a passing one keeps them for a retry.
      if (item.upload && !e.retryable) {
        const u = item.upload;
        delete item.upload;
        await abortUpload(env, this.#conn(u.record.connectionId), u.record).catch(() => undefined);
        this.journal?.append({ t: 'mpu-end', id });
      }
    } finally {
      this.book.active.delete(id);
    }
  }

  #finish(item: ItemWork): void {
    // A retried item that now succeeded is no longer failed after a restart either.
    if (item.state !== 'failed' && this.journaledFailures.delete(item.planned.id))
      this.journal?.append({ t: 'unfail', id: item.planned.id });
    this.book.finish(item.planned.id, item);
    // Counts change with every item: they ride the next tick, never an event per item.
    this.changed(false);
    this.recordProgress(false);
  }

  /** The last step of "empty and delete": the bucket itself, now that every key has gone. */
  async #deleteBucket(signal: AbortSignal): Promise<JobRecord['error']> {
    if (this.destination.kind !== 's3') return undefined;
    const { connectionId, bucket } = this.destination;
    try {
      await send(this.#env(signal), this.#conn(connectionId), signal, () => new DeleteBucketCommand({ Bucket: bucket }));
      return undefined;
    } catch (err) {
      const e = toFerryError(err);
      return { code: e.code, message: this.services.redact(`Every object is deleted, but the bucket "${bucket}" is not: ${e.message}`) };
    }
  }

  async #afterRun(signal: AbortSignal): Promise<void> {
    if (this.#cancelled) return;
    if (signal.aborted && signal.reason instanceof Halted) {
      this.error = { code: signal.reason.error.code, message: signal.reason.error.message };
      this.setState('failed');
      return;
    }
    if (signal.aborted) {
      this.setState(signal.reason instanceof NeedsCredentials ? 'waiting' : 'paused');
      return;
    }
    if (this.book.parked.length > 0) {
      this.setState('waiting');
      return;
    }
    if (this.book.pending.length > 0) {
      // Answered or retried while this run was winding down: run again once it has.
      setImmediate(() => void this.start());
      return;
    }
    if (this.#plannerError instanceof UnreachableError) {
      this.error = { code: 'network', message: this.#faults.unreachable(this.#plannerError).message };
    } else if (this.#plannerError !== undefined) {
      const e = toFerryError(this.#plannerError);
      this.error = { code: e.code, message: this.services.redact(`Listing the sources failed: ${e.message}`) };
    } else if (this.totals.failed > 0) {
      this.error = { code: 'partial', message: `${this.totals.failed} of ${this.totals.itemsPlanned()} items failed.` };
    } else {
      this.error = undefined;
    }
    // A moved folder leaves empty folders behind; they go too, before the job says it is done.
    if (!this.error && this.mode === 'move') await this.services.tidyMovedFolders(this.sources).catch(() => undefined);
    if (!this.error && this.afterwards === 'delete-bucket') this.error = await this.#deleteBucket(signal);
    this.setState(this.error ? 'failed' : 'done');
  }
}
