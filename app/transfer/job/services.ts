/** What a job needs from the engine that runs it: the shared limits and services, and a voice to report changes. */
import type { Location, TransferSource } from '../../api/types.js';
import type { BufferPool } from '../hash/buffer-pool.js';
import type { HashPool } from '../hash/pool.js';
import type { JobRecord } from './record.js';
import type { Conn } from '../../s3/requests/request.js';
import type { Scheduler } from '../scheduler.js';
import type { TransferTuning } from '../tuning.js';

export interface JobServices {
  scheduler: Scheduler;
  tuning: TransferTuning;
  hashes: HashPool;
  buffers: BufferPool;
  /** "connectionId:feature" pairs found missing at run time, shared by all jobs. */
  unsupported: Set<string>;
  /** Not a per-job request counter: abortUpload outside a run counts here. */
  stats: { requests: number; retries: number; stalls: number };
  conn(connectionId: string): Conn;
  sameAccount(a: Conn, b: Conn): boolean;
  /** The current id of a connection a job recorded (ids change across sessions and command-line runs). */
  remap(jobId: string, connectionId: string): string;
  /** A connection the job needs but that is not there (nor any like it), with what to tell the user. */
  missingConnection(jobId: string, sources: TransferSource[], destination: Location): { id: string; message: string } | null;
  redact(text: string): string;
  changed(job: JobRecord, urgent: boolean): void;
  tidyMovedFolders(sources: TransferSource[]): Promise<void>;
}
