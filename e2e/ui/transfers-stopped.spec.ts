// A copy dropped on a bucket that no longer exists (deleted elsewhere while its pane still showed it): the job
// stops at the first answer with one error naming the bucket, no item is marked failed, and once the bucket
// exists again Retry sends every object.
import { expect, test } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { DeleteBucketCommand } from '@aws-sdk/client-s3';
import { addConnection, objectsTable, rowNamed, sideBySide } from '../flows/first-slice';
import { keepScreens } from '../flows/screens';
import { startServeProcess, type ServeProcess } from '../flows/serve-process';
import { twoDifferentServers } from '../flows/test-servers';
import { createBucket, objectBytes, putObject, sdkClient, sha256, uniqueBucket } from '../servers/s3-direct';

let serve: ServeProcess;

test.beforeAll(async () => {
  serve = await startServeProcess();
});

test.afterAll(async () => {
  await serve.stop();
});

test('a drop on a bucket deleted elsewhere stops with one error, and Retry copies everything once it exists', async ({
  page,
}, testInfo) => {
  const [a, b] = twoDifferentServers();
  const source = uniqueBucket('field');
  const target = uniqueBucket('gone');
  await createBucket(a, source);
  await createBucket(b, target);
  const files = new Map<string, Buffer>();
  for (let i = 1; i <= 12; i++) files.set(`survey/plot ${i}.csv`, randomBytes(2000 + i));
  for (const [key, bytes] of files) await putObject(a, source, key, bytes);

  await page.goto(serve.url);
  await addConnection(page, a);
  await addConnection(page, b);
  const [pane1, pane2] = await sideBySide(page, { server: a, bucket: source }, { server: b, bucket: target });

  // Someone else deletes the bucket; the pane still shows it.
  await sdkClient(b).send(new DeleteBucketCommand({ Bucket: target }));
  await rowNamed(pane1, 'survey/').dragTo(objectsTable(pane2));

  const transfers = page.getByRole('region', { name: 'Transfers' });
  const job = transfers.getByRole('listitem', { name: /^Copy survey\// });
  await expect(job).toContainText('Failed', { timeout: 30_000 });
  await expect(job.getByRole('alert')).toHaveText(
    `The bucket "${target}" does not exist: nothing more was sent to it. Create the bucket (or correct its name) and run the transfer again.`,
  );
  // No item is counted failed: they wait, and the job offers Retry (not "Retry failed").
  await expect(job).not.toContainText('failed)');
  await expect(job.getByRole('button', { name: /^Retry failed / })).toHaveCount(0);
  // The destination pane, refreshed when the job ended, says the same in its own words and shows no stale rows.
  await expect(pane2.getByRole('alert')).toHaveText(
    `The bucket "${target}" does not exist: it may have been deleted, or its name is mistyped.`,
  );
  await expect(pane2.getByText('Empty.')).toHaveCount(0);
  await expect(pane2.getByRole('button', { name: `Show the buckets of ${b.label}` })).toBeVisible();
  await keepScreens(page, testInfo, 'transfer-stopped-missing-bucket', job);

  await createBucket(b, target);
  await job.getByRole('button', { name: /^Retry Copy survey\// }).click();
  await expect(job).toContainText('Done', { timeout: 30_000 });
  await expect(job).toContainText(`${files.size} of ${files.size} items`);
  await expect(job.getByRole('alert')).toHaveCount(0);
  for (const [key, bytes] of files) expect(sha256(await objectBytes(b, target, key)), key).toBe(sha256(bytes));
  // The pane, refreshed at the job's end, finds its bucket again.
  await expect(rowNamed(pane2, 'survey/')).toBeVisible();
  await expect(pane2.getByRole('alert')).toHaveCount(0);
  await keepScreens(page, testInfo, 'transfer-stopped-retried', job);
});
