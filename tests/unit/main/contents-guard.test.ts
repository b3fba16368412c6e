// Navigation, new windows, webviews and permissions for every web contents, against the Electron stand-in.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { applyPermissionPolicy, guardEveryContents } from '../../../main/guards';
import { fakeApp, fakeSession, fakeShell, FakeWebContents, resetFakeElectron } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);

const page = 'app://ferry/index.html';

function createdContents(): FakeWebContents {
  const contents = new FakeWebContents(page);
  fakeApp.emit('web-contents-created', {}, contents);
  return contents;
}

beforeEach(() => {
  resetFakeElectron();
  guardEveryContents(fakeApp as never, page);
  applyPermissionPolicy(fakeSession as never);
});

describe('every web contents is guarded', () => {
  it('refuses navigation and redirects away from Ferry’s page, allows a reload of it', () => {
    const contents = createdContents();
    expect(contents.fire('will-navigate', 'https://evil.example/')).toBe(true);
    expect(contents.fire('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(contents.fire('will-navigate', 'app://ferry/other.html')).toBe(true);
    expect(contents.fire('will-redirect', 'https://evil.example/')).toBe(true);
    expect(contents.fire('will-navigate', page)).toBe(false);
  });

  it('refuses webviews', () => {
    expect(createdContents().fire('will-attach-webview', {}, {})).toBe(true);
  });

  it('denies every new window, opening only Ferry’s own https links in the browser', () => {
    const contents = createdContents();
    const open = (url: string) => contents.windowOpenHandler?.({ url });
    expect(open('https://ferry.dev/docs/connections')).toEqual({ action: 'deny' });
    expect(open('https://evil.example/')).toEqual({ action: 'deny' });
    expect(open('file:///tmp/x')).toEqual({ action: 'deny' });
    expect(fakeShell.opened).toEqual(['https://ferry.dev/docs/connections']);
  });

  it('guards contents created later too (one listener for all)', () => {
    createdContents();
    const second = createdContents();
    expect(second.fire('will-navigate', 'https://evil.example/')).toBe(true);
    expect(fakeApp.listenerCount('web-contents-created')).toBe(1);
  });
});

describe('permissions', () => {
  const request = (permission: string, requestingUrl: string) =>
    new Promise<boolean>((resolve) =>
      (fakeSession.permissionRequestHandler as unknown as (...a: unknown[]) => void)(
        new FakeWebContents(requestingUrl),
        permission,
        resolve,
        {
          requestingUrl,
        },
      ),
    );
  const check = (permission: string, origin: string) =>
    (fakeSession.permissionCheckHandler as unknown as (...a: unknown[]) => boolean)(new FakeWebContents(origin), permission, origin);

  it('denies notifications, media, geolocation and the rest when asked', async () => {
    for (const permission of ['notifications', 'media', 'geolocation', 'openExternal', 'clipboard-read', 'midi', 'fullscreen']) {
      expect(await request(permission, page)).toBe(false);
    }
  });

  it('grants clipboard writes to Ferry’s own page only', async () => {
    expect(await request('clipboard-sanitized-write', page)).toBe(true);
    expect(await request('clipboard-sanitized-write', 'https://evil.example/')).toBe(false);
  });

  it('answers permission checks the same way', () => {
    expect(check('notifications', 'app://ferry')).toBe(false);
    expect(check('clipboard-sanitized-write', 'app://ferry')).toBe(true);
    expect(check('clipboard-sanitized-write', 'https://evil.example')).toBe(false);
  });

  it('refuses every device picker', () => {
    expect((fakeSession.devicePermissionHandler as unknown as () => boolean)()).toBe(false);
  });
});
