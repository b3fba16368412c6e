import type { CallOutcome } from '../../../app/api/wire';

/** What both shells offer the page: the preload's `window.ferry`, or the serve-mode socket. */
export interface Transport {
  call(method: string, args: unknown): Promise<CallOutcome>;
  on(listener: (name: string, payload: unknown) => void): () => void;
  /** Desktop only: the path of a file dropped from the operating system. */
  pathForFile?(file: File): string;
  /** Desktop only: the system's folder picker. */
  pickFolder?(): Promise<string | null>;
  /** Desktop only: hand objects or files to the file manager as a native drag (main/drag-out.ts). */
  dragOut?(sources: unknown[], bytes: number): Promise<{ ok: boolean; message?: string }>;
  /** Desktop only: the sources of files Ferry staged for a drag-out, or null. */
  stagedSources?(paths: string[]): unknown[] | null;
  /** Desktop only: commands chosen in the application menu. */
  onMenuCommand?(listener: (command: string) => void): () => void;
}

declare global {
  interface Window {
    ferry?: Transport;
  }
}
