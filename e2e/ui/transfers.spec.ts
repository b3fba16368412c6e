// The queue as a user sees it: drag a whole prefix across two servers, pause
// it in the middle, resume it, watch it reach 100%, and find every object in
// the other pane, byte for byte. The destination sits behind Toxiproxy with a
// bandwidth limit so "the middle" lasts long enough to press Pause.
import { expect, test } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { addConnection, objectsTable, open, rowNamed } from '../flows/first-slice';
import { startServeProcess, type ServeProcess } from '../flows/serve-process';
import { twoDifferentServers } from '../flows/test-servers';
import { createBucket, objectBytes, putObject, sha256, uniqueBucket } from '../servers/s3-direct';
import { startToxiproxy, type Toxiproxy } from '../servers/toxiproxy';

let serve: ServeProcess;
let toxiproxy: Toxiproxy | undefined;

test.beforeAll(async () => {
  serve = await startServeProcess();
  const started = await startToxiproxy();
  if ('skip' in started) throw new Error(`Toxiproxy is needed for this test: ${started.skip}`);
  toxiproxy = started;
});

test.afterAll(async () => {
  await toxiproxy?.stop();
  await serve.stop();
});

test('drag a prefix across clouds, pause and resume it, and find every object', async ({ page }) => {
  const [a, b] = twoDifferentServers();
  const source = uniqueBucket('album');
  const target = uniqueBucket('backup');
  await createBucket(a, source);
  await createBucket(b, target);
  const files = new Map<string, Buffer>();
  for (let i = 1; i <= 6; i++) files.set(`album/day ${i}.raw`, randomBytes(4 * 1024 * 1024 + i));
  files.set('album/notes/readme.txt', Buffer.from('six days\n'));
  files.set('album/empty.marker', Buffer.alloc(0));
  for (const [key, bytes] of files) await putObject(a, source, key, bytes, { Metadata: { shot: key.length.toString() } });

  // About 3 MB/s towards server B: the 24 MiB prefix takes several seconds, long enough to pause mid-way.
  if (!toxiproxy) throw new Error('Toxiproxy did not start');
  const proxy = await toxiproxy.proxy(`slow-${target}`, b.endpoint);
  await proxy.addToxic({ name: 'slow', type: 'bandwidth', stream: 'upstream', attributes: { rate: 3000 } });

  await page.goto(serve.url);
  await addConnection(page, a);
  await addConnection(page, { ...b, label: `${b.label} (slow link)`, endpoint: proxy.endpoint });

  const pane1 = page.getByRole('region', { name: 'Pane 1' });
  const pane2 = page.getByRole('region', { name: 'Pane 2' });
  await pane1.getByRole('combobox', { name: 'Location of Pane 1' }).selectOption({ label: a.label });
  await open(pane1, source);
  await pane2.getByRole('combobox', { name: 'Location of Pane 2' }).selectOption({ label: `${b.label} (slow link)` });
  await open(pane2, target);

  await rowNamed(pane1, 'album/').dragTo(objectsTable(pane2));

  const transfers = page.getByRole('region', { name: 'Transfers' });
  const job = transfers.getByRole('listitem', { name: /^Copy album\// });
  const progress = job.getByRole('progressbar');
  await expect(job).toContainText('Running');
  await expect.poll(async () => Number(await progress.getAttribute('value')), { timeout: 30_000 }).toBeGreaterThan(5);

  await job.getByRole('button', { name: /^Pause / }).click();
  await expect(job).toContainText('Paused');
  const pausedAt = Number(await progress.getAttribute('value'));
  expect(pausedAt).toBeLessThan(100);
  // Paused means paused: nothing moves for a while.
  await page.waitForTimeout(1500);
  expect(Number(await progress.getAttribute('value'))).toBe(pausedAt);

  await job.getByRole('button', { name: /^Resume / }).click();
  await expect(job).toContainText('Done', { timeout: 60_000 });
  await expect(progress).toHaveAttribute('value', '100');
  await expect(job).toContainText(`${files.size} of ${files.size} items`);

  await open(pane2, 'album/');
  for (const name of ['day 1.raw', 'day 6.raw', 'empty.marker', 'notes/']) await expect(rowNamed(pane2, name)).toBeVisible();
  for (const [key, bytes] of files) expect(sha256(await objectBytes(b, target, key)), key).toBe(sha256(bytes));

  // Expanding the job lists its items.
  await job.getByRole('button', { name: /^Items of / }).click();
  await expect(job.getByRole('table')).toContainText('day 3.raw');
  const shot = test.info().outputPath('transfers-final.png');
  await page.screenshot({ path: shot });
  await test.info().attach('final state', { path: shot, contentType: 'image/png' });
});
