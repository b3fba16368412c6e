/**
 * What a job is, apart from running it: its identity, state, counts and
 * items, its snapshot for the window, and what it writes to the journal.
 * A job restored from the journal is rebuilt here (paused where it stopped).
 */
import { rm } from 'node:fs/promises';
import type { ProbeKeySegments } from '../../api/connection-types.js';
import type {
  JobFigures,
  ConflictPolicy,
  JobSnapshot,
  JobState,
  Location,
  TransferError,
  TransferMethod,
  TransferMode,
  JobSource,
  TouchedPlace,
} from '../../api/types.js';
import type { HashCheck } from '../item/integrity.js';
import type { ObjectTask } from '../item/tasks.js';
import type { FilterRules } from '../../sync/glob.js';
import { ItemBook, itemFromStored, itemSnapshot } from './item-book.js';
import type { ItemWork, PartStats, RestoredDownload, UploadState } from '../item/context.js';
import type { JobJournal, RestoredJob, UploadIntent } from '../journal.js';
import { JobTotals } from './totals.js';
import { touchedPlaces } from './touched-places.js';
import type { Conn, RequestStats } from '../../s3/requests/request.js';
import type { BufferPool } from '../hash/buffer-pool.js';
import type { HashPool } from '../hash/pool.js';
import type { Scheduler } from '../scheduler.js';
import type { TransferTuning } from '../tuning.js';
import { LeftOutList } from '../../sync/left-out.js';

const PROGRESS_RECORD_MS = 1000;

/** What a job needs from the engine that runs it: the shared limits and services, and a voice to report changes. */
export interface JobServices {
  scheduler: Scheduler;
  tuning: TransferTuning;
  hashes: HashPool;
  buffers: BufferPool;
  /** "connectionId:feature" pairs found missing at run time, shared by all jobs. */
  unsupported: Set<string>;
  tasks: ReadonlyMap<string, ObjectTask>;
  /** Not a per-job request counter: abortUpload outside a run counts here. */
  stats: { requests: number; retries: number; stalls: number };
  conn(connectionId: string): Conn;
  sameAccount(a: Conn, b: Conn): boolean;
  /** The current id of a connection a job recorded (ids change across sessions and command-line runs). */
  remap(jobId: string, connectionId: string): string;
  /** A connection the job needs but that is not there (nor any like it), with what to tell the user. */
  missingConnection(jobId: string, sources: JobSource[], destination: Location): { id: string; message: string } | null;
  redact(text: string): string;
  changed(job: JobRecord, urgent: boolean): void;
  tidyMovedFolders(sources: JobSource[]): Promise<void>;
  /** Whether a connection's server keeps keys with dot or empty segments as sent; probed once, then remembered. */
  keySegments(conn: Conn, bucket: string, signal: AbortSignal): Promise<ProbeKeySegments>;
  conditionalWrites(conn: Conn, bucket: string, signal: AbortSignal): Promise<boolean>;
  /** Whether a copy inside the connection's server keeps the source's tags; probed once per server, then remembered. */
  copyKeepsTags(conn: Conn, bucket: string, signal: AbortSignal): Promise<boolean>;
  confineLocal(localPath: string): Promise<void>;
}

export interface JobInit {
  id: string;
  mode: TransferMode;
  label: string;
  sources: JobSource[];
  destination: Location;
  conflict: ConflictPolicy;
  startedAt: number;
  filters?: FilterRules;
  afterwards?: 'delete-bucket';
}

export type JobStats = RequestStats & PartStats;

export abstract class JobRecord {
  readonly id: string;
  readonly mode: TransferMode;
  readonly label: string;
  readonly sources: JobSource[];
  readonly destination: Location;
  readonly startedAt: number;
  readonly filters: FilterRules | undefined;
  readonly afterwards: 'delete-bucket' | undefined;
  conflict: ConflictPolicy;
  state: JobState = 'planning';
  endedAt: number | undefined;
  error: TransferError | undefined;
  question: JobSnapshot['question'];
  readonly stats: JobStats = { requests: 0, retries: 0, stalls: 0, uploaded: 0, reused: 0, copied: 0 };
  /** Finished items per method and per integrity check: the engine's report of how bytes moved. */
  readonly methods: Partial<Record<TransferMethod, number>> = {};
  readonly checks: Partial<Record<HashCheck, number>> = {};
  bytesPerSecond = 0;
  readonly totals = new JobTotals();
  readonly book: ItemBook;
  /** Finished items a restart must not run again (they finished past the resume point). */
  protected readonly skipIds: Set<string>;
  /** Multipart uploads from the journal, waiting for their item to be planned again. */
  protected readonly restoredUploads = new Map<string, UploadState>();
  protected readonly restoredDownloads = new Map<string, RestoredDownload>();
  protected readonly restoredIntents = new Map<string, UploadIntent>();
  /** Rebuilt from the journal: a sync's plan was checked before its first run and has since been partly carried out. */
  protected readonly fromJournal: boolean;
  /** Failed items written to the journal; one that later succeeds is struck off there too. */
  protected readonly journaledFailures = new Set<string>();
  #lastRecord = 0;
  readonly #touches: TouchedPlace[];

