/**
 * The transfer engine: every job of one core (or one command-line run), the
 * limits they share, the journal, and the progress publisher. Progress is
 * pushed, never polled: bytes only mark a job dirty, and one timer publishes
 * every dirty job in a single event about ten times a second; state changes
 * go out at once.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { randomUUID } from 'node:crypto';
import { readdir, rmdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { FerryError } from '../api/errors.js';
import { MAX_KEY_BYTES } from '../api/limits.js';
import { collectGarbage } from '../base/collect-garbage.js';
import type { FilterRules } from '../sync/glob.js';
import type { ConflictPolicy, JobSnapshot, Location, TransferMode, JobSource } from '../api/types.js';
import type { Learnt, ProbeKeySegments } from '../api/connection-types.js';
import type { ConnectionRegistry } from '../connections/connection-registry.js';
import { lastSegment } from './plan/destination.js';
import { BufferPool } from './hash/buffer-pool.js';
import { dropSharedArena } from './hash/arena.js';
import { HashPool } from './hash/pool.js';
import { Job, type JobStats } from './job/job.js';
import type { ObjectTask } from './item/tasks.js';
import type { JobRecord, JobServices } from './job/record.js';
import { JournalStore, type ConnectionNote, type JobHeader, type JobJournal, type RestoredJob } from './journal.js';
import type { Conn } from '../s3/requests/request.js';
import { Scheduler } from './scheduler.js';
import { ServerFacts } from './server-facts.js';
import { resolveTuning, type TransferTuning } from './tuning.js';

const PUBLISH_MS = 100;
const CONN_CACHE_MS = 1000;
/**
 * Part buffers and the hash workers outlive a job by this long, so a job that
 * follows at once reuses them; then an idle engine gives them back (a large
 * upload leaves up to the memory budget, 64 MiB, of arena and a worker behind
 * otherwise, for as long as the app stays open). Arenas that never grew past
 * their first step are kept.
 */
const IDLE_RELEASE_MS = 2000;
const KEEP_ARENA_BYTES = 16 * 1024 * 1024;

/** What the engine needs of the connections: the core's registry, or the command line's. */
export type ConnectionLookup = Pick<ConnectionRegistry, 'get' | 'list' | 'credentials' | 'redact'>;

export interface EngineOptions {
  connections: ConnectionLookup;
  clientFor(connectionId: string): S3Client;
  /** Where job journals live; null keeps no journal. */
  journalDir: string | null;
  tuning?: Partial<TransferTuning>;
  publish(jobs: JobSnapshot[]): void;
  redact?(text: string): string;
  /** Load the journal's jobs at start, shown paused (the app); the command line resumes one on request. */
  restore?: boolean;
  /** Drop a job's journal as soon as it is done (the command line); the app keeps it until dismissed. */
  forgetFinished?: boolean;
  /**
   * A resumed job's connection may be the one of the same name, whatever its keys and endpoint: the command line,
   * where the user names it and may have corrected what the server refused. The app matches endpoint and keys:
   * there, two connections can share a name and be different accounts.
   */
  matchConnectionsByName?: boolean;
  /** Object tasks this host can run (the app's inspector edits), by name. */
  tasks?: Record<string, ObjectTask>;
  /** Refuses a local path outside serve mode's --root folders, links resolved (checked per item: the planner finds links). */
  confineLocal?(localPath: string): Promise<void>;
  /** Keep what a write taught about the server with the connection's profile (the app; the command line forgets it). */
  rememberLearnt?(connectionId: string, learnt: Learnt): void;
}

export interface StartRequest {
  sources: JobSource[];
  destination: Location;
  mode: TransferMode;
  conflict: ConflictPolicy;
  /** Keys to take or leave, applied as the planner lists. */
  filters?: FilterRules;
  /** What Transfers calls the job, where the sources do not say it well (a delete of a selection). */
  label?: string;
  /** A delete job that empties a bucket deletes the bucket itself once every key has gone. */
  afterwards?: 'delete-bucket';
}

export interface JobReport {
  snapshot: JobSnapshot;
  stats: JobStats;
  methods: Job['methods'];
  checks: Job['checks'];
}

