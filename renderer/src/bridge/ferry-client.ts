/**
 * The typed client every component uses. It picks the transport once: the
 * desktop preload's bridge when present, else the serve-mode WebSocket.
 */
import type { CallArgs, CallName, CallResult, EventName, Events } from '../../../app/api/contract';
import type { FerryErrorData } from '../../../app/api/errors';
import { createDesktopTransport } from './desktop-transport';
import type { Transport } from './transport';
import { createWebSocketTransport } from './ws-client';

export class CallError extends Error {
  readonly data: FerryErrorData;
  constructor(data: FerryErrorData) {
    super(data.message);
    this.name = 'CallError';
    this.data = data;
  }
}

function pickTransport(): Transport {
  if (window.ferry) return createDesktopTransport(window.ferry);
  const token = new URLSearchParams(window.location.search).get('token') ?? '';
  const url = new URL('/ws', window.location.href);
  url.protocol = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  url.search = token ? `?token=${encodeURIComponent(token)}` : '';
  // The token now lives in a same-site cookie too; keep it out of the address bar, history and screenshots.
  if (token) window.history.replaceState(null, '', window.location.pathname);
  return createWebSocketTransport(url.toString());
}

const transport = pickTransport();

/** `signal` (react-query's, for one) cancels the call when nobody wants its answer any more. */
export async function call<N extends CallName>(method: N, args: CallArgs<N>, signal?: AbortSignal): Promise<CallResult<N>> {
  const outcome = await (transport.cancels ? transport.call(method, args, signal) : transport.call(method, args));
  if (!outcome.ok) throw new CallError(outcome.error);
  return outcome.value as CallResult<N>;
}

export function onEvent<N extends EventName>(name: N, listener: (payload: Events[N]) => void): () => void {
  return transport.on((eventName, payload) => {
    if (eventName === name) listener(payload as Events[N]);
  });
}
