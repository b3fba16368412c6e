// IPC into the core: the sender is checked before anything looks at the
// arguments, and the arguments are then parsed by the core's real dispatcher.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCore } from '../../../app/core/ferry-core';
import { CHANNELS } from '../../../main/channels';
import { DragOutStage } from '../../../main/drag-out';
import { bindIpc, type IpcBinding } from '../../../main/ipc-binding';
import { FakeBrowserWindow, FakeFrame, fakeIpcMain, FakeWebContents, resetFakeElectron } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);

const page = 'app://ferry/index.html';
const dir = mkdtempSync(path.join(tmpdir(), 'ferry-ipc-'));
const core = createCore({ shell: 'desktop', homeDir: dir, userDataDir: path.join(dir, 'data') });
afterAll(() => {
  core.dispose();
  rmSync(dir, { recursive: true, force: true });
});

let win: FakeBrowserWindow;
let binding: IpcBinding;
let dispatched: unknown[][];
/** When set, the spied core waits for the call's signal instead of answering (a listing page still loading). */
let hold: ((signal: AbortSignal | undefined) => Promise<unknown>) | undefined;

beforeEach(() => {
  resetFakeElectron();
  binding?.unbind();
  dispatched = [];
  hold = undefined;
  const spied = {
    ...core,
    dispatch: (method: unknown, args: unknown, signal?: AbortSignal) => {
      dispatched.push([method, args]);
      return hold ? (hold(signal) as never) : core.dispatch(method, args, signal);
    },
  };
  win = new FakeBrowserWindow({ width: 800, height: 600 });
  void win.loadURL(page);
  binding = bindIpc({
    core: spied,
    rendererUrl: page,
    window: () => win as never,
    dragOut: new DragOutStage(core, dir),
    dragIcon: () => ({}) as never,
  });
});

const invoke = (channel: string, event: { sender: FakeWebContents; senderFrame: FakeFrame | null }, ...args: unknown[]) =>
  (fakeIpcMain.handlers.get(channel) as (...a: unknown[]) => Promise<unknown>)(event, ...args);
const fromWindow = () => ({ sender: win.webContents, senderFrame: win.webContents.mainFrame });

describe('IPC binding', () => {
  it('passes a call from the main window’s main frame to the core', async () => {
    expect(await invoke(CHANNELS.call, fromWindow(), 'app.info', {})).toMatchObject({ ok: true, value: { shell: 'desktop' } });
    expect(dispatched).toEqual([['app.info', {}]]);
  });

  it('lets the core’s schema refuse bad arguments from a trusted sender', async () => {
    expect(await invoke(CHANNELS.call, fromWindow(), 'app.info', { extra: 1 })).toMatchObject({
      ok: false,
      error: { code: 'invalid-arguments' },
    });
  });

  it.each([
    ['another web contents showing the same page', () => ({ sender: new FakeWebContents(page), senderFrame: new FakeFrame(page) })],
    ['a subframe of the window', () => ({ sender: win.webContents, senderFrame: new FakeFrame(page, win.webContents.mainFrame) })],
    ['the window after it navigated elsewhere', () => ((win.webContents.mainFrame.url = 'https://evil.example/'), fromWindow())],
    ['a frame that is gone', () => ({ sender: win.webContents, senderFrame: null })],
  ])('refuses %s before looking at the arguments', async (_what, event) => {
    const outcome = await invoke(CHANNELS.call, event(), 'connections.delete', { id: '../../etc' });
    expect(outcome).toMatchObject({ ok: false, error: { code: 'access-denied' } });
    expect(dispatched).toEqual([]);
    expect(await invoke(CHANNELS.pickFolder, event())).toBeNull();
    expect(await invoke(CHANNELS.dragOut, event(), { sources: [], bytes: 0 })).toMatchObject({ ok: false });
    expect(win.webContents.drags).toEqual([]);
  });

  it('drags local files out as they are, and refuses a drag past the limits', async () => {
    const file = path.join(dir, 'report.csv');
    writeFileSync(file, 'a,b\n');
    expect(await invoke(CHANNELS.dragOut, fromWindow(), { sources: [{ kind: 'local', path: file }], bytes: 4 })).toEqual({
      ok: true,
      files: [file],
    });
    expect(win.webContents.drags).toEqual([{ file, files: [file], icon: {} }]);
    const tooMany = Array.from({ length: 101 }, (_, i) => ({ kind: 'local', path: `${file}${i}` }));
    expect(await invoke(CHANNELS.dragOut, fromWindow(), { sources: tooMany, bytes: 1 })).toMatchObject({
      ok: false,
      message: expect.stringContaining('use Download'),
    });
    expect(win.webContents.drags).toHaveLength(1);
  });

  it('aborts a call when the page cancels it, and only then', async () => {
    const signals: AbortSignal[] = [];
    hold = (signal) =>
      new Promise((resolve) => {
        if (signal) signals.push(signal);
        signal?.addEventListener('abort', () => resolve({ ok: false, error: { code: 'cancelled' } }));
      });
    const cancel = (event: { sender: FakeWebContents; senderFrame: FakeFrame | null }, id: unknown) =>
      (fakeIpcMain.listeners.get(CHANNELS.cancel) as (...a: unknown[]) => void)(event, id);
    const pending = invoke(CHANNELS.call, fromWindow(), 'browse.list', { location: { kind: 'local', path: dir } }, 7);
    await vi.waitFor(() => expect(signals).toHaveLength(1));
    cancel({ sender: new FakeWebContents(page), senderFrame: new FakeFrame(page) }, 7);
    cancel(fromWindow(), 8);
    expect(signals[0]?.aborted).toBe(false);
    cancel(fromWindow(), 7);
    expect(signals[0]?.aborted).toBe(true);
    expect(await pending).toEqual({ ok: false, error: { code: 'cancelled' } });
  });

  it('forwards core events and menu commands to the window only', () => {
    core.events.emit('transfer.progress', []);
    binding.sendMenuCommand('new-pane');
    expect(win.webContents.sent).toEqual([
      [CHANNELS.event, 'transfer.progress', []],
      [CHANNELS.menu, 'new-pane'],
    ]);
  });
});
