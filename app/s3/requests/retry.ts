/**
 * Which failures are worth another try, and how long to wait. Network drops,
 * stalls, 5xx and throttling retry with exponential backoff and jitter; a
 * server that says SlowDown or sends Retry-After is obeyed, so the job slows
 * down instead of failing. Everything else (missing key, no permission, a
 * precondition) fails at once: retrying cannot help. A connection the
 * server's address refuses is different again: every request to it would be
 * refused, so those share one schedule per address (refused-endpoints.ts).
 */
import { FerryError } from '../../api/errors.js';
import { sleep } from '../../base/sleep.js';
import { refusalOf, refusedEndpoints } from './refused-endpoints.js';

export interface RetryPolicy {
  maxAttempts: number;
  baseMs: number;
  maxDelayMs?: number;
}

interface ErrorLike {
  name?: string;
  code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
  $retryable?: unknown;
  $response?: { headers?: Record<string, string | undefined> };
  cause?: unknown;
}

const retryableNames = new Set([
  'SlowDown',
  'ServiceUnavailable',
  'InternalError',
  'RequestTimeout',
  'RequestTimeoutException',
  'Throttling',
  'ThrottlingException',
  'TooManyRequestsException',
  'BadDigest',
  'IncompleteBody',
  'XAmzContentSHA256Mismatch',
  'XAmzContentChecksumMismatch',
  'TimeoutError',
]);

const retryableCodes = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'ECONNABORTED',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ERR_STREAM_PREMATURE_CLOSE',
  'UND_ERR_SOCKET',
]);

const throttleNames = new Set(['SlowDown', 'Throttling', 'ThrottlingException', 'TooManyRequestsException']);

export function isThrottle(err: unknown): boolean {
  const e = err as ErrorLike;
  return throttleNames.has(e?.name ?? '') || e?.$metadata?.httpStatusCode === 429 || e?.$metadata?.httpStatusCode === 503;
}

export function isRetryable(err: unknown): boolean {
  if (err instanceof FerryError) return err.retryable;
  if (typeof err !== 'object' || err === null) return false;
  const e = err as ErrorLike;
  // "Not implemented" is an answer, not a hiccup: asking again gets the same one.
  if (e.name === 'AbortError' || e.name === 'NotImplemented' || e.$metadata?.httpStatusCode === 501) return false;
  if (retryableNames.has(e.name ?? '') || retryableCodes.has(e.code ?? '')) return true;
  const status = e.$metadata?.httpStatusCode;
  if (status !== undefined && (status >= 500 || status === 429 || status === 408)) return true;
  if (e.$retryable) return true;
  // A server's refusal is judged by its status and code, above; its message may say "aborted" in plain words
  // (NoSuchUpload's does), which is no dropped connection.
  if (status !== undefined && status >= 400) return false;
  // Node reports a body cut mid-stream in several shapes; all mean "the connection went away".
  if (/socket hang up|aborted|premature close|other side closed|ECONNRESET/i.test(e.message ?? '')) return true;
  return e.cause !== undefined && e.cause !== err ? isRetryable(e.cause) : false;
}

/** A server's Retry-After (seconds or an HTTP date), in ms, capped; undefined when absent. */
export function retryAfterMs(err: unknown, capMs = 60_000): number | undefined {
  const headers = (err as ErrorLike)?.$response?.headers;
  if (!headers) return undefined;
  const raw = Object.entries(headers).find(([k]) => k.toLowerCase() === 'retry-after')?.[1];
  if (!raw) return undefined;
  const seconds = Number(raw);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : new Date(raw).getTime() - Date.now();
  return Number.isFinite(ms) ? Math.min(Math.max(ms, 0), capMs) : undefined;
}

/** Backoff before try number `attempt + 1` (attempt counts from 1). */
export function backoffMs(err: unknown, attempt: number, policy: RetryPolicy): number {
  const hinted = retryAfterMs(err);
  // Throttling starts from a longer base: the server asked for fewer requests, not a quick repeat.
  const base = isThrottle(err) ? Math.max(policy.baseMs, 1000) : policy.baseMs;
  const exp = Math.min(policy.maxDelayMs ?? 20_000, base * 2 ** (attempt - 1));
  const jittered = exp / 2 + Math.random() * (exp / 2);
  return Math.max(hinted ?? 0, jittered);
}

/**
 * Runs fn until it succeeds, fails for good, the attempts run out, or the
 * signal aborts. A refused connection follows its address's shared schedule
 * (refused-endpoints.ts) instead of this request's own attempts.
 */
export async function withRetry<T>(
  fn: (attempt: number) => Promise<T>,
  policy: RetryPolicy,
  signal: AbortSignal,
  onRetry?: (err: unknown, attempt: number, delayMs: number) => void,
): Promise<T> {
  const loop = {};
  let refusedBy: string | undefined;
  const schedule = {
    maxAttempts: policy.maxAttempts,
    delayMs: (tries: number) => backoffMs(undefined, tries, policy),
  };
  try {
    for (let attempt = 1; ; attempt++) {
      signal.throwIfAborted();
      try {
        const out = await fn(attempt);
        if (refusedBy !== undefined) refusedEndpoints.answered(refusedBy);
        refusedBy = undefined;
        return out;
      } catch (err) {
        if (signal.aborted) throw signal.reason;
        const refusal = refusalOf(err);
        if (refusedBy !== undefined && refusal?.address !== refusedBy) {
          // Whatever went wrong this time, the address took the connection: it is alive.
          refusedEndpoints.answered(refusedBy);
          refusedBy = undefined;
        }
        // A server flapping between refusing and answering must not keep one request going forever.
        if (refusal && attempt < policy.maxAttempts * 2) {
          refusedBy = refusal.address;
          const delay = await refusedEndpoints.refused(refusal, loop, schedule, signal);
          onRetry?.(err, attempt, delay);
          if (delay > 0) await sleep(delay, signal);
          continue;
        }
        if (attempt >= policy.maxAttempts || !isRetryable(err)) throw err;
        const delay = backoffMs(err, attempt, policy);
        onRetry?.(err, attempt, delay);
        await sleep(delay, signal);
      }
    }
  } finally {
    if (refusedBy !== undefined) refusedEndpoints.left(refusedBy, loop);
  }
}
