/**
 * The only module in the desktop shell that touches ipcMain or
 * webContents.send. Every handler checks its sender first (the main
 * window's own main frame, showing Ferry's page) and only then looks at the
 * arguments, which the core's dispatcher parses against the contract.
 */
import { dialog, ipcMain, type BrowserWindow, type IpcMainEvent, type IpcMainInvokeEvent, type NativeImage } from 'electron';
import { FerryError } from '../app/api/errors.js';
import type { FerryCore } from '../app/core/ferry-core.js';
import { CHANNELS } from './channels.js';
import type { DragOutResult, DragOutStage } from './drag-out.js';
import type { MenuCommand } from './menu.js';
import { isMainWindowSender } from './sender-check.js';

export interface IpcBindingOptions {
  core: FerryCore;
  rendererUrl: string;
  window(): BrowserWindow | undefined;
  dragOut: DragOutStage;
  dragIcon(): NativeImage;
}

export interface IpcBinding {
  sendMenuCommand(command: MenuCommand): void;
  unbind(): void;
}

const refused = () => ({ ok: false, error: new FerryError('access-denied', 'This frame may not call Ferry.').toData() });

export function bindIpc(options: IpcBindingOptions): IpcBinding {
  const { core, rendererUrl, window } = options;
  const trusted = (event: IpcMainInvokeEvent | IpcMainEvent) => isMainWindowSender(event, window(), rendererUrl);

  // Calls the page may still cancel, by the number it gave them.
  const running = new Map<number, AbortController>();
  ipcMain.handle(CHANNELS.call, async (event, method: unknown, args: unknown, callId: unknown) => {
    if (!trusted(event)) return refused();
    if (!Number.isSafeInteger(callId) || running.has(callId as number)) return core.dispatch(method, args);
    const controller = new AbortController();
    running.set(callId as number, controller);
    try {
      return await core.dispatch(method, args, controller.signal);
    } finally {
      running.delete(callId as number);
    }
  });
  ipcMain.on(CHANNELS.cancel, (event, callId: unknown) => {
    if (!trusted(event)) return;
    if (typeof callId === 'number') running.get(callId)?.abort(new FerryError('cancelled', 'The page cancelled this call.'));
  });
  ipcMain.handle(CHANNELS.pickFolder, async (event) => {
    const win = window();
    if (!win || !trusted(event)) return null;
    const picked = await dialog.showOpenDialog(win, { title: 'Download to folder', properties: ['openDirectory', 'createDirectory'] });
    return picked.canceled ? null : (picked.filePaths[0] ?? null);
  });
  ipcMain.handle(CHANNELS.dragOut, async (event, request: unknown): Promise<DragOutResult> => {
    if (!trusted(event)) return { ok: false, message: 'This frame may not call Ferry.' };
    const staged = await options.dragOut.prepare(request);
    const [first] = staged.ok ? staged.files : [];
    if (staged.ok && first) event.sender.startDrag({ file: first, files: staged.files, icon: options.dragIcon() });
    return staged;
  });

  const send = (channel: string, ...payload: unknown[]) => {
    const contents = window()?.webContents;
    if (contents && !contents.isDestroyed()) contents.send(channel, ...payload);
  };
  const unsubscribe = core.events.subscribe((name, payload) => send(CHANNELS.event, name, payload));
  return {
    sendMenuCommand: (command) => send(CHANNELS.menu, command),
    unbind() {
      unsubscribe();
      for (const channel of [CHANNELS.call, CHANNELS.pickFolder, CHANNELS.dragOut]) ipcMain.removeHandler(channel);
      ipcMain.removeAllListeners(CHANNELS.cancel);
      for (const controller of running.values()) controller.abort(new FerryError('cancelled', 'Ferry is closing.'));
    },
  };
}
