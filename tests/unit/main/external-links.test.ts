// shell.openExternal is only ever given Ferry's own https links.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FERRY_LINKS, isAllowedExternalUrl, openExternalSafely } from '../../../main/external-links';
import { fakeShell, resetFakeElectron } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);

beforeEach(resetFakeElectron);

describe('external links', () => {
  it.each([FERRY_LINKS.website, FERRY_LINKS.documentation, 'https://ferry.dev/docs/providers#r2', `${FERRY_LINKS.issues}/new`])(
    'opens %s',
    (url) => {
      expect(isAllowedExternalUrl(url)).toBe(true);
      expect(openExternalSafely(url)).toBe(true);
      expect(fakeShell.opened).toEqual([url]);
    },
  );

  it.each([
    'http://ferry.dev/',
    'https://ferry.dev.evil.example/',
    'https://ferry.dev@evil.example/',
    'https://user:pw@ferry.dev/',
    'https://ferry.dev:8443/',
    'https://github.com/ferry-dev/ferry/issues-evil',
    'https://github.com/someone-else/ferry/issues',
    'javascript:alert(1)',
    'file:///etc/passwd',
    'smb://share/x',
    'ms-settings:',
    'not a url',
  ])('refuses %s', (url) => {
    expect(openExternalSafely(url)).toBe(false);
    expect(fakeShell.opened).toEqual([]);
  });
});
