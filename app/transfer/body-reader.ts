/**
 * Reading a response body with an idle timeout. Neither Node nor the SDK
 * notices a body that stops arriving mid-way (the server or a middlebox
 * stalls): without this, a part could wait forever. Every chunk re-arms the
 * timer; while Ferry itself waits (disk write, bandwidth limit) the timer is
 * off, because that silence is ours, not the server's.
 */
import type { Readable } from 'node:stream';
import { FerryError } from '../api/errors.js';
import type { Bandwidth } from './bandwidth.js';

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

/** Reads `body` to its end and returns the byte count. Destroys the body on stall, abort or a failing onChunk. */
export async function consumeBody(body: Readable, opts: ConsumeOptions): Promise<number> {
  let total = 0;
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => body.destroy(new StallError(opts.idleMs)), opts.idleMs);
  };
  const onAbort = () => body.destroy(opts.signal.reason instanceof Error ? opts.signal.reason : new Error('aborted'));
  if (opts.signal.aborted) onAbort();
  opts.signal.addEventListener('abort', onAbort, { once: true });
  arm();
  try {
    for await (const raw of body) {
      clearTimeout(timer);
      const chunk = Buffer.isBuffer(raw) ? raw : Buffer.from(raw as Uint8Array);
      total += chunk.length;
      if (opts.bandwidth) await opts.bandwidth.take(chunk.length, opts.signal);
      const pending = opts.onChunk(chunk);
      if (pending) await pending;
      arm();
    }
  } catch (err) {
    body.destroy();
    if (opts.signal.aborted) throw opts.signal.reason;
    throw err;
  } finally {
    clearTimeout(timer);
    opts.signal.removeEventListener('abort', onAbort);
  }
  return total;
}

/** Reads exactly `length` bytes into `into` (or a new buffer); a short or long body fails as retryable. */
export async function readBodyToBuffer(
  body: Readable,
  length: number,
  opts: Omit<ConsumeOptions, 'onChunk'>,
  into?: Buffer,
): Promise<Buffer> {
  // Its own memory (not the shared pool), so the hash worker can take it without a copy.
  const buffer = into && into.length === length ? into : Buffer.allocUnsafeSlow(length);
  let offset = 0;
  await consumeBody(body, {
    ...opts,
    onChunk: (chunk) => {
      if (offset + chunk.length > length) {
        throw new FerryError('server', `The server sent more than the ${length} bytes it announced.`, { retryable: true });
      }
      chunk.copy(buffer, offset);
      offset += chunk.length;
    },
  });
  if (offset !== length) {
    throw new FerryError('network', `The body ended after ${offset} of ${length} bytes.`, { retryable: true });
  }
  return buffer;
}
