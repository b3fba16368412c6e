/**
 * A small stand-in for the Electron modules main/ uses, because Electron's
 * runtime cannot run on this machine. It records what the shell asks of
 * Electron (handlers, options, privileges) and lets a test fire the events
 * Electron would, so the tests assert main/'s own decisions. It models no
 * Chromium behaviour: what Electron itself does is out of scope here.
 */
import { EventEmitter } from 'node:events';

type Handler = (...args: never[]) => unknown;

export class FakeFrame {
  constructor(
    public url: string,
    public parent: FakeFrame | null = null,
  ) {}
}

export class FakeWebContents extends EventEmitter {
  mainFrame: FakeFrame;
  windowOpenHandler?: (details: { url: string }) => { action: string };
  sent: unknown[][] = [];
  drags: unknown[] = [];
  destroyed = false;
  constructor(url = '') {
    super();
    this.mainFrame = new FakeFrame(url);
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = handler;
  }
  getURL() {
    return this.mainFrame.url;
  }
  isDestroyed() {
    return this.destroyed;
  }
  send(...args: unknown[]) {
    this.sent.push(args);
  }
  startDrag(item: unknown) {
    this.drags.push(item);
  }
  /** Fires an event whose first argument is a preventable Electron event; returns whether it was prevented. */
  fire(name: string, ...args: unknown[]): boolean {
    let prevented = false;
    this.emit(name, { preventDefault: () => (prevented = true) }, ...args);
    return prevented;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static all: FakeBrowserWindow[] = [];
  static getAllWindows() {
    return FakeBrowserWindow.all;
  }
  options: Record<string, unknown>;
  webContents = new FakeWebContents();
  loadedUrl?: string;
  bounds = { x: 0, y: 0, width: 0, height: 0 };
  maximized = false;
  shown = false;
  constructor(options: Record<string, unknown>) {
    super();
    this.options = options;
    this.bounds = { x: Number(options.x ?? 0), y: Number(options.y ?? 0), width: Number(options.width), height: Number(options.height) };
    FakeBrowserWindow.all.push(this);
  }
  loadURL(url: string) {
    this.loadedUrl = url;
    this.webContents.mainFrame.url = url;
    return Promise.resolve();
  }
  isDestroyed() {
    return false;
  }
  getBounds() {
    return this.bounds;
  }
  getNormalBounds() {
    return this.bounds;
  }
  isMaximized() {
    return this.maximized;
  }
  isMinimized() {
    return false;
  }
  maximize() {
    this.maximized = true;
  }
  show() {
    this.shown = true;
  }
  focus() {}
  restore() {}
}

export const fakeApp = Object.assign(new EventEmitter(), {
  isPackaged: true,
  name: 'Ferry',
  paths: {} as Record<string, string>,
  readyResolvers: [] as (() => void)[],
  requestSingleInstanceLock: () => true,
  quit: () => undefined,
  getPath(name: string) {
    const p = fakeApp.paths[name];
    if (!p) throw new Error(`fake app: no path for ${name}`);
    return p;
  },
  whenReady() {
    return new Promise<void>((resolve) => fakeApp.readyResolvers.push(resolve));
  },
  /** Test helper: what Electron does when it is ready. */
  becomeReady() {
    for (const resolve of fakeApp.readyResolvers.splice(0)) resolve();
  },
});

export const fakeSession = {
  /** What the system proxy answers, PAC style, for any URL. */
  proxyAnswer: 'DIRECT',
  resolveProxy: async (_url: string) => fakeSession.proxyAnswer,
  permissionRequestHandler: undefined as Handler | undefined,
  permissionCheckHandler: undefined as Handler | undefined,
  devicePermissionHandler: undefined as Handler | undefined,
  setPermissionRequestHandler(h: Handler) {
    this.permissionRequestHandler = h;
  },
  setPermissionCheckHandler(h: Handler) {
    this.permissionCheckHandler = h;
  },
  setDevicePermissionHandler(h: Handler) {
    this.devicePermissionHandler = h;
  },
};

export const fakeProtocol = {
  privileged: [] as { scheme: string; privileges: Record<string, boolean> }[],
  handlers: new Map<string, (request: { url: string }) => Promise<Response> | Response>(),
  registerSchemesAsPrivileged(schemes: { scheme: string; privileges: Record<string, boolean> }[]) {
    this.privileged.push(...schemes);
  },
  handle(scheme: string, handler: (request: { url: string }) => Promise<Response> | Response) {
    this.handlers.set(scheme, handler);
  },
};

export const fakeIpcMain = {
  handlers: new Map<string, Handler>(),
  /** One-way channels (`ipcRenderer.send`), one listener each is all main/ uses. */
  listeners: new Map<string, Handler>(),
  handle(channel: string, handler: Handler) {
    this.handlers.set(channel, handler);
  },
  removeHandler(channel: string) {
    this.handlers.delete(channel);
  },
  on(channel: string, listener: Handler) {
    this.listeners.set(channel, listener);
  },
  removeAllListeners(channel: string) {
    this.listeners.delete(channel);
  },
};

export const fakeShell = { opened: [] as string[], openExternal: async (url: string) => void fakeShell.opened.push(url) };

export const fakeMenu = {
  applied: undefined as unknown,
  buildFromTemplate: (template: unknown) => ({ template }),
  setApplicationMenu(menu: unknown) {
    fakeMenu.applied = menu;
  },
};

export class FakeNotification {
  static shown: { title: string; body: string }[] = [];
  static isSupported() {
    return true;
  }
  constructor(private readonly options: { title: string; body: string }) {}
  show() {
    FakeNotification.shown.push(this.options);
  }
}

export const fakeScreen = {
  displays: [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }],
  getAllDisplays: () => fakeScreen.displays,
};

export function resetFakeElectron(): void {
  FakeBrowserWindow.all = [];
  FakeNotification.shown = [];
  fakeApp.removeAllListeners();
  fakeApp.readyResolvers = [];
  fakeApp.isPackaged = true;
  fakeSession.proxyAnswer = 'DIRECT';
  fakeSession.permissionRequestHandler = undefined;
  fakeSession.permissionCheckHandler = undefined;
  fakeSession.devicePermissionHandler = undefined;
  fakeProtocol.privileged = [];
  fakeProtocol.handlers.clear();
  fakeIpcMain.handlers.clear();
  fakeIpcMain.listeners.clear();
  fakeShell.opened = [];
  fakeMenu.applied = undefined;
  electronModule.dialog.errors = [];
}

/** The module `vi.mock('electron', …)` returns. */
export const electronModule = {
  app: fakeApp,
  BrowserWindow: FakeBrowserWindow,
  session: { defaultSession: fakeSession },
  protocol: fakeProtocol,
  ipcMain: fakeIpcMain,
  shell: fakeShell,
  Menu: fakeMenu,
  Notification: FakeNotification,
  screen: fakeScreen,
  dialog: {
    showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
    /** Error boxes shown, so a test can say which one appeared instead of a crash. */
    errors: [] as { title: string; content: string }[],
    showErrorBox(title: string, content: string) {
      electronModule.dialog.errors.push({ title, content });
    },
  },
  nativeImage: { createFromPath: () => ({ resize: () => ({}) }) },
  safeStorage: {
    isEncryptionAvailable: () => false,
    getSelectedStorageBackend: () => 'basic_text',
    encryptString: () => Buffer.alloc(0),
    decryptString: () => '',
  },
};
