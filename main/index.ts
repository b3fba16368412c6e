/** The desktop shell: starts the core, binds it to the window over IPC, and nothing more. */
import { app, BrowserWindow } from 'electron';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createCore } from '../app/core/ferry-core.js';
import { handleDownloadScheme, registerDownloadScheme } from './download-protocol.js';
import { bindIpc } from './ipc-binding.js';
import { electronEncryption } from './secret-store.js';
import { applyContentSecurityPolicy, createMainWindow } from './window.js';

const rendererUrl = pathToFileURL(path.join(__dirname, '..', 'renderer', 'index.html')).toString();
const preloadPath = path.join(__dirname, 'preload.cjs');

if (!app.requestSingleInstanceLock()) app.quit();
registerDownloadScheme();

let win: BrowserWindow | undefined;

void app.whenReady().then(() => {
  applyContentSecurityPolicy();
  const core = createCore({
    shell: 'desktop',
    homeDir: app.getPath('home'),
    userDataDir: app.getPath('userData'),
    // safeStorage is usable only once the app is ready, which is why the core is created here.
    secrets: { platform: electronEncryption() },
  });
  handleDownloadScheme(core);
  const unbind = bindIpc(core, rendererUrl, () => win);
  win = createMainWindow(preloadPath, rendererUrl);
  app.on('second-instance', () => win?.focus());
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) win = createMainWindow(preloadPath, rendererUrl);
  });
  app.on('will-quit', () => {
    unbind();
    core.dispose();
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
