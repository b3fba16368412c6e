/**
 * The desktop shell: starts the core, serves the UI from app://ferry/, binds
 * the two over IPC, and adds what only a desktop app has (menu,
 * notifications, drag-out, the window's remembered place). Everything else
 * lives in the core.
 */
import { app, BrowserWindow, dialog, Menu, nativeImage, Notification, session, shell } from 'electron';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { JobSnapshot } from '../app/api/transfer-types.js';
import { createCore, type FerryCore } from '../app/core/ferry-core.js';
import { handleAppScheme, registerAppScheme, RENDERER_URL } from './app-protocol.js';
import { previewResponse } from './preview-protocol.js';
import { desktopDemo } from './desktop-demo.js';
import { DragOutStage } from './drag-out.js';
import { openExternalSafely } from './external-links.js';
import { applyPermissionPolicy, guardEveryContents } from './guards.js';
import { bindIpc } from './ipc-binding.js';
import { menuTemplate } from './menu.js';
import { createJobNotifier } from './notifications.js';
import { electronEncryption } from './secret-store.js';
import { systemProxyEnv } from './system-proxy.js';
import { createMainWindow } from './window.js';

const rendererDir = path.join(__dirname, '..', 'renderer');
const preloadPath = path.join(__dirname, 'preload.cjs');
const iconPath = path.join(rendererDir, 'icon.png');

if (!app.requestSingleInstanceLock()) app.quit();
registerAppScheme();
guardEveryContents(app, RENDERER_URL);

let win: BrowserWindow | undefined;

void app.whenReady().then(async () => {
  applyPermissionPolicy(session.defaultSession);
  // The scheme answers from the start; previews wait for the core, made once the proxy is known.
  const started: { core?: FerryCore } = {};
  handleAppScheme(rendererDir, (url, signal, range) =>
    started.core ? previewResponse(started.core, url, signal, range) : Promise.resolve(new Response('Ferry is starting.', { status: 503 })),
  );
  const proxyEnv = await systemProxyEnv(session.defaultSession, process.env).catch(() => undefined);
  const core = createCore({
    ...(proxyEnv ? { proxyEnv } : {}),
    shell: 'desktop',
    homeDir: app.getPath('home'),
    userDataDir: app.getPath('userData'),
    // safeStorage is usable only once the app is ready, which is why the core is created here.
    secrets: { platform: electronEncryption() },
    // macOS and Windows have no freedesktop trash: the shell lends its own. Linux keeps the core's, which needs no desktop session.
    ...(process.platform === 'darwin' || process.platform === 'win32' ? { trashItem: (file: string) => shell.trashItem(file) } : {}),
    // The first-start button starts the same demo as the Help menu (made just below, once the core exists).
    demo: { start: async () => ({ connectionIds: (await demo.start()).connectionIds }) },
  });
  started.core = core;
  const dragOut = new DragOutStage(core, tmpdir());
  const dragIcon = nativeImage.createFromPath(iconPath).resize({ width: 32, height: 32 });
  const ipc = bindIpc({ core, rendererUrl: RENDERER_URL, window: () => win, dragOut, dragIcon: () => dragIcon });
  const demo = desktopDemo(core);
  const startDemo = () =>
    void demo.start().catch((err: unknown) => dialog.showErrorBox('Ferry: the demo clouds did not start', (err as Error).message));

  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      menuTemplate({
        platform: process.platform,
        isDevelopment: !app.isPackaged,
        appName: app.name,
        send: ipc.sendMenuCommand,
        openLink: openExternalSafely,
        startDemo,
      }),
    ),
  );

  const notify = createJobNotifier((notice) => {
    if (Notification.isSupported()) new Notification({ title: notice.title, body: notice.body, silent: notice.silent }).show();
  });
  const stopNotices = core.events.subscribe((name, payload) => {
    if (name === 'transfer.progress') notify(payload as JobSnapshot[]);
  });

  const open = () => (win = createMainWindow({ preloadPath, rendererUrl: RENDERER_URL, userDataDir: app.getPath('userData'), iconPath }));
  open();
  app.on('second-instance', () => {
    if (win?.isMinimized()) win.restore();
    win?.focus();
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) open();
  });
  // The demo's connections go while the core still runs; its servers and data folder with them.
  app.on('before-quit', (event) => {
    if (!demo.running) return;
    event.preventDefault();
    void demo.stop().finally(() => app.quit());
  });
  app.on('will-quit', () => {
    stopNotices();
    ipc.unbind();
    dragOut.dispose();
    core.dispose();
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
