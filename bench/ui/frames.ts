/** G1: frame times while the grid scrolls, by wheel and by jumps of the scrollbar thumb. */
import type { Page } from '@playwright/test';

export interface FrameStats {
  frames: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  over16_7: number;
  /** Frames that took more than one and a half vsync intervals: at least one frame was dropped. */
  dropped: number;
}

export function stats(deltas: number[]): FrameStats {
  const sorted = [...deltas].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return {
    frames: sorted.length,
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    max: sorted[sorted.length - 1] ?? 0,
    over16_7: sorted.filter((d) => d > 16.7).length,
    dropped: sorted.filter((d) => d > 25).length,
  };
}

/**
 * G1 as a user scrolls: a real wheel gesture (Chromium's own synthesized
 * input, through the compositor like a mouse wheel) of `distance` px at
 * 3,000 px/s over the grid, with requestAnimationFrame deltas recorded
 * meanwhile.
 */
export async function wheelFrames(page: Page, distance: number): Promise<number[]> {
  const box = await page.locator('.grid-scroller').first().boundingBox();
  if (!box) throw new Error('no grid on screen');
  await page.evaluate(() => {
    const w = window as unknown as { ferryFrames?: { deltas: number[]; stop: boolean } };
    const rec = { deltas: [] as number[], stop: false };
    w.ferryFrames = rec;
    const g = document.querySelector('section[aria-label="Pane 1"] [role="grid"]');
    const scroller = g?.closest('.grid-scroller');
    if (scroller) scroller.scrollTop = 0;
    let last: number | null = null;
    const step = (t: number) => {
      if (last !== null) rec.deltas.push(t - last);
      last = t;
      if (!rec.stop) requestAnimationFrame(step);
    };
    requestAnimationFrame(step);
  });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Input.synthesizeScrollGesture', {
    x: Math.round(box.x + box.width / 2),
    y: Math.round(box.y + box.height / 2),
    yDistance: -distance,
    speed: 3000,
    gestureSourceType: 'mouse',
    preventFling: true,
  });
  await cdp.detach();
  return page.evaluate(() => {
    const rec = (window as unknown as { ferryFrames: { deltas: number[]; stop: boolean } }).ferryFrames;
    rec.stop = true;
    return rec.deltas;
  });
}

/** G1 as a dragged scrollbar thumb: the scroller jumps to a random place every frame, so every row on screen is new. */
export async function jumpFrames(page: Page, frames: number): Promise<number[]> {
  return page.evaluate(async (frames) => {
    const g = document.querySelector('section[aria-label="Pane 1"] [role="grid"]');
    const scroller = g?.closest('.grid-scroller');
    if (!scroller) throw new Error('no grid on screen');
    const max = scroller.scrollHeight - scroller.clientHeight;
    const deltas: number[] = [];
    let last: number | null = null;
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    await new Promise<void>((resolve) => {
      const step = (t: number) => {
        if (last !== null) deltas.push(t - last);
        last = t;
        if (deltas.length >= frames) return resolve();
        scroller.scrollTop = random() * max;
        requestAnimationFrame(step);
      };
      requestAnimationFrame(step);
    });
    return deltas;
  }, frames);
}
