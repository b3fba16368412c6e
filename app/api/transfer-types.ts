/** Transfer shapes: jobs, their items, state and progress, as pushed to the renderer. */
import type { ItemRef, Location } from './browse-types.js';
import type { SyncRequest } from './sync-types.js';

/** What a job does when an item's destination already exists. */
export type ConflictPolicy = 'ask' | 'skip' | 'overwrite' | 'keep-both' | 'overwrite-if-newer' | 'overwrite-if-different';

/** 'edit' changes objects where they are (an inspector edit over many objects): see ObjectTaskSource. 'delete' removes its sources' keys (a delete job: no destination is written). */
export type TransferMode = 'copy' | 'move' | 'edit' | 'delete';

/** 'waiting' means the job needs the user: a conflict under 'ask', or fresh credentials. */
export type JobState = 'planning' | 'running' | 'paused' | 'waiting' | 'done' | 'failed' | 'cancelled';

export type ItemState = 'queued' | 'running' | 'paused' | 'done' | 'skipped' | 'failed' | 'cancelled';

/** How an item's bytes moved: inside the server, or through Ferry. */
export type TransferMethod = 'server-copy' | 'server-part-copy' | 'single-put' | 'multipart' | 'download' | 'delete' | 'tagging';

/** Every key under a prefix, expanded lazily by the planner. */
export interface S3PrefixSource {
  kind: 's3-prefix';
  connectionId: string;
  bucket: string;
  prefix: string;
}

/**
 * A sync: the job compares both locations as it goes and copies (or deletes)
 * only what the plan says. With `expect` (a plan's digest from a dry run or a
 * compare) it first checks the plan is still that one, and stops before
 * changing anything if not.
 */
export interface SyncSource {
  kind: 'sync';
  sync: SyncRequest;
  expect?: string;
}

/**
 * What a job reads: one object, one local file or folder (folders expand recursively), a whole prefix, or a sync's plan.
 * `as` (set only by a rename, never by a drop) is the name it lands under instead of its own last segment.
 * `versions` (set only by a delete job's "permanently") makes the job take every version and delete marker.
 */
export type TransferSource = ((ItemRef | S3PrefixSource) & { as?: string; versions?: true }) | SyncSource;

/** What a job of the engine reads: a transfer's sources, or an object task. */
export type JobSource = TransferSource | ObjectTaskSource;

/**
 * The same change made to each of some objects of one bucket, where they
 * are: one item per key, run by the task the core registered under `task`
 * (app/transfer/run/object-task.ts). `args` is that task's own, checked
 * by it again when a journalled job resumes.
 */
export interface ObjectTaskSource {
  kind: 'object-task';
  task: string;
  connectionId: string;
  bucket: string;
  keys: string[];
  args: unknown;
  /** What the job is called in Transfers, e.g. "Content-Type of 40 objects in photos". */
  label: string;
}

export interface TransferError {
  code: string;
  message: string;
}

export type JobQuestion =
  | { kind: 'conflict'; itemId: string; destinationId: string; message: string }
  | { kind: 'credentials'; connectionId: string; message: string };

export interface JobSnapshot {
  id: string;
  mode: TransferMode;
  state: JobState;
  /** Short description, e.g. "photos/ → archive/incoming/". */
  label: string;
  destination: Location;
  conflict: ConflictPolicy;
  /** Null while the planner is still expanding the sources. */
  itemsTotal: number | null;
  itemsDone: number;
  itemsFailed: number;
  itemsSkipped: number;
  /** Bytes of the items planned so far (final once itemsTotal is known). */
  bytesTotal: number;
  /** bytesTotal counts items whose size is not known yet at the average of the rest (objects chosen one by one learn theirs as they run). */
  bytesTotalEstimated?: boolean;
  bytesDone: number;
  bytesPerSecond: number;
  etaSeconds: number | null;
  startedAt: number;
  endedAt?: number;
  error?: TransferError;
  question?: JobQuestion;
  /** What this job ran under and did: the limits it was started with, and the most items it had in flight at once. */
  figures?: JobFigures;
  /** The places the job changes: a window refreshes the panes showing these when it ends, and no others. */
  touches?: TouchedPlace[];
  /** A sync's local entries that are not files, so not sent (its compare named them too). */
  leftOut?: LeftOutEntries;
}

/** A listing a change reaches: `location` itself, or with `under` everything inside it too. */
export interface TouchedPlace {
  location: Location;
  under?: boolean;
}

/** Local entries a sync leaves out because they are not files (a link to nothing, a pipe, a link back up): the first named. */
export interface LeftOutEntries {
  count: number;
  first: { path: string; reason: string }[];
}

export interface JobFigures {
  /** The limit on items in flight; where it grew with the round trip, the highest it reached. */
  objectsInFlight: number;
  partsInFlight: number;
  partSize: number;
  bandwidthBytesPerSecond: number | null;
  peakItemsInFlight: number;
}

/**
 * One item of a job. A job keeps every failed, active and waiting item, and
 * the most recently finished others (a bounded window), so a job of a
 * million keys never holds them all; `transfer.items` pages through those.
 */
export interface JobItemSnapshot {
  id: string;
  source: ItemRef;
  /** Key (S3) or absolute path (local) written at the destination. */
  destinationId: string;
  state: ItemState;
  bytesTotal: number;
  bytesDone: number;
  method?: TransferMethod;
  error?: TransferError;
}
