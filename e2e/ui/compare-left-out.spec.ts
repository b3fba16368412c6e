// A local folder compared with a bucket: a linked folder's files are compared
// as the folder's own, and what a sync cannot send (a link to nothing, a
// named pipe) is said in one line above the results, each entry named with
// its reason on demand, instead of missing from the compare unseen; the sync
// that follows says so again when it ends, and under its job.
import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { addConnection, bucketInPane, folderInPane } from '../flows/first-slice';
import { keepScreens } from '../flows/screens';
import { startServeProcess, type ServeProcess } from '../flows/serve-process';
import { oneServer } from '../flows/test-servers';
import { createBucket, putObject, uniqueBucket } from '../servers/s3-direct';

let root: string;
let serve: ServeProcess;
test.beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'ferry-compare-left-out-'));
  mkdirSync(path.join(root, 'site'));
  mkdirSync(path.join(root, 'shared images'));
  writeFileSync(path.join(root, 'site', 'index.html'), '<p>hello</p>\n');
  writeFileSync(path.join(root, 'shared images', 'logo.svg'), '<svg/>\n');
  symlinkSync(path.join(root, 'shared images'), path.join(root, 'site', 'images'));
  symlinkSync('drafts/old.css', path.join(root, 'site', 'style.css'));
  execFileSync('mkfifo', [path.join(root, 'site', 'build.pipe')]);
  serve = await startServeProcess();
});
test.afterAll(async () => {
  await serve.stop();
  rmSync(root, { recursive: true, force: true });
});

test('a compare of a local folder names the entries a sync cannot send, and follows a linked folder', async ({ page }, testInfo) => {
  const server = oneServer();
  const bucket = uniqueBucket('left-out');
  await createBucket(server, bucket);
  await putObject(server, bucket, 'index.html', Buffer.from('<p>hello</p>\n'));
  const site = path.join(root, 'site');

  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto(serve.url);
  await addConnection(page, server);
  const p1 = await folderInPane(page, 1, site);
  await bucketInPane(page, 2, { server, bucket });
  await p1.getByRole('combobox', { name: 'Location of Pane 1' }).focus();
  await page.getByRole('button', { name: 'Compare with the other pane' }).click();

  const dialog = page.getByRole('dialog', { name: 'Compare' });
  await expect(dialog.getByRole('status').first()).toHaveText('Compared 2 keys.');
  // The linked folder's file is compared as the folder's own: only on the left.
  const counts = dialog.getByRole('group', { name: 'Show results' });
  await expect(counts.getByRole('button', { name: /^Only in Pane 1 1 / })).toBeVisible();
  await expect(counts.getByRole('button', { name: /^Same 1 / })).toBeVisible();
  await expect(dialog.getByRole('table', { name: 'Compared keys' })).toContainText('images/logo.svg');

  await dialog.getByText('2 local entries are left out: not files, so a sync cannot send them.').click();
  const list = dialog.getByRole('list', { name: 'Left out' });
  await expect(list.getByRole('listitem')).toHaveText([
    new RegExp(`^${escape(path.join(site, 'build.pipe'))}: A named pipe \\(FIFO\\), not a file: only files are sent\\.$`),
    new RegExp(`^${escape(path.join(site, 'style.css'))}: A link to ${escape(path.join(site, 'drafts', 'old.css'))}, which does not exist`),
  ]);
  await keepScreens(page, testInfo, 'compare-left-out', list);

  // The sync sends the linked folder's file and says the two entries stayed behind, in the dialog and under its job.
  const sync = dialog.getByRole('group', { name: 'Sync' });
  await sync.getByRole('button', { name: 'Sync to Pane 2' }).click();
  await expect(sync.getByRole('status')).toContainText('Sync finished: 1 object; 2 local entries left out (named above).', {
    timeout: 60_000,
  });
  await dialog.getByRole('button', { name: 'Close' }).click();
  const job = page.getByRole('region', { name: 'Transfers' }).getByRole('listitem', { name: /\(sync\)/ });
  await expect(job).toContainText('Done');
  await job.getByText('2 local entries are left out: not files, so a sync cannot send them.').click();
  await expect(job.getByRole('list', { name: 'Left out' }).getByRole('listitem')).toHaveCount(2);
  await keepScreens(page, testInfo, 'sync-job-left-out', job);
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
