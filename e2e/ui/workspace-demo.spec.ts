// First start: the empty state offers the ways in, the demo among them (its
// button opens the two demo clouds in the two panes); `serve --demo` brings
// the same two sample clouds (Ferry's own S3 servers inside Ferry) listed as
// demo connections, a copy between them works, and stopping Ferry removes
// their data folder.
import { expect, test } from '@playwright/test';
import { existsSync } from 'node:fs';
import { objectsTable, open, rowNamed } from '../flows/first-slice';
import { keepScreens } from '../flows/screens';
import { startServeProcess } from '../flows/serve-process';

const LONG_NAME = 'visitors-by-city-and-month-for-the-annual-board-report-2026.csv';

test('a first start offers the ways in', async ({ page }, testInfo) => {
  const serve = await startServeProcess();
  try {
    await page.goto(serve.url);
    const start = page.getByRole('region', { name: 'Start here' });
    await expect(start.getByRole('button', { name: 'Add a connection' })).toBeVisible();
    await expect(start.getByRole('button', { name: 'Import from rclone' })).toBeVisible();
    await expect(start.getByRole('button', { name: 'Try Ferry without an account' })).toBeVisible();
    await keepScreens(page, testInfo, 'first-start');
    await start.getByRole('button', { name: 'Add a connection' }).click();
    await expect(page.getByRole('dialog', { name: 'Add connection' })).toBeVisible();
  } finally {
    await serve.stop();
  }
});

test('"Try Ferry without an account" starts the demo clouds and opens them in the two panes', async ({ page }, testInfo) => {
  const serve = await startServeProcess();
  try {
    await page.goto(serve.url);
    await page.getByRole('region', { name: 'Start here' }).getByRole('button', { name: 'Try Ferry without an account' }).click();
    await expect(page.getByText('2 connections')).toBeVisible();
    const p1 = page.getByRole('region', { name: 'Pane 1' });
    const p2 = page.getByRole('region', { name: 'Pane 2' });
    for (const bucket of ['photos', 'reports']) await expect(rowNamed(p1, bucket)).toBeVisible();
    for (const bucket of ['archive', 'backups']) await expect(rowNamed(p2, bucket)).toBeVisible();
    await expect(page.getByRole('region', { name: 'Start here' })).toHaveCount(0);
    await keepScreens(page, testInfo, 'demo-from-first-start');
  } finally {
    expect(await serve.stop()).toBe(0);
  }
});

test('serve --demo: two demo clouds with sample data, a copy between them, and nothing left after exit', async ({ page }, testInfo) => {
  const serve = await startServeProcess(['--demo']);
  const folder = /their data in (\S+);/.exec(serve.output())?.[1];
  expect(folder, serve.output()).toBeTruthy();
  expect(existsSync(folder ?? '')).toBe(true);
  try {
    await page.goto(serve.url);
    await expect(page.getByText('2 connections')).toBeVisible();
    await expect(page.getByRole('region', { name: 'Start here' })).toHaveCount(0);
    const places = page.getByRole('navigation', { name: 'Places' });
    await expect(places.getByRole('button', { name: 'Harbour (demo)', exact: true })).toBeVisible();
    await expect(places.getByRole('button', { name: 'Lighthouse (demo)', exact: true })).toBeVisible();

    const p1 = page.getByRole('region', { name: 'Pane 1' });
    const p2 = page.getByRole('region', { name: 'Pane 2' });
    await objectsTable(p1).click();
    await places.getByRole('button', { name: 'Harbour (demo)', exact: true }).click();
    await open(p1, 'reports');
    // A long name is cut in its middle: its end stays in view; the whole name is the cell's accessible name and tooltip.
    const long = p1.getByRole('gridcell', { name: LONG_NAME, exact: true });
    await expect(long).toHaveAttribute('title', LONG_NAME);
    await expect(long.getByText('2026.csv', { exact: true })).toBeVisible();
    await objectsTable(p2).click();
    await places.getByRole('button', { name: 'Lighthouse (demo)', exact: true }).click();
    await open(p2, 'archive');
    await open(p2, 'incoming/');
    await rowNamed(p1, 'visitors.csv').dragTo(objectsTable(p2));
    await expect(page.getByRole('region', { name: 'Transfers' }).getByRole('listitem', { name: /^Copy visitors\.csv/ })).toContainText(
      'Done',
    );
    await expect(rowNamed(p2, 'visitors.csv')).toBeVisible();
    await keepScreens(page, testInfo, 'demo');
  } finally {
    expect(await serve.stop()).toBe(0);
  }
  expect(existsSync(folder ?? '')).toBe(false);
});
