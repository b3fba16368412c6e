/**
 * The whole surface the page gets: `window.ferry` with `call` and `on`, plus
 * the few things only the desktop shell can do (a dropped file's path, the
 * system folder picker, drag-out to the file manager, menu commands). No raw
 * ipcRenderer, no Node. Runs sandboxed, so it is bundled whole with the
 * channel names and imports nothing at run time but electron.
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { CHANNELS } from './channels';

type Listener = (name: string, payload: unknown) => void;
const listeners = new Set<Listener>();
const menuListeners = new Set<(command: string) => void>();

ipcRenderer.on(CHANNELS.event, (_event: IpcRendererEvent, name: string, payload: unknown) => {
  for (const listener of listeners) listener(name, payload);
});
ipcRenderer.on(CHANNELS.menu, (_event: IpcRendererEvent, command: string) => {
  for (const listener of menuListeners) listener(command);
});

/** Staged drag-out files → the sources they came from, so a drag dropped back on a pane copies the originals. */
const staged = new Map<string, unknown>();

contextBridge.exposeInMainWorld('ferry', {
  call: (method: string, args: unknown, callId?: number): Promise<unknown> => ipcRenderer.invoke(CHANNELS.call, method, args, callId),
  /** An AbortSignal cannot cross the context bridge: the page names the call it gave up on. */
  cancel: (callId: number): void => ipcRenderer.send(CHANNELS.cancel, callId),
  on: (listener: Listener): (() => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  onMenuCommand: (listener: (command: string) => void): (() => void) => {
    menuListeners.add(listener);
    return () => menuListeners.delete(listener);
  },
  /** Since Electron 32 a dropped File no longer carries its path; the shell resolves it. */
  pathForFile: (file: File): string => webUtils.getPathForFile(file),
  pickFolder: (): Promise<string | null> => ipcRenderer.invoke(CHANNELS.pickFolder),
  dragOut: async (sources: unknown[], bytes: number): Promise<{ ok: boolean; message?: string }> => {
    const result = (await ipcRenderer.invoke(CHANNELS.dragOut, { sources, bytes })) as { ok: boolean; files?: string[]; message?: string };
    if (result.ok && result.files) for (const file of result.files) staged.set(file, sources);
    return result.ok ? { ok: true } : { ok: false, message: result.message };
  },
  /** The original sources of files Ferry itself staged for a drag-out, or null for any other files. */
  stagedSources: (paths: string[]): unknown[] | null => {
    const found = paths.map((p) => staged.get(p));
    if (found.length === 0 || found.some((s) => s === undefined)) return null;
    return found[0] as unknown[];
  },
});
