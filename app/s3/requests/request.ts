/**
 * Every S3 request a transfer makes goes through here: it takes a slot of its
 * endpoint, runs under Ferry's retry policy (the SDK's own retries are
 * switched off per command, so retries never multiply and Retry-After and
 * SlowDown are honoured in one place), and a streamed body is read inside the
 * same attempt, so a stalled or cut body retries the whole request.
 */
import type {
  $Command,
  GetObjectCommandInput,
  GetObjectCommandOutput,
  S3Client,
  S3ClientResolvedConfig,
  ServiceInputTypes,
  ServiceOutputTypes,
} from '@aws-sdk/client-s3';
import { GetObjectCommand } from '../../sdk/s3-commands.js';
import type { MiddlewareStack } from '@smithy/types';
import type { Readable } from 'node:stream';
import { FerryError } from '../../api/errors.js';
import { allowDirect } from '../direct/prepared/sender.js';
import { coveredByDigest } from '../direct/prepared/commands.js';
import type { ConnectionSummary } from '../../api/types.js';
import { isStall, StallError } from './body-reader.js';
import { followAbort } from '../../base/abort-followers.js';
import { connectTimedOut, isClientConnectTimeout } from './refused-endpoints.js';
import { withRetry } from './retry.js';
import type { Semaphore } from '../../base/semaphore.js';

/** One connection as a transfer sees it. */
export interface Conn {
  id: string;
  summary: ConnectionSummary;
  client: S3Client;
}

/** Counters a job keeps about its requests; the command line prints them, tests assert on them. */
export interface RequestStats {
  requests: number;
  retries: number;
  stalls: number;
}

/** Request slots per endpoint (scheme://host:port); a transfer's scheduler is one. */
export interface EndpointSlots {
  endpoint(key: string): Semaphore;
}

/** How long an attempt may sit silent and how often it is tried; a transfer's tuning is one. */
export interface RequestPolicy {
  idleTimeoutMs: number;
  maxAttempts: number;
  retryBaseMs: number;
}

/**
 * What the runner needs of whoever calls it, and no more: it speaks S3, so it
 * knows nothing of jobs, and transfer, delete and the command line each hand
 * it their own.
 */
export interface RequestEnv {
  scheduler: EndpointSlots;
  tuning: RequestPolicy;
  stats: RequestStats;
}

type Prepare = <C extends { middlewareStack: unknown }>(command: C) => C;

/**
 * Ferry retries; the SDK must not retry underneath (a stalled part would be
 * retried three times by the SDK and again by Ferry). Overriding the retry
 * middleware by name on the command replaces the client's for this call only.
 * The Expect: 100-continue header is dropped too: it costs a round trip per
 * part, and the SDK then opens a fresh connection per request.
 */
const prepare: Prepare = (command) => {
  // What these middlewares do, the direct path does by construction: it may send this command itself.
  allowDirect(command);
  const stack = command.middlewareStack as MiddlewareStack<object, object>;
  stack.add((next) => (args) => next(args), {
    step: 'finalizeRequest',
    name: 'retryMiddleware',
    tags: ['RETRY'],
    priority: 'high',
    override: true,
  });
  stack.add(
    (next) => (args) => {
      const req = args.request as { headers?: Record<string, string> };
      if (req.headers) {
        delete req.headers.Expect;
        delete req.headers.expect;
      }
      return next(args);
    },
    { step: 'finalizeRequest', name: 'ferryNoExpectContinue', priority: 'low', override: true },
  );
  stack.add(
    (next) => (args) => {
      const req = args.request as { headers?: Record<string, string>; body?: unknown };
      // A body Ferry already covers with a digest the server checks needs no second, SHA-256 hash in the signature.
      if (req.headers && req.body instanceof Uint8Array && coveredByDigest(req.headers)) {
        req.headers['x-amz-content-sha256'] = 'UNSIGNED-PAYLOAD';
      }
      return next(args);
    },
    { step: 'build', name: 'ferryUnsignedPayload', priority: 'low', override: true },
  );
  return command;
};

/** The slowest upload Ferry waits for before calling a request stalled: an upload's own time is allowed on top of the idle timeout. */
const MIN_UPLOAD_BYTES_PER_SECOND = 64 * 1024;

export interface RequestOptions {
  /** Bytes the request body carries, so a large upload is not mistaken for a stall. */
  bodyBytes?: number;
  /** One attempt only: for a request whose refusal is the answer sought (a deliberately wrong checksum). */
  once?: boolean;
}

/**
 * Runs one request (built by `run`) with an endpoint slot and Ferry's
 * retries. Each attempt has a watchdog: no answer within the idle timeout
 * (plus the time a body upload may take) cuts it as a stall, to be retried.
 * `answered` stops the watchdog once a response has started (a streamed
 * body then has its own idle timer).
 */
