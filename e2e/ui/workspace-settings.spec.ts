// Settings reach the engine (a job started after a change runs under it, as
// its own figures say); copying between panes works from the keyboard alone;
// a restored place that is gone falls back to its parent, saying so; and an
// axe scan of the main screens finds nothing serious or critical.
import AxeBuilder from '@axe-core/playwright';
import { DeleteObjectCommand } from '@aws-sdk/client-s3';
import { expect, test, type Page } from '@playwright/test';
import { addConnection, objectsTable, rowNamed } from '../flows/first-slice';
import { keepScreens } from '../flows/screens';
import { startServeProcess, type ServeProcess } from '../flows/serve-process';
import { twoDifferentServers } from '../flows/test-servers';
import { createBucket, headObject, putObject, sdkClient, uniqueBucket } from '../servers/s3-direct';

let serve: ServeProcess;
test.beforeAll(async () => {
  serve = await startServeProcess();
});
test.afterAll(async () => {
  await serve.stop();
});

const pane = (page: Page, n: number) => page.getByRole('region', { name: `Pane ${n}` });

async function goTo(page: Page, n: number, address: string): Promise<void> {
  const box = pane(page, n).getByRole('textbox', { name: 'Address' });
  await box.fill(address);
  await box.press('Enter');
  await expect(box).toHaveValue(address);
}

async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

test('keyboard only: Ctrl+C in one pane, Ctrl+V in the other copies across clouds', async ({ page }, testInfo) => {
  const [a, b] = twoDifferentServers();
  const from = uniqueBucket('kbd-from');
  const to = uniqueBucket('kbd-to');
  await createBucket(a, from);
  await createBucket(b, to);
  await putObject(a, from, 'docs/plan.txt', Buffer.from('the plan\n'));

  await page.goto(serve.url);
  await addConnection(page, a);
  await addConnection(page, b);
  await goTo(page, 1, `${a.label}:${from}/docs/`);
  await goTo(page, 2, `${b.label}:${to}/`);

  const source = objectsTable(pane(page, 1));
  await source.focus();
  await page.keyboard.press('ArrowDown');
  await expect(rowNamed(pane(page, 1), 'plan.txt')).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Control+c');
  // Each pane says it from its own side: where to paste, and that a paste lands here.
  await expect(pane(page, 1).getByText('Copied plan.txt: Ctrl+V in another pane pastes it.', { exact: true })).toBeVisible();
  await expect(pane(page, 2).getByText('plan.txt is copied: Ctrl+V pastes it here.', { exact: true })).toBeVisible();
  await objectsTable(pane(page, 2)).focus();
  await page.keyboard.press('Control+v');

  const job = page.getByRole('region', { name: 'Transfers' }).getByRole('listitem', { name: /^Copy plan\.txt → / });
  await expect(job).toContainText('Done');
  await expect(job).toContainText('1 of 1 item ·');
  await expect(rowNamed(pane(page, 2), 'plan.txt')).toBeVisible();
  expect((await headObject(b, to, 'plan.txt')).ContentLength).toBe(9);
  await keepScreens(page, testInfo, 'keyboard-copy');
});

