// The window's web preferences and remembered place, against the Electron stand-in.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMainWindow } from '../../../main/window';
import { placeWindow, saveWindowState, stateFile } from '../../../main/window-state';
import { FakeBrowserWindow, fakeScreen, resetFakeElectron } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);

let dir: string;
beforeEach(() => {
  resetFakeElectron();
  dir = mkdtempSync(path.join(tmpdir(), 'ferry-window-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const open = () => createMainWindow({ preloadPath: '/app/dist/main/preload.cjs', rendererUrl: 'app://ferry/index.html', userDataDir: dir });

describe('main window', () => {
  it('is created with every hardening value', () => {
    open();
    const prefs = FakeBrowserWindow.all[0]?.options.webPreferences;
    expect(prefs).toEqual({
      preload: '/app/dist/main/preload.cjs',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      plugins: true,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick',
    });
    expect(FakeBrowserWindow.all[0]?.loadedUrl).toBe('app://ferry/index.html');
  });

  it('comes back at its saved size, place and maximized state', () => {
    saveWindowState(dir, { version: 1, bounds: { x: 100, y: 80, width: 1200, height: 800 }, maximized: true });
    const win = open() as unknown as FakeBrowserWindow;
    expect(win.options).toMatchObject({ x: 100, y: 80, width: 1200, height: 800 });
    win.emit('ready-to-show');
    expect(win.maximized).toBe(true);
    expect(win.shown).toBe(true);
  });

  it('saves its place when it closes', () => {
    const win = open() as unknown as FakeBrowserWindow;
    win.bounds = { x: 40, y: 30, width: 1000, height: 700 };
    win.emit('close');
    expect(JSON.parse(readFileSync(stateFile(dir), 'utf8'))).toEqual({
      version: 1,
      bounds: { x: 40, y: 30, width: 1000, height: 700 },
      maximized: false,
    });
  });

  it('drops a saved position that no display shows any more, keeping the size', () => {
    saveWindowState(dir, { version: 1, bounds: { x: 3000, y: 100, width: 1000, height: 700 }, maximized: false });
    open();
    const options = FakeBrowserWindow.all[0]?.options ?? {};
    expect(options.x).toBeUndefined();
    expect(options).toMatchObject({ width: 1000, height: 700 });
  });

  it('ignores a state file that does not parse', () => {
    writeFileSync(stateFile(dir), '{"version":1,"bounds":{"width":"huge"}}');
    open();
    expect(FakeBrowserWindow.all[0]?.options).toMatchObject({ width: 1400, height: 900 });
  });
});

describe('window placement', () => {
  const area = { x: 0, y: 0, width: 1280, height: 720 };
  it('shrinks a window larger than the largest display and keeps the minimum size', () => {
    expect(placeWindow({ version: 1, bounds: { width: 4000, height: 3000 }, maximized: false }, [area])).toEqual({
      width: 1280,
      height: 720,
    });
    expect(placeWindow({ version: 1, bounds: { width: 100, height: 100 }, maximized: false }, [area])).toEqual({ width: 720, height: 480 });
  });
  it('keeps a position when a quarter of the window is visible', () => {
    const bounds = { x: 900, y: 300, width: 800, height: 600 };
    expect(
      placeWindow(
        { version: 1, bounds, maximized: false },
        fakeScreen.displays.map((d) => d.workArea),
      ),
    ).toEqual(bounds);
  });
});
