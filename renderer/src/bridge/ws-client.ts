/**
 * Serve mode's transport: the only renderer module that touches the
 * WebSocket. The socket reconnects after a drop; calls made while it is down
 * wait for it rather than failing at once.
 */
import type { FerryErrorData } from '../../../app/api/errors';
import type { CallOutcome, ServerMessage, WireCall, WireCancel } from '../../../app/api/wire';
import type { Transport } from './transport';

export function createWebSocketTransport(url: string): Transport {
  const pending = new Map<number, (outcome: CallOutcome) => void>();
  const listeners = new Set<(name: string, payload: unknown) => void>();
  let nextId = 1;
  let socket: WebSocket;
  let ready: Promise<void>;

  const lost = (message: string): FerryErrorData => ({ code: 'network', message, retryable: true });

  const connect = (): void => {
    socket = new WebSocket(url);
    ready = new Promise((resolve) => socket.addEventListener('open', () => resolve(), { once: true }));
    socket.addEventListener('message', (event: MessageEvent<string>) => {
      const msg = JSON.parse(event.data) as ServerMessage;
      if (msg.type === 'result') {
        pending.get(msg.id)?.(msg.outcome);
        pending.delete(msg.id);
      } else {
        for (const listener of listeners) listener(msg.name, msg.payload);
      }
    });
    socket.addEventListener('close', () => {
      for (const settle of pending.values()) settle({ ok: false, error: lost('The connection to Ferry was lost.') });
      pending.clear();
      setTimeout(connect, 1000);
    });
  };
  connect();

  return {
    cancels: true,
    async call(method, args, signal) {
      await ready;
      const id = nextId++;
      const message: WireCall = { type: 'call', id, method, args };
      return new Promise<CallOutcome>((resolve) => {
        const cancelled = (): CallOutcome => ({ ok: false, error: { code: 'cancelled', message: 'Cancelled.', retryable: false } });
        if (signal?.aborted) return resolve(cancelled());
        // A cancelled call settles at once; the core is told to stop, and its late answer finds no one waiting.
        const onAbort = () => {
          pending.delete(id);
          const cancel: WireCancel = { type: 'cancel', id };
          if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(cancel));
          resolve(cancelled());
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        pending.set(id, (outcome) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(outcome);
        });
        socket.send(JSON.stringify(message));
      });
    },
    on(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