  constructor(
    init: JobInit,
    protected readonly services: JobServices,
    protected readonly journal: JobJournal | null,
    restored?: RestoredJob,
  ) {
    this.id = init.id;
    this.mode = init.mode;
    this.label = init.label;
    this.sources = init.sources;
    this.destination = init.destination;
    this.startedAt = init.startedAt;
    this.filters = init.filters;
    this.afterwards = init.afterwards;
    this.conflict = init.conflict;
    this.#touches = touchedPlaces(init.mode, init.sources, init.destination);
    this.fromJournal = restored !== undefined;
    const c = restored?.counters;
    this.book = new ItemBook(restored?.resume ?? null, c?.popped ?? 0, c?.poppedBytes ?? 0);
    this.skipIds = new Set(restored?.beyond ?? []);
    if (restored) this.#restore(restored);
  }

  abstract get running(): boolean;

  #restore(r: RestoredJob): void {
    this.conflict = r.conflict;
    this.totals.restore(r.counters);
    this.error = r.error;
    this.endedAt = r.endedAt;
    const ended = r.state === 'done' || r.state === 'failed' || r.state === 'cancelled';
    // A job that was moving when Ferry stopped comes back paused, where it stopped.
    this.state = ended ? r.state : 'paused';
    for (const stored of r.failed.values()) {
      const item = itemFromStored(stored);
      this.book.failed.set(item.planned.id, item);
      this.journaledFailures.add(item.planned.id);
      this.totals.failed++;
    }
    for (const [id, u] of r.uploads) {
      const upload: UploadState = { record: u, parts: u.parts };
      const failed = this.book.failed.get(id);
      if (failed) failed.upload = upload;
      else this.restoredUploads.set(id, upload);
    }
    for (const [id, intent] of r.intents) {
      const failed = this.book.failed.get(id);
      if (failed) failed.intent = intent;
      else this.restoredIntents.set(id, intent);
    }
    // A ranged download keeps its temp file and finished ranges for the resume; any other half-written temp goes.
    for (const [id, p] of r.temps) {
      const download = r.downloads.get(id);
      if (!download || download.path !== p) {
        void rm(p, { force: true });
        continue;
      }
      const failed = this.book.failed.get(id);
      if (failed) failed.download = download;
      else this.restoredDownloads.set(id, download);
    }
  }

  get itemsTotal(): number | null {
    return this.totals.itemsTotal();
  }

  get bytesTotal(): number {
    return this.totals.bytesTotal();
  }

  get bytesDone(): number {
    return this.totals.bytesDone;
  }

  get ended(): boolean {
    return this.state === 'done' || this.state === 'failed' || this.state === 'cancelled';
  }

  /** Set when the job runs: the limits of that run and the most items it had in flight. */
  figures: JobFigures | undefined;

  /** A sync's local entries that are not files: not sent, and said so. */
  readonly leftOut = new LeftOutList();

  snapshot(): JobSnapshot {
    const itemsTotal = this.itemsTotal;
    // An estimate only while items are still to run; an ended job gives the bytes it knows.
    const total = this.ended ? { bytes: this.bytesTotal, estimated: false } : this.totals.bytesEstimate();
    const remaining = Math.max(0, total.bytes - this.bytesDone);
    const leftOut = this.leftOut.snapshot();
    return {
      id: this.id,
      mode: this.mode,
      state: this.state,
      label: this.label,
      destination: this.destination,
      conflict: this.conflict,
      itemsTotal,
      itemsDone: this.totals.done,
      itemsFailed: this.totals.failed,
      itemsSkipped: this.totals.skipped,
      bytesTotal: total.bytes,
      ...(total.estimated ? { bytesTotalEstimated: true } : {}),
      bytesDone: this.bytesDone,
      bytesPerSecond: Math.round(this.bytesPerSecond),
      etaSeconds:
        this.state === 'running' && itemsTotal !== null && this.bytesPerSecond > 0 ? Math.ceil(remaining / this.bytesPerSecond) : null,
      startedAt: this.startedAt,
      ...(this.endedAt !== undefined ? { endedAt: this.endedAt } : {}),
      ...(this.error ? { error: this.error } : {}),
      ...(this.question ? { question: this.question } : {}),
      ...(this.figures ? { figures: { ...this.figures } } : {}),
      touches: this.#touches,
      ...(leftOut ? { leftOut } : {}),
    };
  }

  items(offset: number, limit: number, onlyFailed: boolean) {
    const all = this.book.listed(onlyFailed);
    return { items: all.slice(offset, offset + limit).map(itemSnapshot), total: all.length };
  }

  protected insertPending(item: ItemWork): void {
    const i = this.book.pending.findIndex((p) => p.seq > item.seq);
    if (i < 0) this.book.pending.push(item);
    else this.book.pending.splice(i, 0, item);
  }

  protected askNext(): void {
    const next = this.book.parked[0];
    this.question = next
      ? { kind: 'conflict', itemId: next.planned.id, destinationId: next.destinationId, message: `"${next.destinationId}" already exists.` }
      : undefined;
  }

  protected setState(state: JobState): void {
    if (state === 'done' || state === 'failed' || state === 'cancelled') this.endedAt = Date.now();
    this.state = state;
    this.journal?.append({ t: 'state', state, at: Date.now(), ...(this.error ? { error: this.error } : {}) });
    this.recordProgress(true);
    this.changed(true);
  }

  protected recordProgress(force: boolean): void {
    const now = Date.now();
    if (!this.journal || (!force && now - this.#lastRecord < PROGRESS_RECORD_MS)) return;
    this.#lastRecord = now;
    this.journal.append({
      t: 'progress',
      resume: this.book.resume,
      beyond: this.book.beyond(),
      counters: this.totals.counters(this.book),
    });
  }

  protected changed(urgent: boolean): void {
    this.services.changed(this, urgent);
  }
}
