import type { CallOutcome } from '../../../app/api/wire';

/** What both shells offer the page: the preload's `window.ferry`, or the serve-mode socket. */
export interface Transport {
  call(method: string, args: unknown): Promise<CallOutcome>;
  on(listener: (name: string, payload: unknown) => void): () => void;
}

declare global {
  interface Window {
    ferry?: Transport;
  }
}
