// Refused connections against real loopback ports: requests to an address
// that refuses share one retry schedule, fail together with one clear error,
// and go on at once when the address starts listening again.
import { connect, createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { RefusedEndpoints, refusalOf, UnreachableError } from '../../app/s3/requests/refused-endpoints';
import { withRetry } from '../../app/s3/requests/retry';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise<void>((r) => s.close(() => r()))));
});

/** A loopback port nothing listens on (taken, then given back). */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

function listenOn(port: number): Promise<void> {
  const s = createServer((socket) => socket.end());
  servers.push(s);
  return new Promise((resolve) => s.listen(port, '127.0.0.1', () => resolve()));
}

/** One real TCP connection attempt, counted. */
function dial(port: number, counter: { n: number }): Promise<string> {
  counter.n++;
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', reject);
  });
}

describe('refused connections', () => {
  it('names the address of a refused connection, and nothing for other failures', async () => {
    const port = await closedPort();
    const err = await dial(port, { n: 0 }).catch((e: unknown) => e);
    expect(refusalOf(err)).toEqual({ address: `127.0.0.1:${port}`, code: 'ECONNREFUSED', retry: true });
    expect(refusalOf(Object.assign(new Error('reset'), { code: 'ECONNRESET' }))).toBeUndefined();
    expect(refusalOf({ name: 'SlowDown', $metadata: { httpStatusCode: 503 } })).toBeUndefined();
    expect(refusalOf(Object.assign(new Error('dns'), { code: 'ENOTFOUND', hostname: 'nowhere.invalid' }))).toMatchObject({
      address: 'nowhere.invalid',
      retry: false,
    });
  });

  it('requests to a refusing address share one schedule and fail together', async () => {
    const port = await closedPort();
    const counter = { n: 0 };
    const retries: number[] = [];
    const signal = () => new AbortController().signal;
    const runs = Array.from({ length: 12 }, () =>
      withRetry(
        () => dial(port, counter),
        { maxAttempts: 4, baseMs: 20 },
        signal(),
        (_e, _a, delay) => retries.push(delay),
      ).catch((e: unknown) => e),
    );
    const results = await Promise.all(runs);
    for (const r of results) {
      expect(r).toBeInstanceOf(UnreachableError);
      expect((r as UnreachableError).message).toContain(`nothing is listening at 127.0.0.1:${port}`);
    }
    // Twelve first tries, then the three retries of one schedule: not twelve schedules.
    expect(counter.n).toBe(12 + 3);
    expect(retries.filter((d) => d > 0)).toHaveLength(3);

    // The verdict stands for a moment: a new request fails after its first refusal.
    const before = counter.n;
    await expect(withRetry(() => dial(port, counter), { maxAttempts: 4, baseMs: 20 }, signal())).rejects.toBeInstanceOf(UnreachableError);
    expect(counter.n).toBe(before + 1);
  });

  it('when the address starts listening, every waiting request goes on', async () => {
    const port = await closedPort();
    const counter = { n: 0 };
    const runs = Array.from({ length: 8 }, () =>
      withRetry(() => dial(port, counter), { maxAttempts: 8, baseMs: 200 }, new AbortController().signal),
    );
    await new Promise((r) => setTimeout(r, 120));
    await listenOn(port);
    expect(await Promise.all(runs)).toEqual(Array(8).fill('connected'));
  });

  it('a request that stops trying hands the schedule to one that waits', async () => {
    const port = await closedPort();
    const watch = new RefusedEndpoints();
    const refusal = { address: `127.0.0.1:${port}`, code: 'ECONNREFUSED', retry: true };
    const schedule = { maxAttempts: 3, delayMs: () => 1 };
    const signal = new AbortController().signal;
    const first = {};
    const second = {};
    expect(await watch.refused(refusal, first, schedule, signal)).toBe(1);
    const waiting = watch.refused(refusal, second, schedule, signal);
    watch.left(refusal.address, first);
    expect(await waiting).toBe(0);
    // The second now keeps the schedule: its next refusals count toward the verdict.
    expect(await watch.refused(refusal, second, schedule, signal)).toBe(1);
    await expect(watch.refused(refusal, second, schedule, signal)).rejects.toBeInstanceOf(UnreachableError);
  });
});
