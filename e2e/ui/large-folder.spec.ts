// A folder of 2,500 objects in serve mode: the pane loads it page by page,
// the grid says how many rows it has while the DOM holds only a screenful,
// and the keyboard reaches every row (End, Home, Page Down, arrows),
// scrolling as it goes; the mouse wheel scrolls too.
import { expect, test } from '@playwright/test';
import { seedEmpty } from '../../bench/lib/remote';
import { addConnection, objectsTable, open, rowNamed } from '../flows/first-slice';
import { startServeProcess, type ServeProcess } from '../flows/serve-process';
import { twoDifferentServers } from '../flows/test-servers';
import { createBucket, uniqueBucket } from '../servers/s3-direct';

const OBJECTS = 2500;
const ROW_HEIGHT = 26;
const nameOf = (i: number) => `log ${String(i).padStart(5, '0')}.txt`;

let serve: ServeProcess;

test.beforeAll(async () => {
  serve = await startServeProcess();
});

test.afterAll(async () => {
  await serve.stop();
});

test('a folder of 2,500 objects scrolls to its last row by keyboard, with a screenful of rows in the DOM', async ({ page }) => {
  const [server] = twoDifferentServers();
  const bucket = uniqueBucket('large');
  await createBucket(server, bucket);
  await seedEmpty(
    server,
    bucket,
    Array.from({ length: OBJECTS }, (_, i) => `many/${nameOf(i)}`),
    32,
  );
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));

  await page.goto(serve.url);
  await addConnection(page, server);
  const pane = page.getByRole('region', { name: 'Pane 1' });
  await pane.getByRole('combobox', { name: 'Location of Pane 1' }).selectOption({ label: server.label });
  await open(pane, bucket);
  await open(pane, 'many/');

  const grid = objectsTable(pane);
  // Three pages arrive one after another; the line under the grid says when the folder is complete.
  await expect(pane.getByText('2,500 items', { exact: true })).toBeVisible();
  await expect(grid).toHaveAttribute('aria-rowcount', String(OBJECTS + 1));
  await expect(grid).toHaveAccessibleDescription('2,500 items');
  const rendered = await grid.getByRole('row').count();
  expect(rendered).toBeGreaterThan(5);
  expect(rendered).toBeLessThan(80);

  // Rows are exactly as tall as the window's arithmetic assumes.
  const firstBox = await rowNamed(pane, nameOf(0)).boundingBox();
  expect(firstBox?.height).toBeCloseTo(ROW_HEIGHT, 0);

  await rowNamed(pane, nameOf(0)).click();
  await expect(rowNamed(pane, nameOf(0))).toHaveAttribute('aria-selected', 'true');

  await grid.press('End');
  const last = rowNamed(pane, nameOf(OBJECTS - 1));
  await expect(last).toBeVisible();
  await expect(last).toHaveAttribute('aria-selected', 'true');
  await expect(last).toHaveAttribute('aria-rowindex', String(OBJECTS + 1));
  await expect(grid).toHaveAttribute('aria-activedescendant', (await last.getAttribute('id')) ?? 'missing');
  await expect(rowNamed(pane, nameOf(0))).toHaveCount(0);
  expect(await grid.getByRole('row').count()).toBeLessThan(80);
  // Wholly on screen: inside the scroller's box, not clipped under its bottom edge.
  const scroller = await page.locator('.grid-scroller').first().boundingBox();
  const lastBox = await last.boundingBox();
  if (!scroller || !lastBox) throw new Error('no layout for the grid');
  expect(lastBox.y + lastBox.height).toBeLessThanOrEqual(scroller.y + scroller.height + 0.5);
  expect(lastBox.y).toBeGreaterThanOrEqual(scroller.y + ROW_HEIGHT - 0.5);
  // The selection is the object: the inspector shows it.
  await expect(page.getByRole('region', { name: 'Inspector' })).toContainText(`many/${nameOf(OBJECTS - 1)}`);

  await grid.press('ArrowUp');
  await expect(rowNamed(pane, nameOf(OBJECTS - 2))).toHaveAttribute('aria-selected', 'true');
  await expect(last).toHaveAttribute('aria-selected', 'false');

  await grid.press('Home');
  await expect(rowNamed(pane, nameOf(0))).toHaveAttribute('aria-selected', 'true');
  await grid.press('PageDown');
  const selected = grid.getByRole('row', { selected: true });
  await expect(selected).toHaveCount(1);
  const afterPage = Number(await selected.getAttribute('aria-rowindex'));
  expect(afterPage).toBeGreaterThan(10);
  await grid.press('Shift+ArrowDown');
  await expect(grid.getByRole('row', { selected: true })).toHaveCount(2);

  // The wheel scrolls the same rows: the first row leaves the DOM, later ones arrive.
  await grid.hover();
  await page.mouse.wheel(0, 40 * ROW_HEIGHT);
  await expect(rowNamed(pane, nameOf(0))).toHaveCount(0);
  const firstShown = Number(await grid.getByRole('row').nth(1).getAttribute('aria-rowindex'));
  expect(firstShown).toBeGreaterThan(20);

  // Backspace still goes up from deep in the list.
  await grid.press('End');
  await grid.press('Backspace');
  await expect(rowNamed(pane, 'many/')).toBeVisible();
  expect(pageErrors).toEqual([]);
});
