// The Electron runtime cannot run here, so the frames are plain stand-ins
// with the two properties the check reads (url and parent).
import type { WebFrameMain } from 'electron';
import { describe, expect, it } from 'vitest';
import { isTrustedSender } from '../../main/sender-check';

const page = 'file:///opt/Ferry/resources/app.asar/dist/renderer/index.html';
const frame = (url: string, parent: object | null = null) => ({ url, parent }) as unknown as WebFrameMain;

describe('IPC sender check', () => {
  it("trusts only the top frame showing Ferry's own page", () => {
    expect(isTrustedSender(frame(page), page)).toBe(true);
    expect(isTrustedSender(frame(`${page}#inspector`), page)).toBe(true);
  });

  it('refuses subframes, other pages, other schemes and missing frames', () => {
    expect(isTrustedSender(frame(page, frame(page)), page)).toBe(false);
    expect(isTrustedSender(frame('file:///tmp/evil.html'), page)).toBe(false);
    expect(isTrustedSender(frame('https://evil.example/dist/renderer/index.html'), page)).toBe(false);
    expect(isTrustedSender(frame('not a url'), page)).toBe(false);
    expect(isTrustedSender(null, page)).toBe(false);
  });
});
