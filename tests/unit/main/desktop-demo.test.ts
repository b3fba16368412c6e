// The desktop's demo clouds: Help offers them when the shell passes a starter
// (always, packaged or not: their server is Ferry's own), started once however
// often the menu is used, and stopped before Ferry quits. The packaged app's
// whole path is in desktop-demo-packaged.test.ts.
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import type { FerryCore } from '../../../app/core/ferry-core';
import type { DemoClouds } from '../../../app/demo/demo-clouds';
import { desktopDemo } from '../../../main/desktop-demo';
import { menuTemplate } from '../../../main/menu';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);

const core = {} as FerryCore;
const helpItems = (startDemo?: () => void): MenuItemConstructorOptions[] => {
  const help = menuTemplate({
    platform: 'linux',
    isDevelopment: true,
    appName: 'Ferry',
    send: () => {},
    openLink: () => {},
    ...(startDemo ? { startDemo } : {}),
  }).find((m) => m.label === 'Help');
  return (help?.submenu as MenuItemConstructorOptions[]) ?? [];
};

describe('the demo clouds in the desktop app', () => {
  it('appear in Help when the shell can start them, and the item starts them', () => {
    expect(helpItems().map((i) => i.label)).not.toContain('Try the Demo Clouds');
    const start = vi.fn();
    const item = helpItems(start).find((i) => i.label === 'Try the Demo Clouds');
    (item?.click as () => void)();
    expect(start).toHaveBeenCalledOnce();
  });

  it('start once however often asked, stop what runs, and may start again after a failure', async () => {
    const stopped = vi.fn(async () => {});
    const clouds: DemoClouds = { folder: '/tmp/ferry-demo-x', connectionIds: ['a', 'b'], stop: stopped };
    let calls = 0;
    const demo = desktopDemo(core, async () => {
      calls++;
      if (calls === 1) throw new Error('port in use');
      return clouds;
    });
    await expect(demo.start()).rejects.toThrow('port in use');
    expect(demo.running).toBe(false);
    const [a, b] = await Promise.all([demo.start(), demo.start()]);
    expect(a).toBe(clouds);
    expect(b).toBe(clouds);
    expect(calls).toBe(2);
    expect(demo.running).toBe(true);
    await demo.stop();
    expect(stopped).toHaveBeenCalledOnce();
    expect(demo.running).toBe(false);
    await demo.stop();
    expect(stopped).toHaveBeenCalledOnce();
  });
});
