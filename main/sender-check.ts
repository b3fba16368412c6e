/**
 * Every IPC call is checked for who sent it before its arguments are even
 * parsed: only the top frame of Ferry's own window, showing Ferry's own page.
 * An injected iframe or a navigated-away page gets nothing.
 */
import type { WebFrameMain } from 'electron';

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
