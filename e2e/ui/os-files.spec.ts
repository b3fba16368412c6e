// Files from the operating system, in serve mode: dropping them on a pane
// streams them through the page to the core and uploads them; "Download"
// hands an object to the browser's own downloads. Bytes are checked on the
// server and on disk.
import { expect, test } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { addConnection, objectsTable, open, rowNamed } from '../flows/first-slice';
import { startServeProcess, type ServeProcess } from '../flows/serve-process';
import { twoDifferentServers } from '../flows/test-servers';
import { createBucket, headObject, objectBytes, putObject, sha256, uniqueBucket } from '../servers/s3-direct';

let serve: ServeProcess;

test.beforeAll(async () => {
  serve = await startServeProcess();
});

test.afterAll(async () => {
  await serve.stop();
});

test('files dropped from the desktop upload to the open prefix', async ({ page }) => {
  const [server] = twoDifferentServers();
  const bucket = uniqueBucket('drop');
  await createBucket(server, bucket);
  await putObject(server, bucket, 'inbox/', Buffer.alloc(0));
  const big = randomBytes(6 * 1024 * 1024 + 5);
  const small = Buffer.from('résumé — ünïcode name\n');

  await page.goto(serve.url);
  await addConnection(page, server);
  const pane = page.getByRole('region', { name: 'Pane 2' });
  await pane.getByRole('combobox', { name: 'Location of Pane 2' }).selectOption({ label: server.label });
  await open(pane, bucket);
  await open(pane, 'inbox/');

  // A drop from the operating system, as the page receives it: File objects in a DataTransfer.
  const dataTransfer = await page.evaluateHandle(
    ([bigB64, smallB64]) => {
      const bytes = (b64: string) => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const dt = new DataTransfer();
      dt.items.add(new File([bytes(bigB64)], 'scan.tiff', { type: 'image/tiff' }));
      dt.items.add(new File([bytes(smallB64)], 'Notes #1 résumé.txt', { type: 'text/plain' }));
      return dt;
    },
    [big.toString('base64'), small.toString('base64')] as const,
  );
  await objectsTable(pane).dispatchEvent('dragover', { dataTransfer });
  await expect(pane.getByText('Drop to upload here')).toBeVisible();
  await objectsTable(pane).dispatchEvent('drop', { dataTransfer });

  const job = page.getByRole('region', { name: 'Transfers' }).getByRole('listitem', { name: /^Copy / });
  await expect(job).toContainText('Done', { timeout: 30_000 });
  await expect(rowNamed(pane, 'scan.tiff')).toBeVisible();
  await expect(rowNamed(pane, 'Notes #1 résumé.txt')).toBeVisible();
  expect(sha256(await objectBytes(server, bucket, 'inbox/scan.tiff'))).toBe(sha256(big));
  expect(sha256(await objectBytes(server, bucket, 'inbox/Notes #1 résumé.txt'))).toBe(sha256(small));
  expect((await headObject(server, bucket, 'inbox/scan.tiff')).ContentType).toBe('image/tiff');
});

test('Download hands the selected object to the browser, byte for byte', async ({ page }) => {
  const [server] = twoDifferentServers();
  const bucket = uniqueBucket('dl');
  await createBucket(server, bucket);
  const bytes = randomBytes(2 * 1024 * 1024 + 3);
  await putObject(server, bucket, 'reports/Q3 report ü.pdf', bytes, { ContentType: 'application/pdf' });

  await page.goto(serve.url);
  await addConnection(page, server);
  const pane = page.getByRole('region', { name: 'Pane 1' });
  await pane.getByRole('combobox', { name: 'Location of Pane 1' }).selectOption({ label: server.label });
  await open(pane, bucket);
  await open(pane, 'reports/');
  await rowNamed(pane, 'Q3 report ü.pdf').click();

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    pane.getByRole('button', { name: 'Download selection of Pane 1' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe('Q3 report ü.pdf');
  expect(sha256(await readFile(await download.path()))).toBe(sha256(bytes));
});
