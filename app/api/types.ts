/**
 * Data shapes shared by the core and the renderer. Everything here is plain,
 * serialisable data: it crosses IPC and the serve-mode WebSocket as JSON.
 * Browse, connection and transfer shapes live beside this file and are
 * re-exported, so a caller imports them all from here.
 */
export type * from './browse-types.js';
export type * from './connection-types.js';
export type * from './transfer-types.js';
export type * from './sync-types.js';

export interface AppInfo {
  version: string;
  shell: 'desktop' | 'serve';
  /** The folder a local pane opens first. */
  homeDir: string;
  /** Whether `app.startDemo` can start the demo clouds here (the host lends them; see docs/demo-server.md). */
  demo?: boolean;
}
