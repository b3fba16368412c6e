/** Driving Ferry's window the way a user does: add a connection, open a bucket, scroll until every row is loaded. */
import type { Page } from '@playwright/test';
import type { TestServer } from '../../e2e/servers/harness';
import { FOLDER, log } from './options';

/** Adds the connection the way a user does, through the dialog. */
export async function addConnection(page: Page, s: TestServer): Promise<void> {
  await page.getByRole('button', { name: 'Add connection' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add connection' });
  const picker = dialog.getByRole('combobox', { name: 'Provider' });
  await picker.fill('min');
  await dialog.getByRole('option', { name: 'MinIO', exact: true }).click();
  await dialog.getByLabel('Name', { exact: true }).fill(s.label);
  await dialog.getByLabel('Endpoint URL').fill(s.endpoint);
  await dialog.getByLabel('Region').fill(s.region);
  await dialog.getByLabel('Access key ID').fill(s.accessKeyId);
  await dialog.getByLabel('Secret access key').fill(s.secretAccessKey);
  await dialog.getByRole('button', { name: 'Save connection' }).click();
  await dialog.waitFor({ state: 'hidden' });
}

export const pane = (page: Page) => page.getByRole('region', { name: 'Pane 1' });
export const grid = (page: Page) => pane(page).getByRole('grid', { name: 'Objects' });
export const row = (page: Page, name: string) =>
  grid(page)
    .getByRole('row')
    .filter({ has: page.getByRole('gridcell', { name, exact: true }) });

export async function openBucket(page: Page, s: TestServer, bucket: string): Promise<void> {
  await pane(page).getByRole('combobox', { name: 'Location of Pane 1' }).selectOption({ label: s.label });
  await row(page, bucket).dblclick();
  await row(page, FOLDER).waitFor();
}

/** Scrolls to the end until the pane says the folder is complete; returns the rows loaded. */
export async function loadEverything(page: Page, keys: number): Promise<number> {
  const started = Date.now();
  let lastLog = Date.now();
  for (;;) {
    const state = await page.evaluate(() => {
      const g = document.querySelector('section[aria-label="Pane 1"] [role="grid"]');
      const status = g && document.getElementById(g.getAttribute('aria-describedby') ?? '');
      const scroller = g?.closest('.grid-scroller');
      if (scroller) scroller.scrollTop = scroller.scrollHeight;
      return { rows: Number(g?.getAttribute('aria-rowcount') ?? 1) - 1, status: status?.textContent ?? '' };
    });
    if (!/loaded;/.test(state.status)) return state.rows;
    if (Date.now() - lastLog > 10_000) {
      lastLog = Date.now();
      log(
        `[ui-bench] ${state.rows.toLocaleString('en-US')} of ${keys.toLocaleString('en-US')} rows loaded (${((Date.now() - started) / 1000).toFixed(0)} s)`,
      );
    }
    await page.waitForTimeout(40);
  }
}
