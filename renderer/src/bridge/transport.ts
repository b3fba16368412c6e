import type { CallOutcome } from '../../../app/api/wire';

/** What both shells offer the page: the preload's `window.ferry`, or the serve-mode socket. */
export interface Transport {
  /** `signal` cancels the call, on a transport that says it `cancels` (serve mode's socket). */
  call(method: string, args: unknown, signal?: AbortSignal): Promise<CallOutcome>;
  /** The transport carries cancellation to the core (both do: see desktop-transport.ts). */
  cancels?: boolean;
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

/**
 * The desktop preload's `window.ferry`. An AbortSignal cannot cross the
 * context bridge, so a call carries a number instead and `cancel` names it;
 * desktop-transport.ts turns that back into the signal-taking Transport.
 */
export interface DesktopBridge extends Omit<Transport, 'call' | 'cancels'> {
  call(method: string, args: unknown, callId?: number): Promise<CallOutcome>;
  cancel?(callId: number): void;
}

declare global {
  interface Window {
    ferry?: DesktopBridge;
  }
}