test('objects in flight set in Settings is what the next job runs with, by its own figures', async ({ page }, testInfo) => {
  const [a, b] = twoDifferentServers();
  const from = uniqueBucket('tune-from');
  const to = uniqueBucket('tune-to');
  await createBucket(a, from);
  await createBucket(b, to);
  await Promise.all(Array.from({ length: 24 }, (_, i) => putObject(a, from, `batch/f${i}.bin`, Buffer.alloc(2048, i))));

  await page.goto(serve.url);
  await addConnection(page, a);
  await addConnection(page, b);
  await goTo(page, 1, `${a.label}:${from}/`);
  await goTo(page, 2, `${b.label}:${to}/`);

  await page.keyboard.press('Control+,');
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await expect(dialog).toBeVisible();
  const objects = dialog.getByLabel('Objects in flight');
  await objects.fill('0');
  await dialog.getByRole('button', { name: 'Save settings' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('Objects in flight must be from 1 to 256.');
  await expect(objects).toHaveAttribute('aria-invalid', 'true');
  await objects.fill('2');
  await keepScreens(page, testInfo, 'settings');
  await dialog.getByRole('button', { name: 'Save settings' }).click();
  await expect(dialog).toBeHidden();

  const copyBatch = async () => {
    await objectsTable(pane(page, 1)).focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Control+c');
    await objectsTable(pane(page, 2)).focus();
    await page.keyboard.press('Control+v');
  };
  const transfers = page.getByRole('region', { name: 'Transfers' });
  await copyBatch();
  const first = transfers.getByRole('listitem', { name: /^Copy batch\/ → / }).first();
  await expect(first).toContainText('Done');
  await expect(first).toContainText('up to 2 objects and 16 parts in flight');
  await expect(first).toContainText('most at once: 2');
  await keepScreens(page, testInfo, 'job-figures');

  // Raised again: the next job runs wider, the settings survive a reload.
  await page.getByRole('button', { name: 'Settings' }).click();
  await dialog.getByLabel('Objects in flight').fill('6');
  await dialog.getByRole('button', { name: 'Save settings' }).click();
  await transfers.getByRole('button', { name: /^Dismiss Copy batch/ }).click();
  await page.getByRole('combobox', { name: 'If the destination exists' }).selectOption('overwrite');
  await copyBatch();
  const second = transfers.getByRole('listitem', { name: /^Copy batch\/ → / }).first();
  await expect(second).toContainText('Done');
  await expect(second).toContainText('up to 6 objects');
  await page.reload();
  // The shortcut belongs to the workspace: wait for it to be there.
  await expect(pane(page, 1)).toBeVisible();
  await page.keyboard.press('Control+,');
  await expect(page.getByRole('dialog', { name: 'Settings' }).getByLabel('Objects in flight')).toHaveValue('6');
});

test('parts in flight and part size set in Settings are what the next job runs with: its figures and the object’s parts', async ({
  page,
}) => {
  const [a, b] = twoDifferentServers();
  const from = uniqueBucket('parts-from');
  const to = uniqueBucket('parts-to');
  await createBucket(a, from);
  await createBucket(b, to);
  // 13 MiB: two parts at the default 8 MiB, three at 6 MiB.
  await putObject(a, from, 'big.bin', Buffer.alloc(13 * 1024 * 1024, 7));

  await page.goto(serve.url);
  await addConnection(page, a);
  await addConnection(page, b);
  await goTo(page, 1, `${a.label}:${from}/`);
  await goTo(page, 2, `${b.label}:${to}/`);

  await page.keyboard.press('Control+,');
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await dialog.getByLabel('Parts in flight').fill('3');
  await dialog.getByLabel('Part size (MiB)').fill('4');
  await dialog.getByRole('button', { name: 'Save settings' }).click();
  await expect(dialog.getByRole('alert')).toContainText('Part size');
  await dialog.getByLabel('Part size (MiB)').fill('6');
  await dialog.getByRole('button', { name: 'Save settings' }).click();
  await expect(dialog).toBeHidden();

  await objectsTable(pane(page, 1)).focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Control+c');
  await objectsTable(pane(page, 2)).focus();
  await page.keyboard.press('Control+v');
  const job = page
    .getByRole('region', { name: 'Transfers' })
    .getByRole('listitem', { name: /^Copy big\.bin → / })
    .first();
  await expect(job).toContainText('Done');
  await expect(job).toContainText(/and 3 parts in flight, 6(\.0)? MiB parts/);
  // The object itself was sent in 6 MiB parts: a multipart ETag counts them.
  const head = await headObject(b, to, 'big.bin');
  expect(head.ContentLength).toBe(13 * 1024 * 1024);
  expect(head.ETag).toMatch(/-3"?$/);
});

test('a restored place that is gone falls back to its nearest parent, saying so; axe finds nothing serious', async ({ page }, testInfo) => {
  const [a] = twoDifferentServers();
  const bucket = uniqueBucket('gone');
  await createBucket(a, bucket);
  await putObject(a, bucket, 'keep/me.txt', Buffer.from('stay'));
  await putObject(a, bucket, 'gone/deeper/x.txt', Buffer.from('x'));

  await page.goto(serve.url);
  await addConnection(page, a);
  await goTo(page, 2, `${a.label}:${bucket}/gone/deeper/`);
  await expect(rowNamed(pane(page, 2), 'x.txt')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await page.waitForTimeout(600);

  await sdkClient(a).send(new DeleteObjectCommand({ Bucket: bucket, Key: 'gone/deeper/x.txt' }));
  await page.reload();
  const p2 = pane(page, 2);
  await expect(p2.getByRole('textbox', { name: 'Address' })).toHaveValue(`${a.label}:${bucket}/`);
  await expect(p2.getByRole('status').filter({ hasText: 'no longer exists' })).toHaveText(
    `${a.label}:${bucket}/gone/deeper/ no longer exists; showing its nearest existing parent.`,
  );
  await expect(rowNamed(p2, 'keep/')).toBeVisible();
  await keepScreens(page, testInfo, 'restored-fallback');
  expect(await seriousViolations(page)).toEqual([]);

  await page.keyboard.press('Control+,');
  await expect(page.getByRole('dialog', { name: 'Settings' })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole('dialog', { name: 'Settings' }).getByRole('button', { name: 'Cancel' }).click();
  await page.getByRole('button', { name: 'Add connection' }).click();
  await expect(page.getByRole('dialog', { name: 'Add connection' })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

test('a row’s menu: right click offers the actions that exist; Copy to Pane 2 copies; Shift+F10 opens it from the keyboard', async ({
  page,
}, testInfo) => {
  const [a, b] = twoDifferentServers();
  const from = uniqueBucket('menu-from');
  const to = uniqueBucket('menu-to');
  await createBucket(a, from);
  await createBucket(b, to);
  await putObject(a, from, 'sheet.csv', Buffer.from('a,b\n1,2\n'));

  await page.goto(serve.url);
  await addConnection(page, a);
  await addConnection(page, b);
  await goTo(page, 1, `${a.label}:${from}/`);
  await goTo(page, 2, `${b.label}:${to}/`);

  await rowNamed(pane(page, 1), 'sheet.csv').click({ button: 'right' });
  const menu = page.getByRole('menu', { name: 'Actions for sheet.csv' });
  await expect(menu.getByRole('menuitem')).toHaveText([
    'Download',
    'Copy to Pane 2',
    'CopyCtrl+C',
    'RenameF2',
    'DeleteDelete',
    'Copy address',
  ]);
  await expect(menu.getByRole('menuitem', { name: 'Download' })).toBeFocused();
  await keepScreens(page, testInfo, 'row-menu');
  await menu.getByRole('menuitem', { name: 'Copy to Pane 2' }).click();
  await expect(menu).toHaveCount(0);
  await expect(rowNamed(pane(page, 2), 'sheet.csv')).toBeVisible();
  expect((await headObject(b, to, 'sheet.csv')).ContentLength).toBe(8);

  await objectsTable(pane(page, 1)).focus();
  await page.keyboard.press('Shift+F10');
  await expect(menu).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await expect(menu.getByRole('menuitem', { name: 'Copy to Pane 2' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(menu).toHaveCount(0);
  await expect(objectsTable(pane(page, 1))).toBeFocused();
});
