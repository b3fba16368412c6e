/** The URL that streams one object as a download: Ferry's own scheme in the desktop app, the serve-mode route in a browser. */
import type { ItemRef } from '../../app/api/types';

export function downloadUrl(item: ItemRef): string {
  const query = `item=${encodeURIComponent(JSON.stringify(item))}`;
  const scheme = window.ferry?.downloadScheme;
  return scheme ? `${scheme}://download?${query}` : `${window.location.origin}/download?${query}`;
}

/** Lets a row dragged out of the window land on the desktop as a file (Chromium's DownloadURL drag type). */
export function setDownloadDrag(dt: DataTransfer, item: ItemRef, name: string, contentType = 'application/octet-stream'): void {
  dt.setData('DownloadURL', `${contentType}:${name.replace(/:/g, '_')}:${downloadUrl(item)}`);
}
