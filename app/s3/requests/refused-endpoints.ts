/**
 * A server that refuses connections (nothing listening on the port, no route
 * to the host, a name DNS does not know) is not a passing hiccup of one
 * request: every request to it is refused alike. Retrying each request on its
 * own made a job of a thousand items to a dead endpoint spend six minutes and
 * six thousand requests before it failed. So refusals are shared per address:
 * the first request refused keeps trying on the usual backoff (one request's
 * worth of retries for the whole address), every other request refused
 * meanwhile waits for that outcome instead of retrying. If the address takes
 * a connection again, they all go on at once; once the schedule is spent,
 * they all fail together with one UnreachableError, and for a little while a
 * new refusal from that address fails at once.
 *
 * A connection that is never made (a firewall dropping what it is sent, a
 * host that is down) counts the same: each try waits out the connect timeout,
 * and a thousand items each waiting six of them would take an hour to fail.
 *
 * Resets, stalls, 5xx and SlowDown are not refusals: the server is there, and
 * those keep their own per-request retries.
 */
import { FerryError } from '../../api/errors.js';
import type { ConnectionSummary } from '../../api/types.js';

/** How long a verdict stands after the last refusal that confirmed it. */
const VERDICT_MS = 10_000;

const REFUSED_CODES = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH']);

export interface Refusal {
  /** host:port as the socket saw it (an IP), or the host name DNS did not know. */
  address: string;
  code: string;
  /** False when retrying cannot help (a name DNS does not know). */
  retry: boolean;
}

interface SystemErrorLike {
  code?: string;
  syscall?: string;
  address?: string;
  port?: number;
  hostname?: string;
  errors?: unknown[];
}

function formatAddress(address: string, port: number | undefined): string {
  const host = address.includes(':') ? `[${address}]` : address;
  return port ? `${host}:${port}` : host;
}

/** The address a connection failed to reach, when the error says so; undefined for every other failure. */
export function refusalOf(err: unknown): Refusal | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const e = err as SystemErrorLike;
  const code = e.code ?? '';
  if (REFUSED_CODES.has(code)) {
    // With both IPv4 and IPv6 addresses Node tries each and reports them together.
    const withAddress = e.address
      ? e
      : (e.errors?.find((x): x is SystemErrorLike => typeof (x as SystemErrorLike)?.address === 'string') ?? undefined);
    if (!withAddress?.address) return undefined;
    return { address: formatAddress(withAddress.address, withAddress.port), code, retry: true };
  }
  if (code === 'ENOTFOUND' && e.hostname) return { address: e.hostname, code, retry: false };
  if (code === 'ETIMEDOUT' && e.syscall === 'connect' && e.address) return { address: formatAddress(e.address, e.port), code, retry: true };
  return undefined;
}

/** The SDK's client reports a connect that timed out by name and sentence only. */
export function isClientConnectTimeout(err: unknown): boolean {
  const e = err as { name?: string; message?: string } | null;
  return e?.name === 'TimeoutError' && /establish(ing)? a connection/i.test(e.message ?? '');
}

/** A connect timeout in Node's own shape (code, syscall, address, port), for `endpoint`, so refusalOf knows where it happened. */
export function connectTimedOut(endpoint: string, message: string): Error {
  let address = endpoint;
  let port: number | undefined;
  try {
    const url = new URL(endpoint);
    address = url.hostname.replace(/^\[(.*)\]$/, '$1');
    port = Number(url.port) || (url.protocol === 'https:' ? 443 : 80);
  } catch {
    // Not a URL: the endpoint as written names the place well enough.
  }
  return Object.assign(new Error(message), { code: 'ETIMEDOUT', syscall: 'connect', address, ...(port ? { port } : {}) });
}

function describe(r: Refusal, tries: number, ms: number): string {
  const over = tries > 1 ? ` (${tries} tries over ${(ms / 1000).toFixed(1)} s)` : '';
  switch (r.code) {
    case 'ECONNREFUSED':
      return `nothing is listening at ${r.address}: the connection was refused${over}.`;
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `${r.address} cannot be reached: there is no route to it${over}.`;
    case 'ENOTFOUND':
      return `the host name ${r.address} is not known to DNS.`;
    case 'ETIMEDOUT':
      return `${r.address} did not answer: no connection could be made before the timeout${over}; a firewall may be dropping it, or the host is down.`;
    default:
      return `${r.address} did not take the connection (${r.code})${over}.`;
  }
}

