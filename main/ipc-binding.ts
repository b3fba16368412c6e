/** The only module in the desktop shell that touches ipcMain or webContents.send. */
import { dialog, ipcMain, type BrowserWindow, type WebContents } from 'electron';
import { FerryError } from '../app/api/errors.js';
import type { FerryCore } from '../app/core/ferry-core.js';
import { isTrustedSender } from './sender-check.js';

export const CALL_CHANNEL = 'ferry:call';
export const EVENT_CHANNEL = 'ferry:event';
export const PICK_FOLDER_CHANNEL = 'ferry:pick-folder';

export function bindIpc(core: FerryCore, rendererUrl: string, window: () => BrowserWindow | undefined): () => void {
  ipcMain.handle(CALL_CHANNEL, async (event, method: unknown, args: unknown) => {
    if (!isTrustedSender(event.senderFrame, rendererUrl)) {
      return { ok: false, error: new FerryError('access-denied', 'This frame may not call Ferry.').toData() };
    }
    return core.dispatch(method, args);
  });
  ipcMain.handle(PICK_FOLDER_CHANNEL, async (event) => {
    const win = window();
    if (!win || !isTrustedSender(event.senderFrame, rendererUrl)) return null;
    const picked = await dialog.showOpenDialog(win, { title: 'Download to folder', properties: ['openDirectory', 'createDirectory'] });
    return picked.canceled ? null : (picked.filePaths[0] ?? null);
  });
  const target = (): WebContents | undefined => window()?.webContents;
  const unsubscribe = core.events.subscribe((name, payload) => {
    const contents = target();
    if (contents && !contents.isDestroyed()) contents.send(EVENT_CHANNEL, name, payload);
  });
  return () => {
    unsubscribe();
    ipcMain.removeHandler(CALL_CHANNEL);
    ipcMain.removeHandler(PICK_FOLDER_CHANNEL);
  };
}