function sourceLabel(s: JobSource): string {
  switch (s.kind) {
    case 'local':
      return path.basename(s.path) || s.path;
    case 's3':
      return s.key.endsWith('/') ? `${lastSegment(s.key)}/` : lastSegment(s.key);
    case 's3-prefix':
      return s.prefix ? `${lastSegment(s.prefix)}/` : `${s.bucket}/`;
    case 'sync':
      return `${locationLabel(s.sync.left)} (sync)`;
    case 'object-task':
      return s.label;
    default: {
      const unknown: never = s;
      throw new Error(`unknown source ${JSON.stringify(unknown)}`);
    }
  }
}

function locationLabel(l: Location): string {
  return l.kind === 'local' ? `${path.basename(l.path) || l.path}/` : `${l.bucket}/${l.prefix}`;
}

export function jobLabel(sources: JobSource[], destination: Location): string {
  const first = sources[0] ? sourceLabel(sources[0]) : '';
  const what = sources.length > 1 ? `${first} and ${sources.length - 1} more` : first;
  // A rename reads as one: "photos/ → pictures/"; an edit stays where it is.
  const only = sources.length === 1 ? sources[0] : undefined;
  if (only?.kind === 'object-task') return what;
  const renamed = only && only.kind !== 'sync' ? only.as : undefined;
  if (renamed !== undefined) return `${what} → ${renamed}${what.endsWith('/') ? '/' : ''}`;
  return `${what} → ${locationLabel(destination)}`;
}

function connectionIds(sources: JobSource[], destination: Location): string[] {
  const ids = new Set<string>();
  for (const s of sources) {
    if (s.kind === 'sync') for (const l of [s.sync.left, s.sync.right]) if (l.kind === 's3') ids.add(l.connectionId);
    if (s.kind === 's3' || s.kind === 's3-prefix') ids.add(s.connectionId);
  }
  if (destination.kind === 's3') ids.add(destination.connectionId);
  return [...ids];
}

export class TransferEngine implements JobServices {
  tuning: TransferTuning;
  scheduler: Scheduler;
  hashes = new HashPool();
  buffers: BufferPool;
  readonly unsupported = new Set<string>();
  readonly tasks: ReadonlyMap<string, ObjectTask>;
  readonly stats = { requests: 0, retries: 0, stalls: 0 };
  readonly ready: Promise<void>;
  readonly #jobs = new Map<string, Job>();
  readonly #journals = new Map<string, JobJournal>();
  readonly #notes = new Map<string, Record<string, ConnectionNote>>();
  readonly #remaps = new Map<string, Map<string, string>>();
  readonly #store: JournalStore | null;
  readonly #dirty = new Set<JobRecord>();
  readonly #rates = new Map<string, { bytes: number; at: number }>();
  readonly #conns = new Map<string, { conn: Conn; at: number }>();
  readonly #facts: ServerFacts;
  #timer: NodeJS.Timeout | undefined;
  #immediate: NodeJS.Immediate | undefined;
  #idleTimer: NodeJS.Timeout | undefined;

  constructor(private readonly opts: EngineOptions) {
    this.tasks = new Map(Object.entries(opts.tasks ?? {}));
    this.tuning = resolveTuning(opts.tuning);
    this.scheduler = new Scheduler(this.tuning);
    this.buffers = new BufferPool(this.tuning.partsInFlight);
    this.#store = opts.journalDir ? new JournalStore(opts.journalDir) : null;
    this.#facts = new ServerFacts(opts.rememberLearnt?.bind(opts));
    this.ready = opts.restore && this.#store ? this.#restoreAll(this.#store) : Promise.resolve();
  }

  /**
   * New limits for every run that starts from now on (a new job, a resume, a
   * retry). A run already going keeps the limits it started with: it holds
   * slots of the old scheduler and gives them back there.
   */
  retune(overrides: Partial<TransferTuning>): void {
    const next = resolveTuning({ ...this.opts.tuning, ...overrides });
    this.tuning = next;
    this.scheduler = new Scheduler(next);
    this.buffers = new BufferPool(next.partsInFlight);
  }

