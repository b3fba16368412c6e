/**
 * The transfer journal: one append-only JSON-lines file per job, so that a
 * crash or a kill loses at most the last fraction of a second of progress.
 *
 * It never lists every item. It records where the job is (the resume point:
 * every item up to it has finished), the few items finished beyond that
 * point, each failed item (so "retry failed" works after a restart), and each
 * multipart upload with its finished parts and their MD5s (so a resumed
 * upload sends only the parts the server holds and Ferry can vouch for).
 * An UploadId is written before its first part is sent and flushed at once:
 * an upload Ferry does not know about would bill hidden parts forever.
 */
import { mkdir, open, readdir, readFile, rename, rm, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { FilterRules } from '../sync/glob.js';
import type { ConflictPolicy, JobState, Location, TransferError, TransferMethod, TransferMode, JobSource } from '../api/types.js';
import type { parseRecord, SkippedRecord } from './journal-records.js';
import type { PlannedItem, ResumePoint } from './plan/planner.js';

const FLUSH_MS = 200;
const COMPACT_BYTES = 4 * 1024 * 1024;

export interface ConnectionNote {
  label: string;
  endpoint: string;
  accessKeyId: string;
}

export interface JobHeader {
  t: 'job';
  v: 1;
  id: string;
  mode: TransferMode;
  label: string;
  sources: JobSource[];
  destination: Location;
  conflict: ConflictPolicy;
  startedAt: number;
  /** --include/--exclude of the command line: a resumed job plans the same keys. */
  filters?: FilterRules;
  /** A delete job emptying a bucket: the bucket goes once every key has. */
  afterwards?: 'delete-bucket';
  /** Enough to find the same connection again if its id changed (a new session, the command line). */
  connections: Record<string, ConnectionNote>;
}

export interface StoredItem extends PlannedItem {
  destinationId: string;
  method?: TransferMethod;
  error?: TransferError;
}

export interface Counters {
  done: number;
  failed: number;
  skipped: number;
  /** Bytes of finished items only: a resumed item counts its own bytes again. */
  bytesDone: number;
  itemsTotal: number | null;
  bytesTotal: number;
  skippedBytes: number;
  /** Items, and their bytes, up to the resume point. */
  popped: number;
  poppedBytes: number;
}

export interface UploadRecord {
  id: string;
  connectionId: string;
  bucket: string;
  key: string;
  uploadId: string;
  partSize: number;
  size: number;
  /** Set when the upload was created to keep a full-object CRC32: every part then carries its own. */
  checksum?: 'CRC32';
}

/**
 * Written, durably, just before a multipart upload is created. The `mpu`
 * record with the upload's id follows once the server has answered; if it
 * never reaches the disk (a kill between the two, or a torn last line), the
 * intent tells a resume that the server may hold an upload nobody knows,
 * which it then finds and aborts (methods/lost-uploads.ts).
 */
export interface UploadIntent {
  id: string;
  connectionId: string;
  bucket: string;
  key: string;
  at: number;
}

export interface PartRecord {
  n: number;
  etag: string;
  md5: string;
  size: number;
  /** The part's CRC32 (S3's base64), for uploads that keep one. */
  crc?: string;
}

export type JournalRecord =
  | JobHeader
  | { t: 'state'; state: JobState; at: number; error?: TransferError }
  | { t: 'conflict'; policy: ConflictPolicy }
  | { t: 'progress'; resume: ResumePoint | null; beyond: string[]; counters: Counters }
  | { t: 'fail'; item: StoredItem }
  | { t: 'unfail'; id: string }
  | ({ t: 'mpu-intent' } & UploadIntent)
  | ({ t: 'mpu' } & UploadRecord)
  | ({ t: 'part'; id: string } & PartRecord)
  | { t: 'mpu-end'; id: string }
  | { t: 'tmp'; id: string; path: string }
  | { t: 'tmp-end'; id: string }
  | ({ t: 'dl' } & DownloadRecord)
  | { t: 'range'; id: string; n: number; md5?: string };

/** A ranged download under way: its temp file and how its ranges were cut, so a resume keeps the ranges it has. */
export interface DownloadRecord {
  id: string;
  path: string;
  etag: string;
  size: number;
  partSize: number;
  /** Ranges on the source's part boundaries: their MD5s rebuild its multipart ETag. */
  aligned: boolean;
}

export interface RestoredJob {
  header: JobHeader;
  state: JobState;
  endedAt?: number;
  error?: TransferError;
  conflict: ConflictPolicy;
  resume: ResumePoint | null;
  beyond: string[];
  counters: Counters;
  failed: Map<string, StoredItem>;
  uploads: Map<string, UploadRecord & { parts: Map<number, PartRecord> }>;
  /** Uploads begun whose `mpu` record never followed. */
  intents: Map<string, UploadIntent>;
  temps: Map<string, string>;
  /** Finished ranges (number → MD5, '' when not hashed) of downloads whose temp file is still there. */
  downloads: Map<string, DownloadRecord & { ranges: Map<number, string> }>;
}

export function foldJournal(records: JournalRecord[]): RestoredJob | null {
  const first = records[0];
  if (!first || first.t !== 'job') return null;
  const job: RestoredJob = {
    header: first,
    state: 'planning',
    conflict: first.conflict,
    resume: null,
    beyond: [],
    counters: { done: 0, failed: 0, skipped: 0, bytesDone: 0, itemsTotal: null, bytesTotal: 0, skippedBytes: 0, popped: 0, poppedBytes: 0 },
    failed: new Map(),
    uploads: new Map(),
    intents: new Map(),
    temps: new Map(),
    downloads: new Map(),
  };
  for (const r of records.slice(1)) {
    switch (r.t) {
      case 'job':
        break;
      case 'state':
        job.state = r.state;
        if (r.error) job.error = r.error;
        else delete job.error;
        if (r.state === 'done' || r.state === 'failed' || r.state === 'cancelled') job.endedAt = r.at;
        else delete job.endedAt;
        break;
      case 'conflict':
        job.conflict = r.policy;
        break;
      case 'progress':
        job.resume = r.resume;
        job.beyond = r.beyond;
        job.counters = r.counters;
        break;
      case 'fail':
        job.failed.set(r.item.id, r.item);
        break;
      case 'unfail':
        job.failed.delete(r.id);
        break;
      case 'mpu-intent': {
        const { t: _t, ...intent } = r;
        job.intents.set(r.id, intent);
        break;
      }
      case 'mpu': {
        const { t: _t, ...upload } = r;
        job.intents.delete(r.id);
        job.uploads.set(r.id, { ...upload, parts: new Map() });
        break;
      }
      case 'part': {
        const { t: _t, id, ...part } = r;
        job.uploads.get(id)?.parts.set(part.n, part);
        break;
      }
      case 'mpu-end':
        job.uploads.delete(r.id);
        job.intents.delete(r.id);
        break;
      case 'tmp':
        job.temps.set(r.id, r.path);
        break;
      case 'tmp-end':
        job.temps.delete(r.id);
        job.downloads.delete(r.id);
        break;
      case 'dl': {
        const { t: _t, ...download } = r;
        job.downloads.set(r.id, { ...download, ranges: new Map() });
        break;
      }
      case 'range':
        job.downloads.get(r.id)?.ranges.set(r.n, r.md5 ?? '');
        break;
      default: {
        const unknown: never = r;
        throw new Error(`unknown journal record ${JSON.stringify(unknown)}`);
      }
    }
  }
  return job;
}

/** Records that rebuild `job` exactly: used to compact a long journal. */
export function snapshotRecords(job: RestoredJob): JournalRecord[] {
  const out: JournalRecord[] = [{ ...job.header, conflict: job.header.conflict }];
  out.push({ t: 'state', state: job.state, at: job.endedAt ?? Date.now(), ...(job.error ? { error: job.error } : {}) });
  if (job.conflict !== job.header.conflict) out.push({ t: 'conflict', policy: job.conflict });
  out.push({ t: 'progress', resume: job.resume, beyond: job.beyond, counters: job.counters });
  for (const item of job.failed.values()) out.push({ t: 'fail', item });
  for (const intent of job.intents.values()) out.push({ t: 'mpu-intent', ...intent });
  for (const u of job.uploads.values()) {
    const { parts, ...upload } = u;
    out.push({ t: 'mpu', ...upload });
    for (const p of parts.values()) out.push({ t: 'part', id: u.id, ...p });
  }
  for (const [id, p] of job.temps) out.push({ t: 'tmp', id, path: p });
  for (const d of job.downloads.values()) {
    const { ranges, ...download } = d;
    out.push({ t: 'dl', ...download });
    for (const [n, md5] of ranges) out.push({ t: 'range', id: d.id, n, ...(md5 ? { md5 } : {}) });
  }
  return out;
}

function parseLines(text: string, parse: typeof parseRecord): { records: JournalRecord[]; skipped: SkippedRecord[] } {
  const records: JournalRecord[] = [];
  const skipped: SkippedRecord[] = [];
  const lines = text.split('\n');
  for (const [index, line] of lines.entries()) {
    if (!line) continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      // A kill mid-write leaves a torn last line; a later run that appended after it leaves it in the middle.
      // Either way only that line is lost: what comes after was written whole by the later run.
      if (index < lines.length - 1 && lines.slice(index + 1).some(Boolean)) skipped.push({ line: index + 1, reason: 'torn line' });
      continue;
    }
    const parsed = parse(value);
    if (parsed.ok) records.push(parsed.record);
    else skipped.push({ line: index + 1, reason: parsed.reason });
  }
  return { records, skipped };
}

