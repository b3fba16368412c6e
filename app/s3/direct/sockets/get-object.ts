/**
 * GET bodies read by the socket straight into Ferry's own buffers.
 *
 * Through Node's HTTP client a large body is dear in CPU (W4 shows it; see
 * docs/performance.md): every 64 KiB read gets a fresh buffer, the HTTP parser copies
 * each body chunk once more, and the chunks go through a stream and the
 * garbage collector. A plain socket given a buffer to read into (`onread`)
 * moves the same bytes for several times less. So the large reads of a transfer
 * (bodies of 1 MiB and more: a download's ranges, a copy's parts) go over
 * sockets of Ferry's own: the SDK still builds, signs and answers the request
 * (errors, redirects and output are the SDK's); a middleware in the innermost
 * step takes the signed request, sends it on a kept-alive socket, and hands
 * back the status and headers with a body (DirectBody) that a reader may have
 * the socket fill its own buffers from (readInto()), or consume as an
 * ordinary stream. Smaller bodies keep the lighter path of prepared requests
 * (app/s3/direct/), where per-request CPU matters more than per-byte.
 *
 * Only what a GET needs is spoken: HTTP/1.1, a Content-Length body. Anything
 * else (a chunked or unsized answer, an informational status) marks the
 * endpoint as not direct, and the retry goes through the SDK's client.
 */
import type { GetObjectCommandInput, GetObjectCommandOutput } from '@aws-sdk/client-s3';
import { GetObjectCommand } from '../../../sdk/s3-commands.js';
import { smithyProtocols } from '../../../sdk/load-sdk.js';
import type { HttpRequest } from '@smithy/types';
import { Readable } from 'node:stream';
import type { Bandwidth } from '../../../base/bandwidth.js';
import { StallError } from '../../requests/body-reader.js';
import { capErrorResponse } from '../../requests/error-body.js';
import { proxyOf } from '../../requests/proxied-clients.js';
import { exchange, NotDirect, parkWire, prematureClose, STREAM_CHUNK, type Wire } from './wire.js';
import { consumeOutput, getWithBody, request, type BodyMeta, type Conn, type RequestEnv } from '../../requests/request.js';

/** Where a direct read puts the bytes: room() is written by the socket, filled() tells how much. */
export interface DirectSink {
  /** A non-empty buffer for the next bytes. */
  room(): Buffer;
  /** n bytes landed at the start of the last room(); a promise means "wait before reading more". */
  filled(n: number): void | Promise<void>;
}

export interface DirectReadOptions {
  idleMs: number;
  signal: AbortSignal;
  bandwidth?: Bandwidth | null;
}

/** Endpoints that answered in a way the socket reader does not speak: their requests use the SDK's client. */
const notDirect = new Set<string>();

/**
 * A response body still on its connection. readInto() lets the socket fill
 * the reader's buffers; as a Readable it hands out copies (for the SDK's
 * error parser, or any reader that knows only streams).
 */
export class DirectBody extends Readable {
  /** The body's length (Content-Length). */
  readonly length: number;
  #remaining: number;
  #early: Buffer;
  #taken = false;
  #streaming = false;
  #done = false;

