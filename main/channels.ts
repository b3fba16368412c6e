/**
 * The names of Ferry's IPC channels, in one place for the two ends that use
 * them: main/ipc-binding.ts (ipcMain) and main/preload.ts (ipcRenderer).
 * The preload is bundled whole, so importing this costs it nothing.
 */
export const CHANNELS = {
  /** Every core call: `invoke(call, method, args, callId?)` → CallOutcome. */
  call: 'ferry:call',
  /** One-way: the page no longer wants the answer to call `callId`; the core stops it. */
  cancel: 'ferry:cancel',
  /** Every core event, pushed by main: `(name, payload)`. */
  event: 'ferry:event',
  /** The system's folder picker, for downloads. */
  pickFolder: 'ferry:pick-folder',
  /** Drag-out: objects to hand to the file manager (see main/drag-out.ts). */
  dragOut: 'ferry:drag-out',
  /** A menu item was chosen: the page carries out the command (see renderer/src/bridge/menu-commands.ts). */
  menu: 'ferry:menu',
} as const;

export type ChannelName = (typeof CHANNELS)[keyof typeof CHANNELS];
