/** Ferry's window, hardened: sandboxed renderer, isolated context, no Node, no navigation, no new windows, no webviews. */
import { BrowserWindow, screen } from 'electron';
import { loadWindowState, MIN_SIZE, placeWindow, saveWindowState, type WindowState } from './window-state.js';

export interface WindowOptions {
  preloadPath: string;
  rendererUrl: string;
  userDataDir: string;
  iconPath?: string;
}

export function createMainWindow(options: WindowOptions): BrowserWindow {
  const saved = loadWindowState(options.userDataDir);
  const bounds = placeWindow(
    saved,
    screen.getAllDisplays().map((d) => d.workArea),
  );
  const win = new BrowserWindow({
    ...bounds,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    title: 'Ferry',
    show: false,
    backgroundColor: '#1b1f24',
    ...(options.iconPath ? { icon: options.iconPath } : {}),
    // Written out here, not spread from a constant, so a security review (and
    // tests/unit/main/window-hardening.test.ts) sees every value where it is used.
    webPreferences: {
      preload: options.preloadPath,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      // Only for Chromium's PDF viewer in the preview frame; the page's CSP keeps object-src 'none' and allows that one frame.
      plugins: true,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      // A middle click must not open a link anywhere; the window-open handler denies it too.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  win.once('ready-to-show', () => {
    if (saved.maximized) win.maximize();
    win.show();
  });
  rememberState(win, options.userDataDir);
  void win.loadURL(options.rendererUrl);
  return win;
}

/** Saves size, position and maximized state when they settle and when the window closes. */
function rememberState(win: BrowserWindow, userDataDir: string): void {
  let timer: NodeJS.Timeout | undefined;
  const snapshot = (): WindowState => ({
    version: 1,
    // While maximized, keep the size it returns to, not the maximized size.
    bounds: win.isMaximized() ? win.getNormalBounds() : win.getBounds(),
    maximized: win.isMaximized(),
  });
  const save = () => {
    try {
      saveWindowState(userDataDir, snapshot());
    } catch {
      // A read-only profile folder costs the user the window position, nothing else.
    }
  };
  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(save, 500);
  };
  for (const event of ['resize', 'move', 'maximize', 'unmaximize'] as const) win.on(event as 'resize', later);
  win.on('close', () => {
    clearTimeout(timer);
    save();
  });
}
