/**
 * One guard for every web contents the app ever makes (the window, and
 * anything a bug or a hostile page might manage to create): no navigation
 * away from Ferry's page, no new windows, no webviews, no permission
 * prompts. Installed once, before the first window, through
 * `web-contents-created`, so no contents escapes it.
 */
import type { App, Session, WebContents } from 'electron';
import { APP_ORIGIN } from './app-protocol.js';
import { openExternalSafely } from './external-links.js';

/**
 * The permissions the page may use, from its own origin only. Copying to the
 * clipboard (an address, a presigned link) is the one Ferry needs; the
 * desktop shell shows notifications itself, so the page never asks.
 */
const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

export function isPermissionAllowed(permission: string, requestingOrigin: string | undefined): boolean {
  return ALLOWED_PERMISSIONS.has(permission) && requestingOrigin === APP_ORIGIN;
}

function originOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).origin === 'null' ? `${new URL(url).protocol}//${new URL(url).host}` : new URL(url).origin;
  } catch {
    return undefined;
  }
}

export function applyPermissionPolicy(session: Session): void {
  session.setPermissionRequestHandler((contents, permission, callback, details) => {
    callback(isPermissionAllowed(permission, originOf(details.requestingUrl ?? contents.getURL())));
  });
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    isPermissionAllowed(permission, originOf(requestingOrigin)),
  );
  // Device pickers (USB, HID, serial, Bluetooth) never apply to Ferry.
  session.setDevicePermissionHandler(() => false);
}

export function guardContents(contents: WebContents, rendererUrl: string): void {
  contents.on('will-navigate', (event, url) => {
    if (url !== rendererUrl) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (url !== rendererUrl) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    // Ferry's own links open in the user's browser; nothing opens inside Ferry.
    openExternalSafely(url);
    return { action: 'deny' };
  });
}

export function guardEveryContents(app: App, rendererUrl: string): void {
  app.on('web-contents-created', (_event, contents) => guardContents(contents, rendererUrl));
}
