// A pane whose bucket is deleted elsewhere while it shows it: on refresh it says which bucket is gone, shows no
// stale "Empty." folder, and offers the connection's bucket list; a local folder deleted elsewhere offers its parent.
import { expect, test } from '@playwright/test';
import { DeleteBucketCommand, DeleteObjectCommand } from '@aws-sdk/client-s3';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { addConnection, bucketInPane, open, rowNamed } from '../flows/first-slice';
import { keepScreens } from '../flows/screens';
import { startServeProcess, type ServeProcess } from '../flows/serve-process';
import { testServers } from '../flows/test-servers';
import { createBucket, putObject, sdkClient, uniqueBucket } from '../servers/s3-direct';

let serve: ServeProcess;

test.beforeAll(async () => {
  serve = await startServeProcess();
});

test.afterAll(async () => {
  await serve.stop();
});

test('a bucket deleted elsewhere: the pane names it and leads back to the bucket list', async ({ page }, testInfo) => {
  const [server] = testServers();
  if (!server) throw new Error('No S3 server is running for the UI tests.');
  const kept = uniqueBucket('kept');
  const doomed = uniqueBucket('doomed');
  await createBucket(server, kept);
  await createBucket(server, doomed);
  await putObject(server, doomed, 'notes/today.txt', Buffer.from('written before the bucket went\n'));

  await page.goto(serve.url);
  await addConnection(page, server);
  const pane = await bucketInPane(page, 1, { server, bucket: doomed });
  await open(pane, 'notes/');
  await expect(rowNamed(pane, 'today.txt')).toBeVisible();

  // Someone else empties and deletes the bucket; the pane still shows its folder until it is refreshed.
  await sdkClient(server).send(new DeleteObjectCommand({ Bucket: doomed, Key: 'notes/today.txt' }));
  await sdkClient(server).send(new DeleteBucketCommand({ Bucket: doomed }));
  await pane.getByRole('button', { name: 'Refresh Pane 1' }).click();

  await expect(pane.getByRole('alert')).toHaveText(
    `The bucket "${doomed}" does not exist: it may have been deleted, or its name is mistyped.`,
  );
  await expect(rowNamed(pane, 'today.txt')).toHaveCount(0);
  await expect(pane.getByText('Empty.')).toHaveCount(0);
  await expect(pane.getByRole('status').filter({ hasText: 'Nothing listed' })).toBeVisible();
  const way = pane.getByRole('button', { name: `Show the buckets of ${server.label}` });
  await keepScreens(page, testInfo, 'pane-bucket-gone', way);

  await way.click();
  await expect(rowNamed(pane, kept)).toBeVisible();
  await expect(rowNamed(pane, doomed)).toHaveCount(0);
  await expect(pane.getByRole('alert')).toHaveCount(0);
});

test('a bucket name the server refuses, typed in the address: the pane names it and leads to the bucket list', async ({
  page,
}, testInfo) => {
  const [server] = testServers();
  if (!server) throw new Error('No S3 server is running for the UI tests.');
  await page.goto(serve.url);
  const pane = page.getByRole('region', { name: 'Pane 1' });
  const location = pane.getByRole('combobox', { name: 'Location of Pane 1' });
  // The window keeps its connections between tests: the one the first test added is there when it ran.
  if ((await location.getByRole('option', { name: server.label }).count()) === 0) await addConnection(page, server);
  await location.selectOption({ label: server.label });
  const address = pane.getByRole('textbox', { name: 'Address' });
  await address.fill(`${server.label}:Holiday_Photos/2026/`);
  await address.press('Enter');
  await expect(pane.getByRole('alert')).toHaveText(
    'The server does not accept "Holiday_Photos" as a bucket name: most servers take 3 to 63 lower-case letters, digits, dots and hyphens. Check the name for a typo.',
  );
  await expect(pane.getByRole('status').filter({ hasText: 'Nothing listed' })).toBeVisible();
  const way = pane.getByRole('button', { name: `Show the buckets of ${server.label}` });
  await keepScreens(page, testInfo, 'pane-bucket-name-refused', way);
  await way.click();
  await expect(pane.getByRole('alert')).toHaveCount(0);
});

test('a local folder deleted elsewhere: the pane names it and leads up to its parent', async ({ page }, testInfo) => {
  const root = await mkdtemp(path.join(tmpdir(), 'ferry-pane-gone-'));
  const folder = path.join(root, 'photos', '2026');
  await mkdir(folder, { recursive: true });
  await writeFile(path.join(folder, 'harbour.jpg'), Buffer.from('not really a picture'));
  await writeFile(path.join(root, 'photos', 'index.txt'), Buffer.from('what is where\n'));
  try {
    await page.goto(serve.url);
    const pane = page.getByRole('region', { name: 'Pane 1' });
    // The window comes back as the last test left it: this pane shows local files first.
    await pane.getByRole('combobox', { name: 'Location of Pane 1' }).selectOption('local');
    const address = pane.getByRole('form', { name: 'Address of Pane 1' }).getByRole('textbox', { name: 'Address' });
    await address.fill(folder);
    await address.press('Enter');
    await expect(rowNamed(pane, 'harbour.jpg')).toBeVisible();

    await rm(folder, { recursive: true });
    await pane.getByRole('button', { name: 'Refresh Pane 1' }).click();
    await expect(pane.getByRole('alert')).toHaveText(`The folder ${folder} does not exist: it may have been moved or deleted.`);
    await expect(rowNamed(pane, 'harbour.jpg')).toHaveCount(0);
    const way = pane.getByRole('button', { name: `Go up to ${path.join(root, 'photos')}` });
    await keepScreens(page, testInfo, 'pane-folder-gone', way);
    await way.click();
    await expect(rowNamed(pane, 'index.txt')).toBeVisible();
    await expect(rowNamed(pane, '2026')).toHaveCount(0);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});
