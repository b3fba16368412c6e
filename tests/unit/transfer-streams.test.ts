// Body reading with an idle timeout, the hash worker, and the semaphore the
// scheduler is built from, on real streams and real worker threads.
import { createHash, randomBytes } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { consumeBody, readBodyToBuffer, StallError } from '../../app/s3/requests/body-reader';
import { HashPool } from '../../app/transfer/hash/pool';
import { Semaphore } from '../../app/base/semaphore';

describe('body reader', () => {
  it('cuts a body that stops mid-way after the idle timeout', async () => {
    const body = new PassThrough();
    body.write(Buffer.alloc(1000));
    const started = Date.now();
    await expect(readBodyToBuffer(body, 2000, { idleMs: 150, signal: new AbortController().signal })).rejects.toBeInstanceOf(StallError);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(body.destroyed).toBe(true);
  });

  it('reads a body that keeps arriving, however slowly, and checks its length', async () => {
    const body = new PassThrough();
    const chunks = [randomBytes(10), randomBytes(20), randomBytes(30)];
    let i = 0;
    const timer = setInterval(() => {
      const c = chunks[i++];
      if (c) body.write(c);
      else {
        clearInterval(timer);
        body.end();
      }
    }, 60);
    const got = await readBodyToBuffer(body, 60, { idleMs: 150, signal: new AbortController().signal });
    expect(got.equals(Buffer.concat(chunks))).toBe(true);

    const short = new PassThrough();
    short.end(Buffer.alloc(5));
    await expect(readBodyToBuffer(short, 6, { idleMs: 500, signal: new AbortController().signal })).rejects.toThrow(/ended after 5 of 6/);
  });

  it('does not count its own waits as the server stalling', async () => {
    const body = new PassThrough();
    body.end(Buffer.alloc(10));
    const n = await consumeBody(body, {
      idleMs: 50,
      signal: new AbortController().signal,
      onChunk: () => new Promise((r) => setTimeout(r, 150)),
    });
    expect(n).toBe(10);
  });
});

describe('hash pool', () => {
  it('hashes large buffers in a worker and hands the bytes back intact', async () => {
    const pool = new HashPool(1);
    try {
      const bytes = randomBytes(3 * 1024 * 1024);
      const copy = Buffer.from(bytes);
      const { digest, buffer } = await pool.md5(bytes);
      expect(digest).toBe(createHash('md5').update(copy).digest('hex'));
      expect(buffer.equals(copy)).toBe(true);
      const small = await pool.md5(Buffer.from('abc'));
      expect(small.digest).toBe('900150983cd24fb0d6963f7d28e17f72');
    } finally {
      pool.dispose();
    }
  });
});

describe('semaphore', () => {
  it('serves waiters in order, clamps oversize requests, and drops aborted waiters', async () => {
    const s = new Semaphore(10);
    expect(await s.acquire(8)).toBe(8);
    const order: string[] = [];
    const big = s.acquire(50).then((n) => order.push(`big:${n}`));
    const small = s.acquire(1).then(() => order.push('small'));
    const aborted = new AbortController();
    const gone = s.acquire(1, aborted.signal).catch(() => order.push('aborted'));
    aborted.abort(new Error('stop'));
    await gone;
    s.release(8);
    await big;
    expect(order).toEqual(['aborted', 'big:10']);
    s.release(10);
    await small;
    expect(order).toEqual(['aborted', 'big:10', 'small']);
  });
});
