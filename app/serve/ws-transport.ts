/**
 * The serve-mode transport: the only module that touches the WebSocket. It
 * carries the same calls and events as Electron's IPC, as JSON text frames.
 * Anything that is not a well-formed call is answered with a typed error and
 * never reaches the dispatcher.
 */
import type { WebSocket } from 'ws';
import { FerryError } from '../api/errors.js';
import type { ClientMessage, ServerMessage, WireEvent } from '../api/wire.js';
import type { FerryCore } from '../core/ferry-core.js';

/** The largest message either side sends; the page sizes its batches (a big drop) to fit under it. */
export const MAX_MESSAGE_BYTES = 1024 * 1024;

function parseMessage(raw: string): ClientMessage | { id: number | null; error: FerryError } {
  let msg: unknown;
  try {
    msg = JSON.parse(raw);
  } catch {
    return { id: null, error: new FerryError('invalid-arguments', 'The message is not JSON.') };
  }
  const m = msg as { type?: unknown; id?: unknown; method?: unknown; args?: unknown };
  const id = typeof m.id === 'number' && Number.isSafeInteger(m.id) ? m.id : null;
  if (m.type === 'cancel' && id !== null) return { type: 'cancel', id };
  if (m.type !== 'call' || id === null || typeof m.method !== 'string') {
    return { id, error: new FerryError('invalid-arguments', 'A call needs type "call", a numeric id and a method name.') };
  }
  return { type: 'call', id, method: m.method, args: m.args };
}

export function attachSocket(socket: WebSocket, core: FerryCore): void {
  const send = (message: ServerMessage): void => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
  };
  const unsubscribe = core.events.subscribe((name, payload) => send({ type: 'event', name, payload } as WireEvent));
  // Calls still running, by id, so a `cancel` (or the page closing) can stop them.
  const running = new Map<number, AbortController>();
  socket.on('close', () => {
    unsubscribe();
    for (const controller of running.values()) controller.abort(new FerryError('cancelled', 'The page closed.'));
    running.clear();
  });
  // ws reports a protocol fault (a frame over maxPayload, invalid UTF-8, a bad opcode) as an 'error' event and
  // closes the socket itself; without a listener that event would end the whole process.
  socket.on('error', () => socket.terminate());
  socket.on('message', (data, isBinary) => {
    const size = Array.isArray(data) ? data.reduce((n, b) => n + b.length, 0) : (data as Buffer | ArrayBuffer).byteLength;
    if (isBinary || size > MAX_MESSAGE_BYTES) {
      socket.close(1003, 'Ferry accepts JSON text messages only');
      return;
    }
    const text = Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data as ArrayBuffer).toString('utf8');
    const parsed = parseMessage(text);
    if ('error' in parsed) {
      if (parsed.id !== null) send({ type: 'result', id: parsed.id, outcome: { ok: false, error: parsed.error.toData() } });
      return;
    }
    if (parsed.type === 'cancel') {
      running.get(parsed.id)?.abort(new FerryError('cancelled', 'The page cancelled this call.'));
      return;
    }
    const controller = new AbortController();
    running.set(parsed.id, controller);
    void core.dispatch(parsed.method, parsed.args, controller.signal).then((outcome) => {
      running.delete(parsed.id);
      send({ type: 'result', id: parsed.id, outcome });
    });
  });
}
