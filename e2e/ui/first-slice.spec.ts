import { expect, test } from '@playwright/test';
import { runFirstSlice, seedSlice } from '../flows/first-slice';
import { startServeProcess, type ServeProcess } from '../flows/serve-process';
import { twoDifferentServers } from '../flows/test-servers';

let serve: ServeProcess;

test.beforeAll(async () => {
  serve = await startServeProcess();
});

test.afterAll(async () => {
  // SIGTERM is a clean stop: exit code 0.
  expect(await serve.stop()).toBe(0);
});

test('serve mode: add two servers, inspect an object, drag it across clouds', async ({ page }, testInfo) => {
  const [a, b] = twoDifferentServers();
  const data = await seedSlice(a, b);
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(serve.url);
  // The token leaves the address bar once the page holds it.
  await expect(page).toHaveURL(/\/$/);
  await runFirstSlice(page, data, testInfo);
  // Reloading works from the cookie alone, and the connections are still there for the session.
  await page.reload();
  await expect(page.getByText('2 connections')).toBeVisible();
  expect(pageErrors).toEqual([]);
});

test('serve mode: a fresh start shows the local filesystem in both panes', async ({ page }) => {
  // A fresh data folder: the shared process above keeps the workspace its first test left.
  const fresh = await startServeProcess();
  try {
    await page.goto(fresh.url);
    for (const name of ['Pane 1', 'Pane 2']) {
      const pane = page.getByRole('region', { name });
      await expect(pane.getByRole('combobox', { name: `Location of ${name}` })).toHaveValue('local');
      await expect(pane.getByRole('grid', { name: 'Objects' }).getByRole('row').nth(1)).toBeVisible();
    }
  } finally {
    await fresh.stop();
  }
});

test('serve mode: a malformed endpoint is refused in the dialog, naming the problem', async ({ page }) => {
  await page.goto(serve.url);
  await page.getByRole('button', { name: 'Add connection' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add connection' });
  await dialog.getByLabel('Name').fill('Broken');
  await dialog.getByLabel('Endpoint URL').fill('s3 dot example');
  await dialog.getByLabel('Access key ID').fill('AKIDEXAMPLE');
  await dialog.getByLabel('Secret access key').fill('not-shown-anywhere');
  await dialog.getByRole('button', { name: 'Save connection' }).click();
  await expect(dialog.getByRole('alert')).toContainText('is not a URL');
  await expect(dialog.getByLabel('Endpoint URL')).toHaveAttribute('aria-invalid', 'true');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  // Nothing was saved broken.
  await expect(page.getByRole('combobox', { name: 'Location of Pane 1' }).getByRole('option', { name: 'Broken' })).toHaveCount(0);
});
