// An installed Ferry (app.isPackaged) offers Help › Try the Demo Clouds, and
// the item works there: the shell booted against the Electron stand-in starts
// two of Ferry's own demo S3 servers, the window lists their sample buckets
// over IPC, and quitting removes the demo's connections and its data folder.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Listing } from '../../../app/api/browse-types';
import type { ConnectionSummary } from '../../../app/api/types';
import { CHANNELS } from '../../../main/channels';
import { electronModule, FakeBrowserWindow, fakeApp, fakeIpcMain, fakeMenu, resetFakeElectron } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);

const dir = mkdtempSync(path.join(tmpdir(), 'ferry-packaged-demo-'));
// The demo makes its folder in the system's temp folder: this test's own, so it sees only its demo.
const temp = path.join(dir, 'tmp');
const savedTmp = process.env.TMPDIR;

async function call<T>(method: string, args: unknown): Promise<T> {
  const win = FakeBrowserWindow.all[0];
  if (!win) throw new Error('no window');
  const handler = fakeIpcMain.handlers.get(CHANNELS.call) as (
    ...a: unknown[]
  ) => Promise<{ ok: boolean; value?: T; error?: { message: string } }>;
  const out = await handler({ sender: win.webContents, senderFrame: win.webContents.mainFrame }, method, args);
  if (!out.ok) throw new Error(`${method}: ${out.error?.message}`);
  return out.value as T;
}

const demoConnections = async () => (await call<ConnectionSummary[]>('connections.list', {})).filter((c) => c.label.endsWith('(demo)'));

beforeAll(async () => {
  resetFakeElectron();
  rmSync(temp, { recursive: true, force: true });
  (await import('node:fs')).mkdirSync(temp);
  process.env.TMPDIR = temp;
  fakeApp.isPackaged = true;
  fakeApp.paths = { home: dir, userData: path.join(dir, 'user-data') };
  await import('../../../main/index');
  fakeApp.becomeReady();
  await vi.waitFor(() => expect(FakeBrowserWindow.all).toHaveLength(1));
});

afterAll(() => {
  fakeApp.emit('will-quit');
  if (savedTmp === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = savedTmp;
  rmSync(dir, { recursive: true, force: true });
});

describe('the demo clouds in an installed Ferry', () => {
  it('are in Help, start from it, show their sample buckets, and are gone after quitting', async () => {
    const template = (fakeMenu.applied as { template: MenuItemConstructorOptions[] }).template;
    const help = template.find((m) => m.label === 'Help')?.submenu as MenuItemConstructorOptions[];
    const item = help.find((i) => i.label === 'Try the Demo Clouds');
    expect(item, 'Help › Try the Demo Clouds in a packaged build').toBeDefined();

    (item?.click as () => void)();
    await vi.waitFor(async () => expect(await demoConnections()).toHaveLength(2), { timeout: 20_000, interval: 100 });
    expect(electronModule.dialog.errors).toEqual([]);
    const [harbour] = await demoConnections();
    const buckets = await call<Listing>('browse.list', { location: { kind: 's3', connectionId: harbour?.id, bucket: '', prefix: '' } });
    expect(buckets.entries.map((e) => e.name).sort()).toEqual(['photos', 'reports']);
    const reports = await call<Listing>('browse.list', {
      location: { kind: 's3', connectionId: harbour?.id, bucket: 'reports', prefix: '' },
    });
    expect(reports.entries.map((e) => e.id)).toContain('visitors.csv');
    expect(readdirSync(temp).filter((n) => n.startsWith('ferry-demo-'))).toHaveLength(1);

    // Quitting waits for the demo to stop: its connections first, then its servers and folder.
    let prevented = false;
    fakeApp.emit('before-quit', { preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
    await vi.waitFor(() => expect(readdirSync(temp).filter((n) => n.startsWith('ferry-demo-'))).toEqual([]), {
      timeout: 20_000,
      interval: 100,
    });
    expect(await demoConnections()).toEqual([]);
  });
});