/** Says which lines of a journal were left out, and why; the lines themselves may hold keys and paths, so they stay out. */
function warnSkipped(file: string, skipped: SkippedRecord[]): void {
  const lines = skipped.map((s) => `line ${s.line} (${s.reason})`).join('; ');
  console.warn(`Ferry skipped ${skipped.length} unreadable record(s) of the transfer journal ${file}: ${lines}`);
}

/** Appends one job's records; batches small ones, flushes urgent ones at once. */
export class JobJournal {
  #handle: Promise<FileHandle> | undefined;
  #pending: string[] = [];
  #timer: NodeJS.Timeout | undefined;
  #chain: Promise<void> = Promise.resolve();
  #closed = false;

  constructor(readonly file: string) {}

  append(record: JournalRecord): void {
    if (this.#closed) return;
    this.#pending.push(`${JSON.stringify(record)}\n`);
    this.#timer ??= setTimeout(() => void this.flush(), FLUSH_MS);
  }

  /** Appends and waits until it is written. */
  async appendNow(record: JournalRecord): Promise<void> {
    this.append(record);
    await this.flush();
  }

  flush(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#pending.length === 0) return this.#chain;
    const text = this.#pending.join('');
    this.#pending = [];
    this.#chain = this.#chain.then(async () => {
      // Journals name keys, buckets and local paths: readable by the user alone.
      let first = false;
      this.#handle ??= mkdir(path.dirname(this.file), { recursive: true, mode: 0o700 }).then(() => {
        first = true;
        return open(this.file, 'a+', 0o600);
      });
      const handle = await this.#handle;
      // A killed run may have left a torn last line: start on a fresh line so the first new record is not glued to it.
      await handle.write(first && (await endsTorn(handle)) ? `\n${text}` : text);
    });
    // A journal that cannot be written must not take the transfer down with it.
    this.#chain = this.#chain.catch(() => undefined);
    return this.#chain;
  }

  async close(): Promise<void> {
    await this.flush();
    this.#closed = true;
    const h = this.#handle;
    this.#handle = undefined;
    if (h) await (await h.catch(() => null))?.close();
  }

  async remove(): Promise<void> {
    await this.close();
    await rm(this.file, { force: true });
  }
}

