import type { CallOutcome } from '../../../app/api/wire';

/** What both shells offer the page: the preload's `window.ferry`, or the serve-mode socket. */
export interface Transport {
  call(method: string, args: unknown): Promise<CallOutcome>;
  on(listener: (name: string, payload: unknown) => void): () => void;
  /** Desktop only: the path of a file dropped from the operating system. */
  pathForFile?(file: File): string;
  /** Desktop only: the system's folder picker. */
  pickFolder?(): Promise<string | null>;
  /** Desktop only: the URL scheme that streams an object as a download. */
  downloadScheme?: string;
}

declare global {
  interface Window {
    ferry?: Transport;
  }
}