  async #restoreAll(store: JournalStore): Promise<void> {
    for (const restored of await store.loadAll().catch(() => [])) this.#adopt(restored.header, restored);
  }

  /** Loads one journalled job (the command line's `ferry resume`); null if there is none. */
  async restore(jobId: string): Promise<Job | null> {
    const existing = this.#jobs.get(jobId);
    if (existing) return existing;
    const restored = await this.#store?.load(jobId);
    return restored ? this.#adopt(restored.header, restored) : null;
  }

  async journalled(): Promise<JobHeader[]> {
    return ((await this.#store?.loadAll()) ?? []).filter((j) => !['done', 'cancelled'].includes(j.state)).map((j) => j.header);
  }

  #adopt(header: JobHeader, restored?: RestoredJob): Job {
    const journal = this.#store?.open(header.id) ?? null;
    if (journal) this.#journals.set(header.id, journal);
    this.#notes.set(header.id, header.connections);
    const job = new Job(header, this, journal, restored);
    this.#jobs.set(job.id, job);
    return job;
  }

  async start(req: StartRequest): Promise<Job> {
    await this.ready;
    this.#validate(req);
    const connections: Record<string, ConnectionNote> = {};
    for (const id of connectionIds(req.sources, req.destination)) {
      const c = this.opts.connections.get(id);
      connections[id] = { label: c.label, endpoint: c.endpoint, accessKeyId: c.accessKeyId };
    }
    const header: JobHeader = {
      t: 'job',
      v: 1,
      id: randomUUID(),
      mode: req.mode,
      label: req.label ?? jobLabel(req.sources, req.destination),
      sources: req.sources,
      destination: req.destination,
      conflict: req.conflict,
      startedAt: Date.now(),
      ...(req.filters && (req.filters.include?.length || req.filters.exclude?.length) ? { filters: req.filters } : {}),
      ...(req.afterwards ? { afterwards: req.afterwards } : {}),
      connections,
    };
    const job = this.#adopt(header);
    await this.#journals.get(job.id)?.appendNow(header);
    void job.start();
    return job;
  }

  #validate(req: StartRequest): void {
    const d = req.destination;
    if (d.kind === 's3' && !d.bucket) throw new FerryError('invalid-arguments', 'Open a bucket before dropping objects on it.');
    // A delete job writes nothing: its destination is only the bucket it deletes in.
    if (req.mode === 'delete') {
      if (req.sources.some((s) => s.kind !== 's3' && s.kind !== 's3-prefix'))
        throw new FerryError('invalid-arguments', 'A delete job deletes objects in a bucket.');
      return;
    }
    if (d.kind === 'local' && !path.isAbsolute(d.path))
      throw new FerryError('invalid-arguments', `A local path must be absolute: ${d.path}`);
    // A key holds at most 1,024 bytes: under a prefix that long no name fits, and every item would fail alone.
    const prefixBytes = d.kind === 's3' ? Buffer.byteLength(d.prefix) : 0;
    if (prefixBytes >= MAX_KEY_BYTES) {
      throw new FerryError(
        'invalid-arguments',
        `The destination prefix is ${prefixBytes} bytes; an S3 key holds at most ${MAX_KEY_BYTES}, so nothing fits under it. Choose a shorter destination.`,
      );
    }
    for (const s of req.sources) {
      const keyBytes = Buffer.byteLength(s.kind === 's3' ? s.key : s.kind === 's3-prefix' ? s.prefix : '');
      if (keyBytes > MAX_KEY_BYTES) {
        throw new FerryError(
          'invalid-arguments',
          `The source key is ${keyBytes} bytes; an S3 key holds at most ${MAX_KEY_BYTES}, so no object has it. Check the source.`,
        );
      }
      if (s.kind === 'local') {
        if (!path.isAbsolute(s.path)) throw new FerryError('invalid-arguments', `A local path must be absolute: ${s.path}`);
        const rel = d.kind === 'local' ? path.relative(path.resolve(s.path), path.resolve(d.path)) : '..';
        const outside = rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel);
        if (rel === '' || !outside) {
          throw new FerryError('invalid-arguments', `Cannot copy ${s.path} into itself.`, { details: { path: s.path } });
        }
        continue;
      }
      if (s.kind === 'sync' || s.kind === 'object-task') continue;
      // Copying a prefix into itself would list its own copies forever.
      const prefix = s.kind === 's3' ? s.key : s.prefix;
      if (d.kind === 's3' && (s.kind === 's3-prefix' || s.key.endsWith('/')) && d.bucket === s.bucket && d.prefix.startsWith(prefix)) {
        const a = this.conn(s.connectionId);
        const b = this.conn(d.connectionId);
        if (this.sameAccount(a, b)) {
          throw new FerryError('invalid-arguments', `Cannot copy ${s.bucket}/${prefix} into itself.`, { details: { prefix } });
        }
      }
    }
  }

  job(jobId: string): Job {
    const job = this.#jobs.get(jobId);
    if (!job) throw new FerryError('not-found', 'That transfer no longer exists.', { details: { jobId } });
    return job;
  }

  list(): JobSnapshot[] {
    return [...this.#jobs.values()].map((j) => j.snapshot());
  }

  report(jobId: string): JobReport {
    const job = this.job(jobId);
    return { snapshot: job.snapshot(), stats: { ...job.stats }, methods: { ...job.methods }, checks: { ...job.checks } };
  }

  async dismiss(jobId: string): Promise<boolean> {
    const job = this.#jobs.get(jobId);
    if (!job) return false;
    if (!job.ended) throw new FerryError('invalid-arguments', 'Only a transfer that has ended can be dismissed; cancel it first.');
    // A failed item may still hold a multipart upload kept for a retry; nobody will retry it now.
    await job.releaseRemote();
    this.#jobs.delete(jobId);
    this.#rates.delete(jobId);
    await this.#journals.get(jobId)?.remove();
    this.#journals.delete(jobId);
    return true;
  }

  /** Called when a job has stopped for good in this process: the command line drops a finished job's journal. */
  async settle(job: Job): Promise<void> {
    const journal = this.#journals.get(job.id);
    if (!journal) return;
    if (this.opts.forgetFinished && job.state === 'done') await journal.remove();
    else await journal.flush();
  }

  async dispose(): Promise<void> {
    // Stopping is a pause: the journal says "paused" and the next start offers to resume.
    await Promise.all([...this.#jobs.values()].filter((j) => j.running).map((j) => j.pause()));
    clearTimeout(this.#timer);
    clearTimeout(this.#idleTimer);
    if (this.#immediate) clearImmediate(this.#immediate);
    await Promise.all([...this.#journals.values()].map((j) => j.close()));
    this.hashes.dispose();
  }

  // JobServices

  conn(connectionId: string): Conn {
    // Asked several times per item: a summary a moment old is as good, and much cheaper than rebuilding it.
    const now = Date.now();
    const cached = this.#conns.get(connectionId);
    if (cached && now - cached.at < CONN_CACHE_MS) return cached.conn;
    const conn = { id: connectionId, summary: this.opts.connections.get(connectionId), client: this.opts.clientFor(connectionId) };
    this.#conns.set(connectionId, { conn, at: now });
    return conn;
  }

  async confineLocal(localPath: string): Promise<void> {
    await this.opts.confineLocal?.(localPath);
  }

  keySegments(conn: Conn, bucket: string, signal: AbortSignal): Promise<ProbeKeySegments> {
    return this.#facts.keySegments(conn, bucket, signal);
  }

  conditionalWrites(conn: Conn, bucket: string, signal: AbortSignal): Promise<boolean> {
    return this.#facts.conditionalWrites(conn, bucket, signal);
  }

  copyKeepsTags(conn: Conn, bucket: string, signal: AbortSignal): Promise<boolean> {
    return this.#facts.copyKeepsTags(conn, bucket, signal);
  }

  sameAccount(a: Conn, b: Conn): boolean {
    if (a.id === b.id) return true;
    if (a.summary.endpoint !== b.summary.endpoint || a.summary.accessKeyId !== b.summary.accessKeyId) return false;
    try {
      return this.opts.connections.credentials(a.id).secretAccessKey === this.opts.connections.credentials(b.id).secretAccessKey;
    } catch {
      return false;
    }
  }

  remap(jobId: string, connectionId: string): string {
    return this.#remaps.get(jobId)?.get(connectionId) ?? connectionId;
  }

  missingConnection(jobId: string, sources: JobSource[], destination: Location): { id: string; message: string } | null {
    const known = this.opts.connections.list();
    const notes = this.#notes.get(jobId) ?? {};
    const map = this.#remaps.get(jobId) ?? new Map<string, string>();
    this.#remaps.set(jobId, map);
    for (const id of connectionIds(sources, destination)) {
      if (known.some((c) => c.id === (map.get(id) ?? id))) continue;
      const note = notes[id];
      const same = note ? known.filter((c) => c.endpoint === note.endpoint && c.accessKeyId === note.accessKeyId) : [];
      // Failing that, where the user names connections (the command line), the one of the same name: its keys or
      // endpoint were corrected after the server refused them.
      const sameName =
        note && this.opts.matchConnectionsByName ? known.find((c) => c.label.toLowerCase() === note.label.toLowerCase()) : undefined;
      const match = same.find((c) => c.label === note?.label) ?? same[0] ?? sameName;
      if (match) {
        map.set(id, match.id);
        continue;
      }
      return { id, message: `The connection "${note?.label ?? id}" is not available. Add it again, then resume.` };
    }
    return null;
  }

  redact(text: string): string {
    return this.opts.redact ? this.opts.redact(text) : this.opts.connections.redact(text);
  }

  changed(job: JobRecord, urgent: boolean): void {
    this.#dirty.add(job);
    if (urgent) this.#immediate ??= setImmediate(() => this.#flush());
    else if (!this.#timer) {
      this.#timer = setTimeout(() => this.#flush(), PUBLISH_MS);
      this.#timer.unref();
    }
  }

  async tidyMovedFolders(sources: JobSource[]): Promise<void> {
    const removeEmpty = async (dir: string): Promise<void> => {
      for (const d of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
        if (d.isDirectory()) await removeEmpty(path.join(dir, d.name));
      }
      await rmdir(dir).catch(() => undefined);
    };
    for (const s of sources) {
      if (s.kind === 'local' && (await stat(s.path).catch(() => null))?.isDirectory()) await removeEmpty(s.path);
    }
  }

  #flush(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#immediate) clearImmediate(this.#immediate);
    this.#immediate = undefined;
    const now = Date.now();
    let anyRunning = false;
    for (const job of this.#jobs.values()) {
      if (!job.running) {
        job.bytesPerSecond = 0;
        this.#rates.delete(job.id);
        continue;
      }
      anyRunning = true;
      // Running jobs are published every tick so throughput and ETA stay current through a quiet spell.
      this.#dirty.add(job);
      const last = this.#rates.get(job.id);
      if (!last) this.#rates.set(job.id, { bytes: job.bytesDone, at: now });
      else if (now - last.at >= 250) {
        const instant = Math.max(0, ((job.bytesDone - last.bytes) / (now - last.at)) * 1000);
        job.bytesPerSecond = job.bytesPerSecond > 0 ? job.bytesPerSecond * 0.7 + instant * 0.3 : instant;
        this.#rates.set(job.id, { bytes: job.bytesDone, at: now });
      }
    }
    if (this.#dirty.size > 0) {
      const batch = [...this.#dirty].filter((j) => this.#jobs.has(j.id)).map((j) => j.snapshot());
      this.#dirty.clear();
      if (batch.length > 0) this.opts.publish(batch);
    }
    if (anyRunning && !this.#timer) {
      this.#timer = setTimeout(() => this.#flush(), PUBLISH_MS);
      this.#timer.unref();
    }
    if (!anyRunning) this.#idleTimer ??= setTimeout(() => this.#releaseIdleMemory(), IDLE_RELEASE_MS).unref();
  }

  /** Gives the arena and the hash workers back when no job runs; the next job starts a new, small arena. */
  #releaseIdleMemory(): void {
    this.#idleTimer = undefined;
    const arena = this.hashes.arenaIfMade;
    if (!arena || arena.grownBytes <= KEEP_ARENA_BYTES || !this.hashes.idle) return;
    if ([...this.#jobs.values()].some((j) => j.running)) return;
    this.hashes.dispose();
    dropSharedArena(arena);
    this.hashes = new HashPool();
    this.buffers = new BufferPool(this.tuning.partsInFlight);
    // Once the workers have exited, nothing but the collector stands between the old arena and the system.
    setTimeout(collectGarbage, IDLE_RELEASE_MS).unref();
  }
}
