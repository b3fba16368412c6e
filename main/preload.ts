/**
 * The whole surface the page gets: `window.ferry` with `call` and `on`.
 * No raw ipcRenderer, no Node. Runs sandboxed, so it may import only electron.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';

const CALL_CHANNEL = 'ferry:call';
const EVENT_CHANNEL = 'ferry:event';

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
});