export function request<O>(
  env: RequestEnv,
  conn: Conn,
  signal: AbortSignal,
  run: (client: S3Client, prepare: Prepare, abortSignal: AbortSignal, answered: () => void) => Promise<O>,
  opts: RequestOptions = {},
): Promise<O> {
  const slots = env.scheduler.endpoint(conn.summary.endpoint);
  const limitMs = env.tuning.idleTimeoutMs + ((opts.bodyBytes ?? 0) * 1000) / MIN_UPLOAD_BYTES_PER_SECOND;
  const attempt = withRetry(
    async () => {
      const held = await slots.acquire(1, signal);
      const watchdog = new AbortController();
      // One listener on the job's signal for all its requests (base/abort-followers.ts).
      const unfollow = followAbort(signal, () => watchdog.abort(signal.reason));
      if (signal.aborted) watchdog.abort(signal.reason);
      const timer = setTimeout(() => watchdog.abort(new StallError(env.tuning.idleTimeoutMs)), limitMs);
      try {
        env.stats.requests++;
        return await run(conn.client, prepare, watchdog.signal, () => clearTimeout(timer));
      } catch (err) {
        // The SDK reports its abort as AbortError; when the watchdog fired, say it was a stall (retryable).
        if (watchdog.signal.aborted && !signal.aborted && watchdog.signal.reason instanceof StallError) throw watchdog.signal.reason;
        // Its connect timeout says neither where nor what kind of failure: give it the address, like a refusal.
        if (isClientConnectTimeout(err)) throw connectTimedOut(conn.summary.endpoint, (err as Error).message);
        throw err;
      } finally {
        clearTimeout(timer);
        unfollow();
        slots.release(held);
      }
    },
    { maxAttempts: opts.once ? 1 : env.tuning.maxAttempts, baseMs: env.tuning.retryBaseMs },
    signal,
    (err) => {
      env.stats.retries++;
      if (isStall(err)) env.stats.stalls++;
    },
  );
  return attempt.catch((err: unknown) => {
    // The job needs to know which connection refused (to ask for its keys), and errors do not say.
    if (typeof err === 'object' && err !== null && !(CONNECTION in err)) {
      Object.defineProperty(err, CONNECTION, { value: conn.id, enumerable: false });
    }
    throw err;
  });
}

/** Any S3 command, and the answer it brings. */
type S3Command = $Command<ServiceInputTypes, ServiceOutputTypes, S3ClientResolvedConfig, ServiceInputTypes, ServiceOutputTypes>;
type OutputOf<C> = C extends { middlewareStack: MiddlewareStack<infer _I, infer O> } ? O : never;

/**
 * One command through request(). `make` builds it afresh for every attempt:
 * a command that was sent keeps the middleware added to it.
 */
export function send<C extends { middlewareStack: unknown }>(
  env: RequestEnv,
  conn: Conn,
  signal: AbortSignal,
  make: () => C,
  opts: RequestOptions = {},
): Promise<OutputOf<C>> {
  return request(
    env,
    conn,
    signal,
    // The command's own type is lost in S3Client.send's overloads; OutputOf gives it back.
    (client, prep, abortSignal) => client.send(prep(make()) as unknown as S3Command, { abortSignal }) as Promise<OutputOf<C>>,
    opts,
  );
}

const CONNECTION = Symbol('ferry.connection');

/** The connection a failed request was sent to, if the error came from request(). */
export function failedConnection(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null ? (err as Record<symbol, string | undefined>)[CONNECTION] : undefined;
}

export interface BodyMeta {
  contentLength: number;
  etag: string | undefined;
}

/**
 * A GET whose body is consumed by `consume` within the same attempt and
 * endpoint slot. `consume` must be safe to run again from the start (a retry
 * replays the whole range). A missing object is never retried.
 */
export function getWithBody<T>(
  env: RequestEnv,
  conn: Conn,
  input: GetObjectCommandInput,
  signal: AbortSignal,
  consume: (body: Readable, meta: BodyMeta, output: GetObjectCommandOutput) => Promise<T>,
): Promise<T> {
  return request(env, conn, signal, async (client, prep, abortSignal, answered) => {
    const out = await client.send(prep(new GetObjectCommand(input)), { abortSignal });
    answered();
    return consumeOutput(out, input, consume);
  });
}

/** Hands a GET's body to `consume` within the attempt, and destroys it afterwards whatever happened. */
export async function consumeOutput<T>(
  out: GetObjectCommandOutput,
  input: GetObjectCommandInput,
  consume: (body: Readable, meta: BodyMeta, output: GetObjectCommandOutput) => Promise<T>,
): Promise<T> {
  const body = out.Body as Readable | undefined;
  if (!body) throw new FerryError('server', `The server sent no body for ${input.Key ?? ''}.`, { retryable: true });
  try {
    return await consume(body, { contentLength: out.ContentLength ?? 0, etag: out.ETag }, out);
  } finally {
    // Whatever happened, this attempt's connection is done with: never leave a body half-read.
    body.destroy();
  }
}

/** Status code of an SDK error, if it has one. */
export function statusOf(err: unknown): number | undefined {
  return (err as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;
}

export function errorName(err: unknown): string {
  return (err as { name?: string })?.name ?? '';
}

/** True for answers meaning "this server does not do that" rather than "that failed". */
export function isUnsupported(err: unknown): boolean {
  const status = statusOf(err);
  return errorName(err) === 'NotImplemented' || status === 501 || status === 405 || errorName(err) === 'MethodNotAllowed';
}
