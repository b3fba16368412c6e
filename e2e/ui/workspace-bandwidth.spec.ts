// The bandwidth limit set in Settings throttles the next job through the real
// engine between two real servers, by the job's own figures (the bytes it
// moved over its start-to-end time, shown on the finished job), and clearing
// the limit lifts it: the same copy then runs well above the old limit.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { addConnection, objectsTable, rowNamed } from '../flows/first-slice';
import { keepScreens } from '../flows/screens';
import { startServeProcess, type ServeProcess } from '../flows/serve-process';
import { twoDifferentServers } from '../flows/test-servers';
import { createBucket, headObject, putObject, uniqueBucket } from '../servers/s3-direct';

const MiB = 1024 * 1024;
const SIZE = 2 * MiB;
const LIMIT_MIB = 0.5;

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

async function setLimit(page: Page, mib: string): Promise<void> {
  await page.keyboard.press('Control+,');
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await dialog.getByLabel('Bandwidth limit (MiB/s)').fill(mib);
  await dialog.getByRole('button', { name: 'Save settings' }).click();
  await expect(dialog).toBeHidden();
}

/** The finished job's average rate, from the exact figures it shows: its bytes over its start-to-end time. */
async function averageRate(job: Locator): Promise<{ bytes: number; ms: number; rate: number }> {
  const exact = (await job.locator('.job-average').getAttribute('title')) ?? '';
  const match = /^([\d,]+) bytes in ([\d,]+) ms$/.exec(exact);
  if (!match?.[1] || !match[2]) throw new Error(`no exact figures on the job: "${exact}"`);
  const bytes = Number(match[1].replace(/,/g, ''));
  const ms = Number(match[2].replace(/,/g, ''));
  return { bytes, ms, rate: (bytes * 1000) / ms };
}

test('a bandwidth limit set in Settings holds the next job near it, and clearing it lifts it', async ({ page }, testInfo) => {
  const [a, b] = twoDifferentServers();
  const from = uniqueBucket('bw-from');
  const to = uniqueBucket('bw-to');
  await createBucket(a, from);
  await createBucket(b, to);
  await putObject(a, from, 'big.bin', Buffer.alloc(SIZE, 7));

  await page.goto(serve.url);
  await addConnection(page, a);
  await addConnection(page, b);
  await goTo(page, 1, `${a.label}:${from}/`);
  await goTo(page, 2, `${b.label}:${to}/`);
  await page.getByRole('combobox', { name: 'If the destination exists' }).selectOption('overwrite');

  const transfers = page.getByRole('region', { name: 'Transfers' });
  const job = transfers.getByRole('listitem', { name: /^Copy big\.bin → / }).first();
  const copy = async () => {
    await rowNamed(pane(page, 1), 'big.bin').click();
    await page.keyboard.press('Control+c');
    await objectsTable(pane(page, 2)).focus();
    await page.keyboard.press('Control+v');
    await expect(job).toContainText('Done', { timeout: 30_000 });
    expect((await headObject(b, to, 'big.bin')).ContentLength).toBe(SIZE);
  };

  await setLimit(page, String(LIMIT_MIB));
  await copy();
  await expect(job).toContainText('at most 512 KiB/s');
  const limited = await averageRate(job);
  expect(limited.bytes).toBe(SIZE);
  // The token bucket lets one 64 KiB burst through at the start; the rest waits for its tokens.
  expect(limited.rate).toBeLessThanOrEqual(LIMIT_MIB * MiB * 1.1);
  // Near the limit, not merely under it: the limit is what held the job back.
  expect(limited.rate).toBeGreaterThan(LIMIT_MIB * MiB * 0.6);
  await keepScreens(page, testInfo, 'bandwidth-limited');

  await transfers.getByRole('button', { name: /^Dismiss Copy big\.bin/ }).click();
  await setLimit(page, '');
  await copy();
  await expect(job).not.toContainText('at most');
  const free = await averageRate(job);
  expect(free.bytes).toBe(SIZE);
  expect(free.rate).toBeGreaterThan(LIMIT_MIB * MiB * 2);
  testInfo.annotations.push({
    type: 'figures',
    description: `limited ${Math.round(limited.rate)} B/s (${limited.ms} ms), free ${Math.round(free.rate)} B/s (${free.ms} ms)`,
  });
  console.log(
    `bandwidth: limit ${LIMIT_MIB * MiB} B/s; limited job ${Math.round(limited.rate)} B/s over ${limited.ms} ms; unlimited ${Math.round(free.rate)} B/s over ${free.ms} ms`,
  );
});

test('objects a running copy has finished show in the destination pane before the copy ends', async ({ page }, testInfo) => {
  const COUNT = 24;
  const EACH = 128 * 1024;
  const [a, b] = twoDifferentServers();
  const from = uniqueBucket('live-from');
  const to = uniqueBucket('live-to');
  await createBucket(a, from);
  await createBucket(b, to);
  const names = Array.from({ length: COUNT }, (_, i) => `part-${String(i).padStart(2, '0')}.bin`);
  await Promise.all(names.map((name, i) => putObject(a, from, name, Buffer.alloc(EACH, i))));

  await page.goto(serve.url);
  await addConnection(page, a);
  await addConnection(page, b);
  await goTo(page, 1, `${a.label}:${from}/`);
  await goTo(page, 2, `${b.label}:${to}/`);
  // 3 MiB at 0.5 MiB/s: about six seconds, long enough to be seen running.
  await setLimit(page, String(LIMIT_MIB));

  await expect(rowNamed(pane(page, 1), names[0] ?? '')).toBeVisible();
  await objectsTable(pane(page, 1)).focus();
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Control+c');
  await expect(pane(page, 2).getByText('24 items are copied: Ctrl+V pastes them here.', { exact: true })).toBeVisible();
  await objectsTable(pane(page, 2)).focus();
  await page.keyboard.press('Control+v');

  const job = page.getByRole('region', { name: 'Transfers' }).getByRole('listitem', { name: /^Copy part-\d+\.bin and 23 more → / });
  await expect(job).toContainText('Running');
  // The first objects appear in Pane 2 while the job still runs, without the user refreshing it (in no set order:
  // sixteen are in flight at once).
  const arrived = pane(page, 2).getByRole('gridcell', { name: /^part-\d+\.bin$/ });
  await expect.poll(() => arrived.count(), { timeout: 5_000 }).toBeGreaterThan(0);
  const shownWhileRunning = await arrived.count();
  await expect(job).toContainText('Running');
  // Objects chosen one by one learn their sizes as they run: until then the total is their average, said as such,
  // not the bytes of the ones started so far (which read "896 KiB / 896 KiB, 0 s left" at 7 of 24).
  await expect(job).toContainText(/ \/ ~3\.0 MiB/);
  await keepScreens(page, testInfo, 'copy-arriving');
  // Fewer than all of them: the pane showed the copy under way, not its end.
  expect(shownWhileRunning).toBeLessThan(COUNT);

  await expect(job).toContainText('Done', { timeout: 30_000 });
  await expect(pane(page, 2).getByText(`${COUNT} items`, { exact: true })).toBeVisible();
  await setLimit(page, '');
});
