// A local folder with links in it, dragged onto a bucket: the linked folder's
// files arrive under its name, and what cannot be sent (a link to nothing, a
// link back into the folder, a named pipe) is listed among the job's failed
// items, each with the reason in words, instead of being left out unseen.
import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { addConnection, bucketInPane, folderInPane, objectsTable, open, rowNamed } from '../flows/first-slice';
import { keepScreens } from '../flows/screens';
import { startServeProcess, type ServeProcess } from '../flows/serve-process';
import { oneServer } from '../flows/test-servers';
import { createBucket, uniqueBucket } from '../servers/s3-direct';

let root: string;
let serve: ServeProcess;
test.beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'ferry-links-ui-'));
  const project = path.join(root, 'Field project');
  const shared = path.join(root, 'Shared maps');
  mkdirSync(path.join(project, 'notes'), { recursive: true });
  mkdirSync(shared);
  writeFileSync(path.join(project, 'survey.csv'), 'plot,count\n1,4\n');
  writeFileSync(path.join(project, 'notes', 'day 1.txt'), 'rain\n');
  writeFileSync(path.join(shared, 'north ridge.geojson'), '{}\n');
  symlinkSync(shared, path.join(project, 'maps'));
  symlinkSync(project, path.join(project, 'notes', 'back to the project'));
  symlinkSync(path.join(root, 'Old photos'), path.join(project, 'photos'));
  execFileSync('mkfifo', [path.join(project, 'logger pipe')]);
  serve = await startServeProcess();
});
test.afterAll(async () => {
  await serve.stop();
  rmSync(root, { recursive: true, force: true });
});

test('a folder with links uploads what the links lead to, and names each link it could not send', async ({ page }, testInfo) => {
  const server = oneServer();
  const bucket = uniqueBucket('links-ui');
  await createBucket(server, bucket);
  const project = path.join(root, 'Field project');

  await page.goto(serve.url);
  await addConnection(page, server);
  const p1 = await folderInPane(page, 1, root);
  const p2 = await bucketInPane(page, 2, { server, bucket });
  await rowNamed(p1, 'Field project').dragTo(objectsTable(p2));

  const transfers = page.getByRole('region', { name: 'Transfers' });
  const job = transfers.getByRole('listitem', { name: /^Copy Field project/ });
  await expect(job.getByRole('button', { name: /^Retry failed / })).toBeVisible({ timeout: 30_000 });
  await expect(job).toContainText('3 failed');
  await job.getByRole('button', { name: /^Items of / }).click();
  const items = job.getByRole('table', { name: /^Items of / });
  const row = (name: string) => items.getByRole('row').filter({ hasText: path.join(project, name) });
  await expect(row('photos')).toContainText(`A link to ${path.join(root, 'Old photos')}, which does not exist: there is nothing to send.`);
  await expect(row('logger pipe')).toContainText('A named pipe (FIFO), not a file: only files are sent.');
  await expect(row('notes/back to the project')).toContainText(
    `A link back to ${project}, a folder it is already inside: following it would never end, so Ferry does not.`,
  );
  await expect(items.getByRole('row')).toHaveCount(4);
  await keepScreens(page, testInfo, 'transfer-links-failed', items);

  // The linked folder arrived under the link's name.
  await open(p2, 'Field project/');
  await expect(rowNamed(p2, 'maps/')).toBeVisible();
  await open(p2, 'maps/');
  await expect(rowNamed(p2, 'north ridge.geojson')).toBeVisible();
});
