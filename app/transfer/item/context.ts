/** The shapes one item's transfer works with: its mutable state and the services it may use. */
import type { ProbeKeySegments } from '../../api/connection-types.js';
import type { ItemState, TransferError, TransferMethod } from '../../api/types.js';
import type { CarriedAttributes } from './attributes.js';
import type { DeleteBatcher } from './delete-batcher.js';
import type { BufferPool } from '../hash/buffer-pool.js';
import type { HashPool } from '../hash/pool.js';
import type { HashCheck } from './integrity.js';
import type { ObjectTask } from './tasks.js';
import type { DownloadRecord, JobJournal, PartRecord, UploadIntent, UploadRecord } from '../journal.js';
import type { PlannedItem } from '../plan/planner.js';
import type { Conn, RequestEnv } from '../../s3/requests/request.js';
import type { Scheduler } from '../scheduler.js';
import type { TransferTuning } from '../tuning.js';

export interface PartStats {
  /** Parts whose bytes Ferry sent. */
  uploaded: number;
  /** Parts found already on the server when a multipart upload resumed. */
  reused: number;
  /** Parts copied inside the server (UploadPartCopy). */
  copied: number;
}

export interface UploadState {
  record: UploadRecord;
  parts: Map<number, PartRecord>;
}

export type ConflictDecision = 'overwrite' | 'skip' | 'keep-both';

/** One item of a job, kept across pauses and restarts of its transfer. */
export interface ItemWork {
  planned: PlannedItem;
  seq: number;
  state: ItemState;
  destinationId: string;
  bytesTotal: number;
  bytesDone: number;
  method?: TransferMethod;
  check?: HashCheck;
  error?: TransferError;
  /** A multipart upload under way; survives a pause so that resume sends only missing parts. */
  upload?: UploadState;
  /** A multipart upload begun whose id may never have been journalled: the server may hold it (methods/lost-uploads.ts). */
  intent?: UploadIntent;
  /** A download's temp file, removed on failure or cancel. */
  tempPath?: string;
  /** A ranged download a killed run left half-done: its temp file and finished ranges, reused if the source is unchanged. */
  download?: RestoredDownload;
  /** What the current attempt stored in the cloud (set once the server accepted it), so a failed check can remove exactly that. */
  wrote?: { bucket: string; key: string; versionId?: string };
  /** The user's (or the policy's) answer to a conflict at destinationId; set once decided. */
  decision?: ConflictDecision;
}

export type RestoredDownload = DownloadRecord & { ranges: Map<number, string> };

/** An object read from S3: its connection, bucket and key. */
export interface S3Origin {
  conn: Conn;
  bucket: string;
  key: string;
}

export interface SourceInfo {
  size: number;
  etag?: string;
  lastModified?: number;
  attributes?: CarriedAttributes;
}

/** The request runner's environment, widened to the transfer's own scheduler and tuning. */
export interface ItemEnv extends RequestEnv {
  scheduler: Scheduler;
  tuning: TransferTuning;
  conn(connectionId: string): Conn;
  /** Same endpoint and the same keys: bytes can move inside the server. */
  sameAccount(a: Conn, b: Conn): boolean;
  hashes: HashPool;
  /** Part buffers, taken by ranged reads and given back once their part is sent. */
  buffers: BufferPool;
  journal: JobJournal | null;
  /** Aborts on pause, cancel or shutdown. */
  signal: AbortSignal;
  /** Bytes moved for the job's progress (negative to take back a failed attempt's). */
  onBytes(item: ItemWork, delta: number): void;
  parts: PartStats;
  /** "connectionId:feature" pairs found missing at run time (e.g. UploadPartCopy on s3rver). */
  unsupported: Set<string>;
  /**
   * Per connection id, whether its server refuses bytes that do not match the
   * CRC32 sent with them: learned once per run on the first multipart upload
   * or single PUT of 512 KiB or more (item/checksums.ts), a promise while
   * the answer is on its way.
   */
  crcChecked?: Map<string, boolean | Promise<boolean>>;
  /** A delete job's batches: its items' keys reach the server 1,000 to a DeleteObjects. */
  deletes?: DeleteBatcher;
  /** Object tasks by name (inspector edits run as jobs), as the host registered them. */
  tasks: ReadonlyMap<string, ObjectTask>;
  /** Whether the server behind `conn` keeps keys with dot or empty segments as sent (probed on first need). */
  keySegments(conn: Conn, bucket: string): Promise<ProbeKeySegments>;
  /** Whether the server may be left to refuse an existing key (If-None-Match: *): see TransferEngine.conditionalWrites. */
  conditionalWrites(conn: Conn, bucket: string): Promise<boolean>;
  /** Whether a CopyObject inside the server behind `conn` keeps the source's tags (probed on first need, then kept). */
  copyKeepsTags(conn: Conn, bucket: string): Promise<boolean>;
  /** Refuses a local file to read or write outside the folders this Ferry may use (serve mode's --root). */
  confineLocal(localPath: string): Promise<void>;
}

export interface WriteOutcome {
  method: TransferMethod;
  check: HashCheck;
}

/** Counts an attempt's bytes so a failed attempt can take them back. */
export class AttemptBytes {
  #counted = 0;
  constructor(
    private readonly env: ItemEnv,
    private readonly item: ItemWork,
  ) {}
  add(n: number): void {
    this.#counted += n;
    this.env.onBytes(this.item, n);
  }
  rollback(): void {
    if (this.#counted !== 0) this.env.onBytes(this.item, -this.#counted);
    this.#counted = 0;
  }
}
