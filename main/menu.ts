/**
 * Ferry's own application menu. Every item carries the shortcut the window
 * already answers to, so the menu teaches the keyboard; developer tools are
 * there only in a development build. Items that act on the page send it a
 * menu command as a core-independent event (see main/index.ts).
 */
import type { MenuItemConstructorOptions } from 'electron';
import { FERRY_LINKS } from './external-links.js';

/** Commands the page carries out; they mirror the window's own shortcuts. */
export type MenuCommand =
  'new-pane' | 'close-pane' | 'add-connection' | 'focus-address' | 'find' | 'refresh' | 'settings' | 'demo' | 'toggle-transfers';

export interface MenuOptions {
  platform: NodeJS.Platform;
  isDevelopment: boolean;
  appName: string;
  send(command: MenuCommand): void;
  openLink(url: string): void;
  /** Starts the demo clouds (main/desktop-demo.ts); without it Help has no demo item. */
  startDemo?: () => void;
}

export function menuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const { platform, isDevelopment, send, openLink } = options;
  const isMac = platform === 'darwin';
  const command = (label: string, accelerator: string | undefined, cmd: MenuCommand): MenuItemConstructorOptions => ({
    label,
    ...(accelerator ? { accelerator } : {}),
    click: () => send(cmd),
  });

  const appMenu: MenuItemConstructorOptions[] = isMac
    ? [
        {
          label: options.appName,
          submenu: [
            { role: 'about' },
            { type: 'separator' },
            command('Settings…', 'CmdOrCtrl+,', 'settings'),
            { type: 'separator' },
            { role: 'services' },
            { type: 'separator' },
            { role: 'hide' },
            { role: 'hideOthers' },
            { role: 'unhide' },
            { type: 'separator' },
            { role: 'quit' },
          ],
        },
      ]
    : [];

  const file: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      command('New Pane', 'CmdOrCtrl+T', 'new-pane'),
      command('Close Pane', 'CmdOrCtrl+W', 'close-pane'),
      { type: 'separator' },
      command('Add Connection…', undefined, 'add-connection'),
      ...(isMac ? [] : [{ type: 'separator' } as const, command('Settings…', 'CmdOrCtrl+,', 'settings')]),
      { type: 'separator' },
      isMac ? { role: 'close' } : { role: 'quit' },
    ],
  };

  const edit: MenuItemConstructorOptions = {
    label: 'Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
      { type: 'separator' },
      command('Find', 'CmdOrCtrl+F', 'find'),
    ],
  };

  const view: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      command('Go to Address…', 'CmdOrCtrl+L', 'focus-address'),
      command('Refresh', 'F5', 'refresh'),
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
      ...(isDevelopment ? [{ type: 'separator' } as const, { role: 'reload' } as const, { role: 'toggleDevTools' } as const] : []),
    ],
  };

  const windowMenu: MenuItemConstructorOptions = {
    label: 'Window',
    role: 'windowMenu',
    submenu: isMac
      ? [{ role: 'minimize' }, { role: 'zoom' }, { type: 'separator' }, { role: 'front' }]
      : [{ role: 'minimize' }, { role: 'close' }],
  };

  const help: MenuItemConstructorOptions = {
    label: 'Help',
    role: 'help',
    submenu: [
      { label: 'Ferry Website', click: () => openLink(FERRY_LINKS.website) },
      { label: 'Documentation', click: () => openLink(FERRY_LINKS.documentation) },
      { label: 'Report an Issue', click: () => openLink(FERRY_LINKS.issues) },
      ...(options.startDemo ? [{ type: 'separator' } as const, { label: 'Try the Demo Clouds', click: options.startDemo }] : []),
    ],
  };

  return [...appMenu, file, edit, view, windowMenu, help];
}
