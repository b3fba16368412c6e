/** L2: from the double-click that opens the folder to the frame after its first 1,000 rows are in the grid. */
import type { Page } from '@playwright/test';
import { FOLDER } from './options';
import { row } from './window';

export interface FirstRows {
  /** Double-click to the frame after 1,000 rows are in the grid. */
  totalMs: number;
  /** From the page sending the first browse.list of the folder to its answer arriving (the core and the server). */
  roundTripMs: number;
}

/**
 * The first page's round trip as the WebSocket saw it (Chromium's own
 * timestamps): what the core and the server took, as against the window.
 */
async function watchFirstPage(page: Page): Promise<() => Promise<number>> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  let callId: number | undefined;
  let sent = NaN;
  let received = NaN;
  cdp.on('Network.webSocketFrameSent', (e) => {
    try {
      const msg = JSON.parse(e.response.payloadData) as {
        type?: string;
        id?: number;
        method?: string;
        args?: { cursor?: string; location?: { prefix?: string } };
      };
      if (msg.method === 'browse.list' && msg.args?.location?.prefix === FOLDER && !msg.args.cursor && callId === undefined) {
        callId = msg.id;
        sent = e.timestamp;
      }
    } catch {
      // Not a call (or not JSON): not the frame looked for.
    }
  });
  cdp.on('Network.webSocketFrameReceived', (e) => {
    if (callId === undefined || !Number.isNaN(received) || !e.response.payloadData.includes(`"id":${callId},`)) return;
    received = e.timestamp;
  });
  return async () => {
    await cdp.detach();
    return (received - sent) * 1000;
  };
}

/** L2, once: double-click the folder, wait for the frame after 1,000 rows are in the grid. */
export async function firstRowsMs(page: Page): Promise<FirstRows> {
  const roundTrip = await watchFirstPage(page);
  await page.evaluate(() => {
    const w = window as unknown as { ferryL2?: Promise<number> };
    w.ferryL2 = new Promise<number>((resolve) => {
      let opened: number | null = null;
      document.addEventListener('dblclick', () => (opened = performance.now()), { capture: true, once: true });
      const observer = new MutationObserver(() => {
        const g = document.querySelector('section[aria-label="Pane 1"] [role="grid"]');
        if (opened === null || !g || Number(g.getAttribute('aria-rowcount')) < 1001 || !g.querySelector('[role="row"][aria-rowindex="2"]'))
          return;
        observer.disconnect();
        const start = opened;
        // The rows are in the DOM; they are on screen once the next frame has painted.
        requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - start)));
      });
      observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-rowcount'] });
    });
  });
  await row(page, FOLDER).dblclick();
  const totalMs = await page.evaluate(() =>
    Promise.race([
      (window as unknown as { ferryL2: Promise<number> }).ferryL2,
      new Promise<number>((_, reject) => setTimeout(() => reject(new Error('no 1,000 rows in the grid after 60 s')), 60_000)),
    ]),
  );
  return { totalMs, roundTripMs: await roundTrip() };
}
