// Stopping a recursive search: MinIO sits behind Toxiproxy, and once the
// first page of matches is in, every answer is held up by seconds, so the
// search is still running when Stop is pressed. The pane keeps what it found,
// says it stopped, and the page that was on its way never lands.
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { expect, test } from '@playwright/test';
import { addConnection, objectsTable, rowNamed } from '../flows/first-slice';
import { keepScreens } from '../flows/screens';
import { startServeProcess, type ServeProcess } from '../flows/serve-process';
import { testServers } from '../flows/test-servers';
import { createBucket, sdkClient, uniqueBucket } from '../servers/s3-direct';
import { startToxiproxy, type Toxiproxy } from '../servers/toxiproxy';

/** More than one page of matches (S3 lists 1,000 keys a page). */
const OBJECTS = 1100;
const LATENCY_MS = 2500;

let serve: ServeProcess;
let toxiproxy: Toxiproxy | undefined;
test.beforeAll(async () => {
  const started = await startToxiproxy();
  if ('skip' in started) throw new Error(`Toxiproxy is needed for this test: ${started.skip}`);
  toxiproxy = started;
  serve = await startServeProcess();
});
test.afterAll(async () => {
  await serve.stop();
  await toxiproxy?.stop();
});

test('stopping a running recursive search keeps what was found and says it stopped', async ({ page }, testInfo) => {
  const s = testServers().find((t) => t.kind === 'minio');
  if (!s) throw new Error('MinIO is not running: this spec searches on MinIO');
  const bucket = uniqueBucket('stop');
  await createBucket(s, bucket);
  const client = sdkClient(s);
  let next = 0;
  await Promise.all(
    Array.from({ length: 32 }, async () => {
      while (next < OBJECTS) {
        const i = next++;
        await client.send(new PutObjectCommand({ Bucket: bucket, Key: `logs/day/entry ${i}.log`, Body: Buffer.from('x') }));
      }
    }),
  );
  if (!toxiproxy) throw new Error('Toxiproxy did not start');
  const proxy = await toxiproxy.proxy(`search-${bucket}`, s.endpoint);
  const label = `${s.label} (slow link)`;

  await page.goto(serve.url);
  await addConnection(page, { ...s, label, endpoint: proxy.endpoint });
  const pane = page.getByRole('region', { name: 'Pane 1' });
  await pane.getByRole('textbox', { name: 'Address' }).fill(`${label}:${bucket}/logs/`);
  await pane.getByRole('textbox', { name: 'Address' }).press('Enter');
  await expect(rowNamed(pane, 'day/')).toBeVisible();

  await proxy.addToxic({ name: 'slow', type: 'latency', stream: 'downstream', attributes: { latency: LATENCY_MS } });
  await pane.getByRole('searchbox', { name: 'Filter Pane 1' }).fill('entry');
  await pane.getByRole('button', { name: 'Search below' }).click();
  const status = pane.getByRole('status').filter({ hasText: 'found' });
  await expect(status).toContainText(/[1-9][\d,]* found so far/, { timeout: 20_000 });
  await pane.getByRole('button', { name: 'Stop search' }).click();

  await expect(status).toContainText(/^Search stopped: [\d,]+ found: “entry” in every folder below, the rest not searched\./);
  const found = Number(/stopped: ([\d,]+) found/.exec((await status.textContent()) ?? '')?.[1]?.replace(/,/g, ''));
  expect(found).toBeGreaterThan(0);
  expect(found).toBeLessThan(OBJECTS);
  await expect(pane.getByRole('button', { name: 'Stop search' })).toHaveCount(0);
  // Longer than the held-up answer takes: had the stop not dropped it, the next page would land in this time.
  await page.waitForTimeout(LATENCY_MS + 1000);
  await expect(status).toContainText(`stopped: ${found.toLocaleString('en-US')} found`);
  await expect(objectsTable(pane)).toHaveAttribute('aria-rowcount', String(found + 1));
  await expect(rowNamed(pane, 'day/entry 0.log')).toBeVisible();
  // The status line promises no more rows on scrolling: a stopped search loads none.
  await expect(pane.getByText(`${found.toLocaleString('en-US')} items`, { exact: true })).toBeVisible();
  await keepScreens(page, testInfo, 'search-stopped');

  await pane.getByRole('button', { name: 'Clear search' }).click();
  await expect(rowNamed(pane, 'day/')).toBeVisible();
});
