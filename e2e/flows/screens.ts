// Every UI spec keeps pictures of the screens it visits: light and dark, at a
// wide 1400×900 and a narrow 900×700 window, as test artifacts under
// test-results/, so a person can look at them (cut dates, squeezed columns,
// anything off the edge) rather than trust the assertions alone.
import type { Locator, Page, TestInfo } from '@playwright/test';

const sizes = [
  { tag: 'wide', width: 1400, height: 900 },
  { tag: 'narrow', width: 900, height: 700 },
] as const;

/** `show`: a part of a scrolling dialog to bring into view at each size, so the narrow picture shows it too. */
export async function keepScreens(page: Page, testInfo: TestInfo, screen: string, show?: Locator): Promise<void> {
  const before = page.viewportSize();
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const size of sizes) {
      await page.setViewportSize({ width: size.width, height: size.height });
      await show?.scrollIntoViewIfNeeded();
      // Two frames: the resize's layout, then whatever a ResizeObserver changed after it.
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      const file = testInfo.outputPath(`${screen}-${scheme}-${size.tag}.png`);
      await page.screenshot({ path: file });
      await testInfo.attach(`${screen} ${scheme} ${size.width}×${size.height}`, { path: file, contentType: 'image/png' });
    }
  }
  await page.emulateMedia({ colorScheme: null });
  if (before) await page.setViewportSize(before);
}
