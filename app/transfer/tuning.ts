/**
 * The engine's knobs and the arithmetic of parts. Defaults suit a desktop on a
 * fast link; the command line and the tests override them. Part sizes always
 * bend to the provider's limits: a part count over maxParts would fail at the
 * end of a long upload, so the size grows up front instead.
 */
import { FerryError } from '../api/errors.js';
import { DEFAULT_LIMITS, type ProviderLimits } from '../api/connection-types.js';
import type { PoolOptions } from '../s3/client-factory.js';

export const MiB = 1024 * 1024;

/**
 * Part buffers held at once unless asked otherwise: eight 8 MiB parts. That is
 * more than a 10 Gbit/s link holds in flight at a 50 ms round trip, and on
 * loopback 16 parts in flight took no less time than 8 but 64 MiB more memory
 * (docs/performance.md, 2026-12-06).
 */
export const DEFAULT_MEMORY_BYTES = 64 * MiB;

export interface TransferTuning {
  /** Items being transferred at once, across all jobs, to begin with (base/in-flight-climber.ts). */
  objectsInFlight: number;
  /**
   * How far the number of items in flight may grow while more of them still
   * buys throughput (a cloud's round trip); equal to objectsInFlight, it is fixed.
   */
  objectsInFlightMax: number;
  /** Parts (ranged reads, uploads, part copies) at once, across all jobs. */
  partsInFlight: number;
  /** Preferred part size for uploads through Ferry. */
  partSize: number;
  /** Objects up to this size go as one PUT; above it, multipart. */
  multipartThreshold: number;
  /** Budget for part and object buffers held at once. */
  memoryBytes: number;
  /** Requests at once to one endpoint. */
  socketsPerEndpoint: number;
  /** Total read rate across all transfers, or null for no limit. */
  bandwidthBytesPerSecond: number | null;
  /** A connection not made within this is given up, and the address treated like one that refuses (s3/requests/refused-endpoints.ts). */
  connectTimeoutMs: number;
  /** A body or request silent this long is cut and retried. */
  idleTimeoutMs: number;
  /** Tries per request, including the first. */
  maxAttempts: number;
  /** First backoff delay; doubles per retry, with jitter. */
  retryBaseMs: number;
  /** Largest single CopyObject; null takes the provider's limit. Tests shrink it. */
  copyObjectMaxBytes: number | null;
  /** Part size for server-side UploadPartCopy. */
  copyPartSize: number;
}

export const DEFAULT_TUNING: TransferTuning = {
  objectsInFlight: 16,
  objectsInFlightMax: 256,
  partsInFlight: 16,
  partSize: 8 * MiB,
  multipartThreshold: 8 * MiB,
  memoryBytes: DEFAULT_MEMORY_BYTES,
  // A cap, not a pool: sockets open only as requests need them, and the items in flight decide how many do.
  socketsPerEndpoint: 256,
  bandwidthBytesPerSecond: null,
  connectTimeoutMs: 10_000,
  idleTimeoutMs: 30_000,
  maxAttempts: 6,
  retryBaseMs: 250,
  copyObjectMaxBytes: null,
  copyPartSize: 64 * MiB,
};

export function resolveTuning(overrides: Partial<TransferTuning> = {}): TransferTuning {
  const t: TransferTuning = { ...DEFAULT_TUNING, ...overrides };
  for (const key of [
    'objectsInFlight',
    'partsInFlight',
    'partSize',
    'memoryBytes',
    'socketsPerEndpoint',
    'maxAttempts',
    'connectTimeoutMs',
  ] as const) {
    if (!Number.isFinite(t[key]) || t[key] < 1) throw new FerryError('invalid-arguments', `${key} must be a positive number.`);
  }
  if (overrides.multipartThreshold === undefined) t.multipartThreshold = t.partSize;
  // Parts in flight or a part size asked for are given the memory they need, unless the memory is asked for too.
  if (overrides.memoryBytes === undefined && (overrides.partsInFlight !== undefined || overrides.partSize !== undefined)) {
    t.memoryBytes = Math.max(DEFAULT_MEMORY_BYTES, t.partsInFlight * t.partSize);
  }
  // A number of objects asked for is the number used, unless a ceiling to grow to is asked for too.
  if (overrides.objectsInFlight !== undefined && overrides.objectsInFlightMax === undefined) t.objectsInFlightMax = t.objectsInFlight;
  t.objectsInFlightMax = Math.max(t.objectsInFlight, Number.isFinite(t.objectsInFlightMax) ? t.objectsInFlightMax : t.objectsInFlight);
  // One part must always fit the budget, or the scheduler could wait forever.
  t.memoryBytes = Math.max(t.memoryBytes, t.partSize, t.multipartThreshold);
  return t;
}

export function limitsOf(limits: ProviderLimits | undefined): ProviderLimits {
  return limits ?? DEFAULT_LIMITS;
}

/** The part size for an object of `size` bytes: the preferred size, grown to stay within maxParts, rounded to MiB. */
export function partSizeFor(size: number, preferred: number, limits: ProviderLimits): number {
  let part = Math.max(preferred, limits.minPartBytes);
  const needed = Math.ceil(size / limits.maxParts);
  if (needed > part) part = Math.ceil(needed / MiB) * MiB;
  part = Math.min(part, limits.maxPartBytes);
  if (Math.ceil(size / part) > limits.maxParts) {
    throw new FerryError(
      'invalid-arguments',
      `An object of ${size} bytes does not fit in ${limits.maxParts} parts of at most ${limits.maxPartBytes} bytes.`,
      { details: { size } },
    );
  }
  return part;
}

export function partCount(size: number, partSize: number): number {
  return Math.max(1, Math.ceil(size / partSize));
}

/** Byte range [start, end) of part n (1-based). */
export function partRange(n: number, partSize: number, size: number): { start: number; end: number } {
  const start = (n - 1) * partSize;
  return { start, end: Math.min(size, start + partSize) };
}

/**
 * What the S3 clients of a transfer take from its tuning (set where the
 * clients are built, before any job). Settings left out take the engine's
 * defaults here too: the items in flight grow to objectsInFlightMax, and an
 * agent with fewer sockets than that would queue requests behind connections
 * that do not exist (behind a 50 ms round trip, 64 sockets for 256 items in
 * flight made a 10,000-object upload 40 % slower).
 */
export function clientOptions(t: Partial<TransferTuning> = {}): PoolOptions {
  return {
    maxSockets: t.socketsPerEndpoint ?? DEFAULT_TUNING.socketsPerEndpoint,
    connectionTimeoutMs: t.connectTimeoutMs ?? DEFAULT_TUNING.connectTimeoutMs,
  };
}
