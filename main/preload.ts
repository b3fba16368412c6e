/**
 * The whole surface the page gets: `window.ferry` with `call` and `on`, plus
 * the few things only the desktop shell can do (a dropped file's path, the
 * system folder picker). No raw ipcRenderer, no Node. Runs sandboxed, so it
 * may import only electron.
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';

const CALL_CHANNEL = 'ferry:call';
const EVENT_CHANNEL = 'ferry:event';
const PICK_FOLDER_CHANNEL = 'ferry:pick-folder';

type Listener = (name: string, payload: unknown) => void;
const listeners = new Set<Listener>();

ipcRenderer.on(EVENT_CHANNEL, (_event: IpcRendererEvent, name: string, payload: unknown) => {
  for (const listener of listeners) listener(name, payload);
});

contextBridge.exposeInMainWorld('ferry', {
  call: (method: string, args: unknown): Promise<unknown> => ipcRenderer.invoke(CALL_CHANNEL, method, args),
  on: (listener: Listener): (() => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  /** Since Electron 32 a dropped File no longer carries its path; the shell resolves it. */
  pathForFile: (file: File): string => webUtils.getPathForFile(file),
  pickFolder: (): Promise<string | null> => ipcRenderer.invoke(PICK_FOLDER_CHANNEL),
  /** Rows dragged out of the window download through this scheme (see main/download-protocol.ts). */
  downloadScheme: 'ferry',
});