async function endsTorn(handle: FileHandle): Promise<boolean> {
  const { size } = await handle.stat();
  if (size === 0) return false;
  const last = Buffer.alloc(1);
  await handle.read(last, 0, 1, size - 1);
  return last[0] !== 0x0a;
}

/** The folder of journals: lists, loads, compacts. */
export class JournalStore {
  constructor(
    readonly dir: string,
    /** Told of records a restore skipped: they do not parse, so nothing of them is applied. */
    readonly onSkipped: (file: string, skipped: SkippedRecord[]) => void = warnSkipped,
  ) {}

  fileFor(jobId: string): string {
    return path.join(this.dir, `${jobId}.jsonl`);
  }

  open(jobId: string): JobJournal {
    return new JobJournal(this.fileFor(jobId));
  }

  async load(jobId: string): Promise<RestoredJob | null> {
    const file = this.fileFor(jobId);
    const text = await readFile(file, 'utf8').catch(() => null);
    if (text === null) return null;
    // The record schemas (zod and every call's schema) load only when there is a journal to read: a new transfer
    // from the command line never reads one, and loading them cost it ~40 ms of its start.
    const { parseRecord } = await import('./journal-records.js');
    const { records, skipped } = parseLines(text, parseRecord);
    if (skipped.length > 0) this.onSkipped(file, skipped);
    const job = foldJournal(records);
    if (job && text.length > COMPACT_BYTES) await this.rewrite(job);
    return job;
  }

  async loadAll(): Promise<RestoredJob[]> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    const jobs: RestoredJob[] = [];
    for (const name of names.filter((n) => n.endsWith('.jsonl')).sort()) {
      const job = await this.load(name.slice(0, -'.jsonl'.length));
      if (job) jobs.push(job);
    }
    return jobs.sort((a, b) => a.header.startedAt - b.header.startedAt);
  }

  async rewrite(job: RestoredJob): Promise<void> {
    const file = this.fileFor(job.header.id);
    const temp = `${file}.${process.pid}.tmp`;
    const text = snapshotRecords(job)
      .map((r) => `${JSON.stringify(r)}\n`)
      .join('');
    const handle = await open(temp, 'w', 0o600);
    try {
      await handle.write(text);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  }
}
