/**
 * Reading a response body with an idle timeout. Neither Node nor the SDK
 * notices a body that stops arriving mid-way (the server or a middlebox
 * stalls): without this, a part could wait forever. Every chunk re-arms the
 * timer; while Ferry itself waits (disk write, bandwidth limit) the timer is
 * off, because that silence is ours, not the server's.
 */
import type { Readable } from 'node:stream';
import { FerryError } from '../../api/errors.js';
import type { Bandwidth } from '../../base/bandwidth.js';
import { followAbort } from '../../base/abort-followers.js';

export class StallError extends FerryError {
  constructor(idleMs: number) {
    super('network', `No data arrived for ${idleMs} ms; the connection was cut to try again.`, {
      retryable: true,
      details: { stalled: true },
    });
  }
}

export function isStall(err: unknown): boolean {
  return err instanceof StallError;
}

export interface ConsumeOptions {
  idleMs: number;
  signal: AbortSignal;
  bandwidth?: Bandwidth | null;
  /** Called for each chunk in order; may return a promise (the body waits for it). */
  onChunk: (chunk: Buffer) => void | Promise<void>;
}

/**
 * Reads `body` to its end and returns the byte count. Destroys the body on
 * stall, abort or a failing onChunk.
 *
 * Chunks are taken from 'data' events, pausing the body while onChunk or the
 * bandwidth budget makes it wait, and the idle timer is one timeout per idle
 * period that looks at when the last chunk came, not a timer re-armed per
 * chunk: a gigabyte is ~16,000 chunks, and an async iterator's promise plus
 * two timer operations per chunk cost the event loop ~0.1 s per gigabyte.
 */
export function consumeBody(body: Readable, opts: ConsumeOptions): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    let total = 0;
    let last = performance.now();
    let waiting = false;
    let ended = false;
    let settled = false;
    let timer: NodeJS.Timeout | undefined;
    let pending: Promise<void> | undefined;
    let unfollow = () => {};

    const finish = (err?: unknown) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      unfollow();
      body.off('data', onData);
      body.off('end', onEnd);
      body.off('error', finish);
      body.off('close', onClose);
      // A late error from a body already done with must not go unheard (an unheard 'error' ends the process).
      body.on('error', () => undefined);
      if (err === undefined) {
        resolve(total);
        return;
      }
      body.destroy();
      reject(opts.signal.aborted ? opts.signal.reason : err);
    };
    const check = () => {
      if (settled) return;
      const idle = waiting ? 0 : performance.now() - last;
      if (idle >= opts.idleMs) finish(new StallError(opts.idleMs));
      else timer = setTimeout(check, opts.idleMs - idle);
    };
    const resumeAfter = (work: Promise<void>) => {
      body.pause();
      waiting = true;
      pending = work.then(() => {
        pending = undefined;
        waiting = false;
        last = performance.now();
        if (settled) return;
        if (ended) finish();
        else body.resume();
      }, finish);
    };
    const deliver = (chunk: Buffer) => {
      let work: void | Promise<void>;
      try {
        work = opts.onChunk(chunk);
      } catch (err) {
        finish(err);
        return;
      }
      if (work) resumeAfter(work);
    };
    const onData = (raw: Buffer | Uint8Array) => {
      if (settled) return;
      const chunk = Buffer.isBuffer(raw) ? raw : Buffer.from(raw);
      total += chunk.length;
      last = performance.now();
      if (opts.bandwidth) resumeAfter(opts.bandwidth.take(chunk.length, opts.signal).then(() => opts.onChunk(chunk)));
      else deliver(chunk);
    };
    const onEnd = () => {
      ended = true;
      // The last chunk may still be with onChunk: done once it is.
      if (!pending) finish();
    };
    const onClose = () => {
      if (!ended) finish(new Error('Premature close: the body ended before all of it arrived.'));
    };
    const onAbort = () => finish(opts.signal.reason instanceof Error ? opts.signal.reason : new Error('aborted'));

    if (opts.signal.aborted) {
      onAbort();
      return;
    }
    unfollow = followAbort(opts.signal, onAbort);
    body.on('data', onData);
    body.once('end', onEnd);
    body.once('error', finish);
    body.once('close', onClose);
    timer = setTimeout(check, opts.idleMs);
  });
}

const STAGE_BYTES = 1024 * 1024;
const stages: Buffer[] = [];

/** Reads exactly `length` bytes into `into` (or a new buffer); a short or long body fails as retryable. */
export async function readBodyToBuffer(
  body: Readable,
  length: number,
  opts: Omit<ConsumeOptions, 'onChunk'>,
  into?: Buffer,
): Promise<Buffer> {
  // Its own memory (not the shared pool), so the hash worker can take it without a copy.
  const buffer = into && into.length === length ? into : Buffer.allocUnsafeSlow(length);
  // Into shared memory (the hash arena), V8 copies byte by byte unless source and target are equally
  // aligned, and socket chunks start anywhere: gather them in ordinary memory and move whole aligned runs.
  const stage = buffer.buffer instanceof SharedArrayBuffer ? (stages.pop() ?? Buffer.allocUnsafeSlow(STAGE_BYTES)) : null;
  let offset = 0;
  let staged = 0;
  const flush = () => {
    if (!stage || staged === 0) return;
    buffer.set(stage.subarray(0, staged), offset - staged);
    staged = 0;
  };
  try {
    await consumeBody(body, {
      ...opts,
      onChunk: (chunk) => {
        if (offset + chunk.length > length) {
          throw new FerryError('server', `The server sent more than the ${length} bytes it announced.`, { retryable: true });
        }
        if (!stage) {
          chunk.copy(buffer, offset);
          offset += chunk.length;
          return;
        }
        for (let from = 0; from < chunk.length;) {
          const n = chunk.copy(stage, staged, from);
          from += n;
          staged += n;
          offset += n;
          if (staged === STAGE_BYTES) flush();
        }
      },
    });
    flush();
  } finally {
    if (stage && stages.length < 16) stages.push(stage);
  }
  if (offset !== length) {
    throw new FerryError('network', `The body ended after ${offset} of ${length} bytes.`, { retryable: true });
  }
  return buffer;
}
