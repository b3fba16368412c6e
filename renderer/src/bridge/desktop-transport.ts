/**
 * The desktop preload's bridge as a Transport: a call gets a number, and an
 * aborted signal (a pane that navigated away, react-query giving up on a
 * query) tells the main process to abort that call in the core.
 */
import type { CallOutcome } from '../../../app/api/wire';
import type { DesktopBridge, Transport } from './transport';

const cancelled = (): CallOutcome => ({ ok: false, error: { code: 'cancelled', message: 'Cancelled.', retryable: false } });

export function createDesktopTransport(bridge: DesktopBridge): Transport {
  let nextId = 1;
  const cancel = bridge.cancel;
  return {
    ...bridge,
    cancels: Boolean(cancel),
    call(method, args, signal) {
      if (!cancel || !signal) return bridge.call(method, args);
      if (signal.aborted) return Promise.resolve(cancelled());
      const id = nextId++;
      return new Promise((resolve, reject) => {
        // Settles at once; the core stops, and its late answer finds no one waiting.
        const onAbort = () => {
          cancel(id);
          resolve(cancelled());
        };
        signal.addEventListener('abort', onAbort, { once: true });
        bridge.call(method, args, id).then(
          (outcome) => {
            signal.removeEventListener('abort', onAbort);
            resolve(outcome);
          },
          (err: unknown) => {
            signal.removeEventListener('abort', onAbort);
            reject(err);
          },
        );
      });
    },
  };
}
