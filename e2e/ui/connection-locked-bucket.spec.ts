// Test connection on a bucket that locks what is written to it (Object Lock
// with a default retention): the two steps that would write a test object
// are skipped, each saying why, and nothing is left in the bucket.
import { CreateBucketCommand, DeleteBucketCommand, ListObjectVersionsCommand, PutObjectLockConfigurationCommand } from '@aws-sdk/client-s3';
import { expect, test } from '@playwright/test';
import { fillConnectionDialog } from '../flows/first-slice';
import { keepScreens } from '../flows/screens';
import { startServeProcess, type ServeProcess } from '../flows/serve-process';
import { testServers } from '../flows/test-servers';
import { sdkClient, uniqueBucket } from '../servers/s3-direct';

let serve: ServeProcess;
test.beforeAll(async () => {
  serve = await startServeProcess();
});
test.afterAll(async () => {
  expect(await serve.stop()).toBe(0);
});

test('Test connection on a locked bucket skips the steps that would write, and says why', async ({ page }, testInfo) => {
  const s = testServers().find((x) => x.kind === 'minio');
  if (!s) throw new Error('MinIO is needed for this test');
  // Other specs' Test connection probes the first bucket listed: this one sorts last, and goes when the test ends.
  const bucket = uniqueBucket('zz-locked-ui');
  const client = sdkClient(s);
  await client.send(new CreateBucketCommand({ Bucket: bucket, ObjectLockEnabledForBucket: true }));
  await client.send(
    new PutObjectLockConfigurationCommand({
      Bucket: bucket,
      ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled', Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 1 } } },
    }),
  );

  try {
    await page.setViewportSize({ width: 1400, height: 900 });
    await page.goto(serve.url);
    const dialog = await fillConnectionDialog(page, s, 'Archive');
    await dialog.getByText('More options').click();
    await dialog.getByLabel('Bucket (when these keys may not list buckets)').fill(bucket);
    await dialog.getByRole('button', { name: 'Test connection' }).click();

    const result = dialog.getByRole('status', { name: 'Connection test' });
    await expect(result).toContainText('Connected. Every step that ran passed; 2 were skipped, each saying why below.');
    const lock = `bucket ${bucket} keeps every object written to it for 1 day (Object Lock, compliance mode), so Ferry writes no test object there`;
    await expect(result).toContainText(`Checksum headers: skipped (${lock})`);
    await expect(result).toContainText(`Conditional writes: skipped (${lock}; skip and ask uploads look first)`);
    await keepScreens(page, testInfo, 'connection-locked-bucket', result);

    const left = await client.send(new ListObjectVersionsCommand({ Bucket: bucket }));
    expect([...(left.Versions ?? []), ...(left.DeleteMarkers ?? [])]).toEqual([]);
  } finally {
    // Empty, so it can go (a probe object in it could not, for a day).
    await client.send(new DeleteBucketCommand({ Bucket: bucket }));
  }
});
