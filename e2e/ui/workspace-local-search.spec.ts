// Searching a local folder and everything below it, as in a bucket: results
// named by their path (the name itself stays in view when the path is long,
// the whole path in the tooltip), hidden files left out until Settings shows
// them, a link looping back up walked once, and a long walk that Stop ends,
// keeping what was found. Also keeps the screens of the search results, of
// four panes and of the inspector drawer on a narrow window.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { rowNamed } from '../flows/first-slice';
import { keepScreens } from '../flows/screens';
import { startServeProcess, type ServeProcess } from '../flows/serve-process';

const BULK_FOLDERS = 200;
const BULK_FILES = 200;
const LONG = path.join('Quarterly reporting for the northern region', 'Working drafts and reviewed copies', '2026');
const REPORTS = ['report summary.txt', 'Final REPORT for the board, reviewed and approved by everyone.pdf', 'report-data.csv'];

let root: string;
let serve: ServeProcess;
test.beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'ferry-local-search-'));
  mkdirSync(path.join(root, LONG), { recursive: true });
  for (const name of REPORTS) writeFileSync(path.join(root, LONG, name), `${name}\n`);
  symlinkSync(root, path.join(root, LONG, 'back to the top'));
  mkdirSync(path.join(root, '.private'));
  writeFileSync(path.join(root, '.private', 'report hidden.txt'), 'x');
  for (let d = 0; d < BULK_FOLDERS; d++) {
    const folder = path.join(root, 'bulk', `d${d}`);
    mkdirSync(folder, { recursive: true });
    for (let f = 0; f < BULK_FILES; f++) writeFileSync(path.join(folder, `note-${f}.txt`), '');
  }
  serve = await startServeProcess();
});
test.afterAll(async () => {
  await serve.stop();
  rmSync(root, { recursive: true, force: true });
});

const pane = (page: Page, n: number) => page.getByRole('region', { name: `Pane ${n}` });

async function searchBelow(page: Page, term: string): Promise<void> {
  const p = pane(page, 1);
  await p.getByRole('searchbox', { name: 'Filter Pane 1' }).fill(term);
  await p.getByRole('button', { name: 'Search below' }).click();
}

test('search below a local folder: paths, hidden files, a loop walked once, and Stop', async ({ page }, testInfo) => {
  await page.goto(serve.url);
  const p1 = pane(page, 1);
  const address = p1.getByRole('textbox', { name: 'Address' });
  await address.fill(root);
  await address.press('Enter');
  await expect(rowNamed(p1, 'bulk')).toBeVisible();
  await expect(p1.getByRole('button', { name: 'Prefix search' })).toHaveCount(0);
  // The status line counts the rows shown, and the hidden ones apart: never "3 items" over two rows.
  const listed = p1.getByRole('status').filter({ hasText: /\bitems?\b/ });
  await expect(listed).toHaveText('2 items · 1 hidden');

  await searchBelow(page, 'report');
  const status = p1.getByRole('status').filter({ hasText: 'found' });
  // The three files and the folder named "Quarterly reporting…", each once though a link leads back to the top.
  await expect(status).toHaveText('4 found: “report” in every folder below. Clear search');
  for (const name of REPORTS) {
    const full = path.join(LONG, name);
    const cell = p1.getByRole('gridcell', { name: full, exact: true });
    await expect(cell).toBeVisible();
    await expect(cell).toHaveAttribute('title', full);
  }
  await expect(p1.getByRole('gridcell', { name: /report hidden/ })).toHaveCount(0);
  // The long name keeps its own name in view: the folder part gives way first.
  const longCell = p1.getByRole('gridcell', { name: path.join(LONG, REPORTS[1] ?? ''), exact: true });
  const base = await longCell.locator('.name-base').boundingBox();
  const cellBox = await longCell.boundingBox();
  expect(base && cellBox && base.x >= cellBox.x && base.width > 120).toBe(true);
  await keepScreens(page, testInfo, 'local-search-results');
  const axeResults = await new AxeBuilder({ page }).analyze();
  expect(axeResults.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`)).toEqual(
    [],
  );

  // Hidden files shown in Settings: the next search walks them too.
  await page.keyboard.press('Control+,');
  const settings = page.getByRole('dialog', { name: 'Settings' });
  await settings.getByLabel('Show hidden local files').check();
  await settings.getByRole('button', { name: 'Save settings' }).click();
  await expect(settings).toBeHidden();
  await p1.getByRole('button', { name: 'Clear search' }).click();
  await expect(rowNamed(p1, '.private')).toBeVisible();
  await expect(listed).toHaveText('3 items');
  await searchBelow(page, 'report');
  await expect(status).toHaveText('5 found: “report” in every folder below. Clear search');
  await expect(p1.getByRole('gridcell', { name: path.join('.private', 'report hidden.txt'), exact: true })).toBeVisible();
  await p1.getByRole('button', { name: 'Clear search' }).click();

  // A long walk (40,000 files) stopped early keeps what it found and says so.
  await searchBelow(page, 'note');
  await expect(status).toContainText(/found so far/);
  await p1.getByRole('button', { name: 'Stop search' }).click();
  await expect(status).toContainText(/^Search stopped: [\d,]+ found: “note” in every folder below, the rest not searched\./);
  const found = Number(/stopped: ([\d,]+) found/.exec((await status.textContent()) ?? '')?.[1]?.replace(/,/g, ''));
  expect(found).toBeLessThan(BULK_FOLDERS * BULK_FILES);
  await p1.getByRole('button', { name: 'Clear search' }).click();

  // Four panes, and the inspector as a drawer on a narrow window.
  await page.getByRole('button', { name: 'New pane' }).click();
  await page.getByRole('button', { name: 'New pane' }).click();
  await expect(pane(page, 4)).toBeVisible();
  await keepScreens(page, testInfo, 'four-panes');
  await page.setViewportSize({ width: 900, height: 700 });
  const toggle = page.getByRole('button', { name: 'Inspector', exact: true });
  await expect(page.getByRole('region', { name: 'Inspector' })).toBeHidden();
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByRole('region', { name: 'Inspector' })).toBeVisible();
  await keepScreens(page, testInfo, 'inspector-drawer');
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  await page.setViewportSize({ width: 900, height: 700 });
  await page.getByRole('button', { name: 'Close the inspector' }).click();
  await expect(page.getByRole('region', { name: 'Inspector' })).toBeHidden();
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
});
