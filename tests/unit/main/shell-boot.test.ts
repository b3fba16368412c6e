// The desktop shell booted against the Electron stand-in: what it registers
// before the app is ready, and what it sets up once it is.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { FakeBrowserWindow, fakeApp, fakeIpcMain, fakeMenu, fakeProtocol, fakeSession, resetFakeElectron } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);

const dir = mkdtempSync(path.join(tmpdir(), 'ferry-shell-'));
let registeredBeforeReady: string[] = [];
let guardInstalledBeforeReady = false;

beforeAll(async () => {
  resetFakeElectron();
  fakeApp.paths = { home: dir, userData: path.join(dir, 'user-data') };
  await import('../../../main/index');
  registeredBeforeReady = fakeProtocol.privileged.map((s) => s.scheme);
  guardInstalledBeforeReady = fakeApp.listenerCount('web-contents-created') === 1;
  fakeApp.becomeReady();
  await vi.waitFor(() => expect(FakeBrowserWindow.all).toHaveLength(1));
});

afterAll(() => {
  fakeApp.emit('will-quit');
  rmSync(dir, { recursive: true, force: true });
});

describe('desktop shell start-up', () => {
  it('registers the app:// scheme and the contents guard before the app is ready', () => {
    expect(registeredBeforeReady).toEqual(['app']);
    expect(guardInstalledBeforeReady).toBe(true);
  });

  it('serves the UI from app://ferry/, never from file://', () => {
    const [win] = FakeBrowserWindow.all;
    expect(win?.loadedUrl).toBe('app://ferry/index.html');
    expect(fakeProtocol.handlers.has('app')).toBe(true);
    expect(fakeProtocol.handlers.has('file')).toBe(false);
  });

  it('installs both permission handlers and binds exactly the IPC channels of channels.ts', async () => {
    expect(fakeSession.permissionRequestHandler).toBeTypeOf('function');
    expect(fakeSession.permissionCheckHandler).toBeTypeOf('function');
    const { CHANNELS } = await import('../../../main/channels');
    expect([...fakeIpcMain.handlers.keys()].sort()).toEqual([CHANNELS.call, CHANNELS.dragOut, CHANNELS.pickFolder].sort());
  });

  it('sets a menu of its own, without developer tools in a packaged build', () => {
    const template = (fakeMenu.applied as { template: { label?: string; submenu?: { role?: string }[] }[] }).template;
    expect(template.map((m) => m.label)).toEqual(['File', 'Edit', 'View', 'Window', 'Help']);
    const roles = template.flatMap((m) => m.submenu ?? []).map((i) => i.role);
    expect(roles).not.toContain('toggleDevTools');
  });

  it('unbinds IPC when the app quits', () => {
    fakeApp.emit('will-quit');
    expect(fakeIpcMain.handlers.size).toBe(0);
  });
});