/** A request failed because its server's address refuses connections; retrying the request on its own cannot help. */
export class UnreachableError extends FerryError {
  constructor(
    readonly refusal: Refusal,
    readonly tries: number,
    readonly spentMs: number,
  ) {
    super('network', `Cannot connect: ${describe(refusal, tries, spentMs)}`, {
      details: { reason: 'unreachable', address: refusal.address, errno: refusal.code, tries },
    });
    this.name = 'UnreachableError';
  }

  /** A copy for one more request: each carries its own connection tag. */
  again(): UnreachableError {
    return new UnreachableError(this.refusal, this.tries, this.spentMs);
  }
}

/** The error a user reads: which connection, at which endpoint, and what to do. */
export function unreachableFor(err: UnreachableError, conn: Pick<ConnectionSummary, 'label' | 'endpoint'> | undefined): FerryError {
  const who = conn ? `"${conn.label}" (${conn.endpoint})` : 'the server';
  return new FerryError(
    'network',
    `Cannot reach ${who}: ${describe(err.refusal, err.tries, err.spentMs)} Check the endpoint and that the server is running, then retry.`,
    { details: { ...err.details, ...(conn ? { endpoint: conn.endpoint } : {}) }, cause: err },
  );
}

interface Waiter {
  loop: object;
  wake(): void;
  fail(err: unknown): void;
}

interface Streak {
  since: number;
  last: number;
  /** Refused tries of the address's one schedule. */
  tries: number;
  /** The request that keeps trying for everyone; null when none does right now. */
  prober: object | null;
  verdict: UnreachableError | null;
  waiters: Set<Waiter>;
}

export interface RefusalSchedule {
  maxAttempts: number;
  /** Delay before the schedule's next try, after `tries` refusals. */
  delayMs(tries: number): number;
}

export class RefusedEndpoints {
  readonly #streaks = new Map<string, Streak>();

  constructor(private readonly verdictMs = VERDICT_MS) {}

  /**
   * `loop` (one request) was refused by `r.address`. Resolves with how long
   * to wait before trying again (0 for a request that waited for another's
   * outcome); rejects with the address's UnreachableError once the shared
   * schedule is spent, or with the signal's reason.
   */
  async refused(r: Refusal, loop: object, schedule: RefusalSchedule, signal: AbortSignal): Promise<number> {
    const now = Date.now();
    let s = this.#streaks.get(r.address);
    if (s && s.prober === null && s.waiters.size === 0 && now - s.last > this.verdictMs) s = undefined;
    if (!s) {
      this.#sweep(now);
      s = { since: now, last: now, tries: 0, prober: null, verdict: null, waiters: new Set() };
      this.#streaks.set(r.address, s);
    }
    s.last = now;
    if (s.verdict) throw s.verdict.again();
    if (s.prober === null || s.prober === loop) {
      s.prober = loop;
      s.tries++;
      if (!r.retry || s.tries >= schedule.maxAttempts) {
        s.verdict = new UnreachableError(r, s.tries, now - s.since);
        s.prober = null;
        for (const w of s.waiters) w.fail(s.verdict.again());
        s.waiters.clear();
        throw s.verdict.again();
      }
      return schedule.delayMs(s.tries);
    }
    const streak = s;
    await new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        streak.waiters.delete(waiter);
        reject(signal.reason);
      };
      const waiter: Waiter = {
        loop,
        wake: () => {
          signal.removeEventListener('abort', onAbort);
          resolve();
        },
        fail: (err) => {
          signal.removeEventListener('abort', onAbort);
          reject(err);
        },
      };
      if (signal.aborted) {
        reject(signal.reason);
        return;
      }
      signal.addEventListener('abort', onAbort, { once: true });
      streak.waiters.add(waiter);
    });
    return 0;
  }

  /** A request that had been refused by `address` got through to it: the address is alive, and everyone waiting goes on. */
  answered(address: string): void {
    const s = this.#streaks.get(address);
    if (!s) return;
    this.#streaks.delete(address);
    for (const w of s.waiters) w.wake();
    s.waiters.clear();
  }

  /** A request stops trying (done, paused, failed otherwise); if it was trying for everyone, one waiter takes over. */
  left(address: string, loop: object): void {
    const s = this.#streaks.get(address);
    if (!s || s.prober !== loop) return;
    s.prober = null;
    const next = s.waiters.values().next().value;
    if (next) {
      s.waiters.delete(next);
      s.prober = next.loop;
      next.wake();
    }
  }

  #sweep(now: number): void {
    for (const [address, s] of this.#streaks) {
      if (s.prober === null && s.waiters.size === 0 && now - s.last > this.verdictMs) this.#streaks.delete(address);
    }
  }
}

/** Every request of this process shares one view of which addresses refuse: they all reach the same servers. */
export const refusedEndpoints = new RefusedEndpoints();
