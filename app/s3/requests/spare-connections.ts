/**
 * Connections dialled ahead of need, for servers that close every
 * connection after one answer (versitygw sends `Connection: close`). There
 * keep-alive never helps, so each request would first wait a round trip for
 * its own connect: on a cloud's 50 ms that halves the requests a slot can
 * do. Once an agent sees its sockets closed without ever being handed back
 * for reuse, it keeps a few connected sockets in reserve per origin, hands
 * one to each new request and dials its replacement at once. A server that
 * keeps connections alive never turns this on, and one reuse turns it off.
 *
 * Reserve sockets are dropped after a short age (a server may close idle
 * ones) and on any error, and are checked before they are handed out, so a
 * request never gets a dead socket from here.
 */
import type { Agent as HttpAgent } from 'node:http';
import type { Agent as HttpsAgent } from 'node:https';
import type { Socket } from 'node:net';

/** Closes without a reuse, in a row, before reserves start. */
const CLOSES_TO_LEARN = 4;
/** Reserve sockets per origin at most. */
const MAX_SPARES = 32;
/** A reserve socket older than this is closed rather than used. */
const SPARE_MAX_AGE_MS = 2_000;

interface Spare {
  socket: Socket;
  at: number;
  onError: () => void;
}

type ConnectionOptions = Record<string, unknown>;
type CreateConnection = (options: ConnectionOptions, callback?: (err: Error | null, socket?: Socket) => void) => Socket;

export interface SpareStats {
  /** Requests given a socket dialled ahead. */
  used: number;
  /** Whether this agent has learnt that its server closes every connection. */
  closing: boolean;
}

const byOwner = new WeakMap<object, SpareStats[]>();

/** The reserve figures of every agent given to `owner` (an S3 client): for tests and diagnostics. */
export function spareStatsOf(owner: object): SpareStats[] {
  return byOwner.get(owner) ?? [];
}

/** Gives `agent` reserve connections for servers that close each one (see above). */
export function keepSpareConnections(agent: HttpAgent | HttpsAgent, owner?: object): void {
  const target = agent as unknown as { createConnection: CreateConnection; getName(o: ConnectionOptions): string };
  const base = target.createConnection.bind(agent) as CreateConnection;
  const spares = new Map<string, Spare[]>();
  const state: SpareStats = { used: 0, closing: false };
  if (owner) byOwner.set(owner, [...spareStatsOf(owner), state]);
  let closesInARow = 0;
  const reused = new WeakSet<Socket>();

  agent.on('free', (socket: Socket) => {
    reused.add(socket);
    closesInARow = 0;
    if (state.closing) {
      state.closing = false;
      for (const list of spares.values()) for (const s of list.splice(0)) drop(s);
    }
  });

  const drop = (s: Spare): void => {
    s.socket.off('error', s.onError);
    s.socket.destroy();
  };

  const dial = (name: string, options: ConnectionOptions): void => {
    const list = spares.get(name) ?? [];
    spares.set(name, list);
    if (list.length >= MAX_SPARES) return;
    const socket = base({ ...options });
    const spare: Spare = {
      socket,
      at: Date.now(),
      onError: () => {
        const i = list.indexOf(spare);
        if (i >= 0) list.splice(i, 1);
        socket.destroy();
      },
    };
    socket.on('error', spare.onError);
    socket.once('close', spare.onError);
    list.push(spare);
  };

  const take = (name: string): Socket | null => {
    const list = spares.get(name);
    const now = Date.now();
    while (list && list.length > 0) {
      const s = list.shift() as Spare;
      // One still connecting is handed out too: its request waits only for the rest of the connect.
      const usable = !s.socket.destroyed && (s.socket.connecting || s.socket.readyState === 'open') && now - s.at < SPARE_MAX_AGE_MS;
      if (usable) {
        s.socket.off('error', s.onError);
        s.socket.off('close', s.onError);
        return s.socket;
      }
      drop(s);
    }
    return null;
  };

  target.createConnection = (options, callback) => {
    const name = target.getName(options);
    if (state.closing) {
      const spare = take(name);
      dial(name, options);
      if (spare) {
        // Returned, not passed to the callback: the agent takes a socket either way, and must not get it twice.
        state.used++;
        return spare;
      }
    }
    const socket = base(options, callback);
    let connected = false;
    socket.once('connect', () => (connected = true));
    socket.once('secureConnect', () => (connected = true));
    socket.once('close', (hadError: boolean) => {
      // Only a clean close of a connection that worked teaches anything: refusals and resets are faults, not a habit.
      if (!connected || hadError || reused.has(socket) || state.closing) return;
      if (++closesInARow >= CLOSES_TO_LEARN) {
        state.closing = true;
        // Start the reserve at the number of requests in flight to this origin now.
        const inUse = (agent.sockets[name]?.length ?? 0) + 1;
        for (let i = 0; i < Math.min(inUse, MAX_SPARES); i++) dial(name, options);
      }
    });
    return socket;
  };
}
