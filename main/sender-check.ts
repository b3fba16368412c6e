/**
 * Every IPC call is checked for who sent it before its arguments are even
 * parsed: only the main frame of Ferry's own window, showing Ferry's own
 * page. An injected iframe, another window or a navigated-away page gets
 * nothing.
 */
import type { BrowserWindow, WebContents, WebFrameMain } from 'electron';

export function isTrustedSender(frame: WebFrameMain | null, rendererUrl: string): boolean {
  if (!frame || frame.parent !== null) return false;
  try {
    const actual = new URL(frame.url);
    const expected = new URL(rendererUrl);
    return actual.protocol === expected.protocol && actual.host === expected.host && actual.pathname === expected.pathname;
  } catch {
    return false;
  }
}

/** The sender must be the main window's own contents and its own main frame, not merely a frame showing the right URL. */
export function isMainWindowSender(
  event: { sender: WebContents; senderFrame: WebFrameMain | null },
  win: BrowserWindow | undefined,
  rendererUrl: string,
): boolean {
  if (!win || win.isDestroyed()) return false;
  const contents = win.webContents;
  return event.sender === contents && event.senderFrame === contents.mainFrame && isTrustedSender(event.senderFrame, rendererUrl);
}
