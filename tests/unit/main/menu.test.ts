// Ferry's application menu: its own items and shortcuts, developer tools only in development.
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { FERRY_LINKS } from '../../../main/external-links';
import { menuTemplate, type MenuCommand } from '../../../main/menu';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);

function build(platform: NodeJS.Platform, isDevelopment: boolean) {
  const sent: MenuCommand[] = [];
  const opened: string[] = [];
  const template = menuTemplate({ platform, isDevelopment, appName: 'Ferry', send: (c) => sent.push(c), openLink: (u) => opened.push(u) });
  const items = (list: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] =>
    list.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? items(i.submenu) : [])]);
  return { template, all: items(template), sent, opened };
}

describe('application menu', () => {
  it.each(['linux', 'win32', 'darwin'] as const)('has no developer tools or reload in production (%s)', (platform) => {
    const { all } = build(platform, false);
    expect(all.map((i) => i.role)).not.toContain('toggleDevTools');
    expect(all.map((i) => i.role)).not.toContain('reload');
    expect(all.map((i) => i.role)).not.toContain('forceReload');
  });

  it('has developer tools in a development build', () => {
    expect(build('linux', true).all.map((i) => i.role)).toContain('toggleDevTools');
  });

  it('has File, Edit, View, Window and Help (and the app menu on macOS)', () => {
    expect(build('linux', false).template.map((m) => m.label)).toEqual(['File', 'Edit', 'View', 'Window', 'Help']);
    expect(build('darwin', false).template.map((m) => m.label)).toEqual(['Ferry', 'File', 'Edit', 'View', 'Window', 'Help']);
  });

  it('gives each command the window’s own shortcut and sends it to the page', () => {
    const { all, sent } = build('linux', false);
    const byLabel = new Map(all.map((i) => [i.label, i]));
    const expected: [string, string, MenuCommand][] = [
      ['New Pane', 'CmdOrCtrl+T', 'new-pane'],
      ['Close Pane', 'CmdOrCtrl+W', 'close-pane'],
      ['Find', 'CmdOrCtrl+F', 'find'],
      ['Go to Address…', 'CmdOrCtrl+L', 'focus-address'],
      ['Refresh', 'F5', 'refresh'],
      ['Settings…', 'CmdOrCtrl+,', 'settings'],
    ];
    for (const [label, accelerator, command] of expected) {
      const item = byLabel.get(label);
      expect(item?.accelerator, label).toBe(accelerator);
      (item?.click as () => void)();
      expect(sent.at(-1)).toBe(command);
    }
  });

  it('links Help to Ferry’s own pages only, and nothing to electronjs.org', () => {
    const { template, opened } = build('linux', false);
    const help = template.find((m) => m.label === 'Help');
    for (const item of help?.submenu as MenuItemConstructorOptions[]) (item.click as () => void)();
    expect(opened).toEqual([FERRY_LINKS.website, FERRY_LINKS.documentation, FERRY_LINKS.issues]);
    expect(JSON.stringify(template)).not.toContain('electronjs');
  });
});
