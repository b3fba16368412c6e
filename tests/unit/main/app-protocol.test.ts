// The app:// scheme answers only for files of the built renderer, with the CSP on every answer.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { appResponse, CONTENT_SECURITY_POLICY, registerAppScheme, resolveAppFile } from '../../../main/app-protocol';
import { fakeProtocol, resetFakeElectron } from './fake-electron';

vi.mock('electron', async () => (await import('./fake-electron')).electronModule);

const base = mkdtempSync(path.join(tmpdir(), 'ferry-app-scheme-'));
const root = path.join(base, 'renderer');
mkdirSync(path.join(root, 'assets'), { recursive: true });
writeFileSync(path.join(root, 'index.html'), '<div id="root"></div>');
writeFileSync(path.join(root, 'assets', 'app.js'), 'console.log(1)');
writeFileSync(path.join(base, 'secret.txt'), 'not for the page');
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('app:// scheme', () => {
  it('is registered as standard and secure', () => {
    resetFakeElectron();
    registerAppScheme();
    expect(fakeProtocol.privileged).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true, stream: true } },
    ]);
  });

  it('maps its own URLs to files under the renderer folder', () => {
    expect(resolveAppFile(root, 'app://ferry/index.html')).toBe(path.join(root, 'index.html'));
    expect(resolveAppFile(root, 'app://ferry/')).toBe(path.join(root, 'index.html'));
    expect(resolveAppFile(root, 'app://ferry/assets/app.js?v=1#x')).toBe(path.join(root, 'assets', 'app.js'));
  });

  it.each([
    'app://ferry/../secret.txt',
    'app://ferry/%2e%2e/secret.txt',
    'app://ferry/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    'app://ferry/..%5csecret.txt',
    'app://ferry/index.html%00.png',
    'app://ferry/%E0%A4%A',
    'app://other/index.html',
    'file:///etc/passwd',
    'not a url',
  ])('never serves a file outside the renderer folder for %s', async (url) => {
    const file = resolveAppFile(root, url);
    // The URL parser folds plain dot segments before Ferry sees them; whatever remains must stay inside.
    if (file !== null) expect(file.startsWith(root + path.sep)).toBe(true);
    const res = await appResponse(root, url);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain('not for the page');
  });

  it.each(['app://ferry/assets/%2e%2e%2f%2e%2e%2fsecret.txt', 'app://ferry/..%5csecret.txt', 'app://other/index.html'])(
    'refuses %s outright',
    (url) => expect(resolveAppFile(root, url)).toBeNull(),
  );

  it('sends the CSP and nosniff with every file', async () => {
    const res = await appResponse(root, 'app://ferry/assets/app.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toBe('console.log(1)');
  });

  it('keeps the policy strict: own origin only, no inline or eval scripts, no plugin objects, no frames but the preview route', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline/);
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain('frame-src app://ferry/preview/media;');
  });
});