  constructor(
    private readonly wire: Wire,
    length: number,
    early: Buffer,
  ) {
    super({ highWaterMark: STREAM_CHUNK });
    this.length = length;
    this.#remaining = length - early.length;
    this.#early = early;
    if (this.#remaining === 0) this.#finish();
  }

  /** Reads the rest of the body into `sink`; resolves with the byte count. Cuts the connection on stall or abort. */
  readInto(sink: DirectSink, opts: DirectReadOptions): Promise<number> {
    if (this.#taken || this.#streaming) return Promise.reject(new Error('this body is already being read'));
    this.#taken = true;
    return new Promise<number>((resolve, reject) => this.#pump(sink, opts, resolve, reject));
  }

  override _read(): void {
    if (this.#streaming) {
      if (!this.#done) this.wire.socket.resume();
      return;
    }
    if (this.#taken) {
      this.destroy(new Error('this body is already being read'));
      return;
    }
    this.#streaming = true;
    if (this.#early.length > 0) this.push(this.#early);
    this.#early = Buffer.alloc(0);
    if (this.#done) {
      this.push(null);
      return;
    }
    const wire = this.wire;
    if (wire.closed) {
      this.destroy(prematureClose());
      return;
    }
    // Never past the body (the next answer on this connection is someone else's), never empty (Node would read nothing).
    wire.target = () => (this.#remaining > 0 && this.#remaining < STREAM_CHUNK ? wire.scratch.subarray(0, this.#remaining) : wire.scratch);
    wire.listener = {
      fail: (err) => this.destroy(err as Error),
      bytes: (n, buf) => {
        this.#remaining -= n;
        const more = this.push(Buffer.from(buf.subarray(0, n)));
        if (this.#remaining > 0) return more;
        this.#finish();
        this.push(null);
        return false;
      },
    };
    wire.socket.resume();
  }

  override _destroy(err: Error | null, callback: (error?: Error | null) => void): void {
    if (!this.#done) {
      this.#done = true;
      this.wire.listener = null;
      this.wire.destroy();
    }
    callback(err);
  }

  /** The whole body has been read: the connection can serve the next request. */
  #finish(): void {
    if (this.#done) return;
    this.#done = true;
    this.wire.listener = null;
    parkWire(this.wire);
  }

  #pump(sink: DirectSink, opts: DirectReadOptions, resolve: (n: number) => void, reject: (err: unknown) => void): void {
    const wire = this.wire;
    let total = 0;
    let last = performance.now();
    let settled = false;
    /** Waiting on the sink (or the bandwidth budget): the socket is paused, and the silence is ours. */
    let waiting = false;
    /** Bytes that did not land in the sink's own memory (with the headers, or in the scratch): copied in first. */
    let queued: Buffer | null = this.#early.length > 0 ? this.#early : null;
    this.#early = Buffer.alloc(0);
    /** The last buffer given to the socket from the sink. */
    let room: Buffer | null = null;
    let timer: NodeJS.Timeout | undefined;

    const settle = (err?: unknown) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      opts.signal.removeEventListener('abort', onAbort);
      if (err === undefined) {
        this.#finish();
        resolve(total);
        return;
      }
      this.destroy();
      reject(opts.signal.aborted ? opts.signal.reason : err);
    };
    const onAbort = () => settle(opts.signal.reason instanceof Error ? opts.signal.reason : new Error('aborted'));
    const check = () => {
      if (settled) return;
      const quiet = waiting ? 0 : performance.now() - last;
      if (quiet >= opts.idleMs) settle(new StallError(opts.idleMs));
      else timer = setTimeout(check, opts.idleMs - quiet);
    };
    /** Tells the sink about n bytes in its room; true if it can take more at once. */
    const filled = (n: number): boolean => {
      total += n;
      last = performance.now();
      let work: void | Promise<void>;
      try {
        work = opts.bandwidth ? opts.bandwidth.take(n, opts.signal).then(() => sink.filled(n)) : sink.filled(n);
      } catch (err) {
        settle(err);
        return false;
      }
      if (!work) return true;
      waiting = true;
      work.then(() => {
        waiting = false;
        last = performance.now();
        go();
      }, settle);
      return false;
    };
    /** Copies queued bytes into the sink while it has room; true once none are left. */
    const drain = (): boolean => {
      while (queued && !settled) {
        const into = sink.room();
        const n = queued.copy(into, 0);
        queued = n === queued.length ? null : queued.subarray(n);
        if (!filled(n)) return false;
      }
      return !settled;
    };
    /** Carries on: queued bytes first, then the socket, until the body is done. */
    const go = () => {
      if (settled || waiting || !drain()) return;
      if (this.#remaining === 0) settle();
      else wire.socket.resume();
    };
    // Never past the body (the next answer on this connection is someone else's), never empty (Node would read nothing).
    const cap = (b: Buffer) => (this.#remaining > 0 && b.length > this.#remaining ? b.subarray(0, this.#remaining) : b);

    wire.target = () => {
      // Straight into the sink when it is ready for the next bytes; else into the scratch, copied in later.
      room = null;
      if (!settled && !waiting && !queued) {
        try {
          room = cap(sink.room());
        } catch (err) {
          // Called from inside the socket's read: never throw there.
          queueMicrotask(() => settle(err));
        }
      }
      return room ?? cap(wire.scratch);
    };
    wire.listener = {
      fail: (err) => settle(err),
      bytes: (n, buf) => {
        this.#remaining -= n;
        let more: boolean;
        if (room && buf === room) more = filled(n);
        else {
          queued = buf.subarray(0, n);
          more = drain();
        }
        if (this.#remaining === 0 && more) {
          settle();
          return false;
        }
        return more;
      },
    };
    if (opts.signal.aborted) return onAbort();
    opts.signal.addEventListener('abort', onAbort, { once: true });
    timer = setTimeout(check, opts.idleMs);
    // The connection may have gone while the body waited for its reader.
    if (wire.closed && this.#remaining > 0) return settle(prematureClose());
    go();
  }
}

/**
 * getWithBody (requests/request.ts) with the body on a socket of Ferry's own: one
 * GET whose body `consume` reads within the same attempt and endpoint slot.
 * The command goes through the SDK's full pipeline (signing, endpoint,
 * errors; its own retries off, as for every transfer request), a little more
 * CPU per request than the lighter path prepared commands take, nothing
 * beside a body of megabytes. Endpoints the socket reader cannot speak to go
 * through the SDK's HTTP client as before.
 */
export function directGetWithBody<T>(
  env: RequestEnv,
  conn: Conn,
  input: GetObjectCommandInput,
  signal: AbortSignal,
  consume: (body: Readable, meta: BodyMeta, output: GetObjectCommandOutput) => Promise<T>,
): Promise<T> {
  const endpoint = conn.summary.endpoint;
  return request(env, conn, signal, async (client, prep, abortSignal, answered) => {
    const direct = !notDirect.has(endpoint);
    // The SDK, asked for checksum mode, would wrap the body to check it in its own stream: the socket could no
    // longer fill Ferry's buffers, and the CRC would be computed twice. The header alone is sent; the caller checks.
    const { ChecksumMode: checksumMode, ...plain } = input;
    const command = direct ? new GetObjectCommand(plain) : prep(new GetObjectCommand(input));
    if (direct) {
      if (checksumMode) {
        command.middlewareStack.add(
          (next) => (args) => {
            (args.request as HttpRequest).headers['x-amz-checksum-mode'] = checksumMode;
            return next(args);
          },
          { step: 'build', name: 'ferryChecksumMode', override: true },
        );
      }
      // Ferry retries the whole attempt (body included); the SDK must not retry underneath.
      command.middlewareStack.add((next) => (args) => next(args), {
        step: 'finalizeRequest',
        name: 'retryMiddleware',
        tags: ['RETRY'],
        priority: 'high',
        override: true,
      });
      command.middlewareStack.add(
        () => async (args) => {
          const { head, wire, early } = await exchange(args.request as HttpRequest, conn.summary.caFile, abortSignal);
          const body = new DirectBody(wire, head.length, early);
          const response = new (smithyProtocols().HttpResponse)({
            statusCode: head.status,
            reason: head.reason,
            headers: head.headers,
            body,
          });
          // An error's body goes to the SDK's parser, which reads it whole: only its head is read.
          return { response: capErrorResponse(response) };
        },
        // Innermost, after signing: in place of the SDK's HTTP handler, for this one request.
        { step: 'deserialize', priority: 'low', name: 'ferryDirectGet', override: true },
      );
    }
    let out: GetObjectCommandOutput;
    try {
      out = await client.send(command, { abortSignal });
    } catch (err) {
      if (err instanceof NotDirect) notDirect.add(endpoint);
      throw err;
    }
    answered();
    return consumeOutput(out, input, consume);
  });
}

/** Bodies at least this long go over Ferry's own sockets; shorter ones take the lighter path of prepared requests. */
export const DIRECT_MIN_BYTES = 1024 * 1024;

/** A GET whose body `consume` reads (see getWithBody), over a direct socket when the body is long enough to gain. */
export function getObjectBody<T>(
  env: RequestEnv,
  conn: Conn,
  input: GetObjectCommandInput,
  signal: AbortSignal,
  expectedBytes: number,
  consume: (body: Readable, meta: BodyMeta, output: GetObjectCommandOutput) => Promise<T>,
): Promise<T> {
  // Ferry's own sockets connect straight to the endpoint; behind a proxy the SDK's (proxied) handler reads the body.
  return expectedBytes >= DIRECT_MIN_BYTES && !proxyOf(conn.client)
    ? directGetWithBody(env, conn, input, signal, consume)
    : getWithBody(env, conn, input, signal, consume);
}
