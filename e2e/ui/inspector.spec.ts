/**
 * The inspector as a user works it, in serve mode with Chromium against
 * MinIO: read tags and metadata, add a tag and change the content type
 * through the diff dialog and find both after a reload, restore an old
 * version, copy a presigned link and fetch it. Every section is kept as a
 * screenshot, light and dark, wide and narrow.
 */
import {
  CreateBucketCommand,
  GetObjectLegalHoldCommand,
  GetObjectRetentionCommand,
  GetObjectTaggingCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { addConnection, open, rowNamed } from '../flows/first-slice';
import { startServeProcess, type ServeProcess } from '../flows/serve-process';
import { testServers } from '../flows/test-servers';
import type { TestServer } from '../servers/harness';
import { createBucket, headObject, objectBytes, sdkClient, uniqueBucket } from '../servers/s3-direct';

const SECTIONS = [
  'General',
  'HTTP headers',
  'User metadata',
  'Tags',
  'Checksums',
  'Encryption',
  'Object lock',
  'Access',
  'Versions',
  'Presigned link',
];
const VIEWPORTS = [
  { name: 'wide', width: 1400, height: 900 },
  { name: 'narrow', width: 900, height: 700 },
];

let serve: ServeProcess;
test.beforeAll(async () => {
  serve = await startServeProcess();
});
test.afterAll(async () => {
  await serve.stop();
});

async function seed(s: TestServer) {
  const bucket = uniqueBucket('inspector-ui');
  await createBucket(s, bucket);
  await sdkClient(s).send(new PutBucketVersioningCommand({ Bucket: bucket, VersioningConfiguration: { Status: 'Enabled' } }));
  for (const text of ['first draft\n', 'second draft\n', 'third and current draft\n']) {
    await sdkClient(s).send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: 'docs/report.txt',
        Body: text,
        ContentType: 'application/octet-stream',
        CacheControl: 'max-age=300',
        Metadata: { owner: 'ada', project: 'ferry' },
        Tagging: 'team=blue',
      }),
    );
  }
  return bucket;
}

async function selectObject(page: Page, s: TestServer, bucket: string): Promise<Locator> {
  const pane = page.getByRole('region', { name: 'Pane 1' });
  await pane.getByRole('combobox', { name: 'Location of Pane 1' }).selectOption({ label: s.label });
  await open(pane, bucket);
  await open(pane, 'docs/');
  await rowNamed(pane, 'report.txt').click();
  const inspector = page.getByRole('region', { name: 'Inspector' });
  await expect(inspector.getByRole('heading', { name: 'Versions' })).toBeVisible();
  return inspector;
}

/** On a narrow window the inspector is a drawer, closed until asked for: open it, as a user would, before looking at it. */
async function showInspector(page: Page) {
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const toggle = page.getByRole('button', { name: 'Inspector', exact: true });
  if ((await toggle.isVisible()) && (await toggle.getAttribute('aria-expanded')) === 'false') await toggle.click();
}

async function shootSections(page: Page, inspector: Locator, label: string) {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const vp of VIEWPORTS) {
      await page.setViewportSize({ width: vp.width, height: vp.height });
      await showInspector(page);
      for (const name of SECTIONS) {
        const section = inspector.getByRole('region', { name, exact: true });
        await section.scrollIntoViewIfNeeded();
        const path = test.info().outputPath(`inspector-${label}-${name.toLowerCase().replace(/ /g, '-')}-${scheme}-${vp.name}.png`);
        await section.screenshot({ path });
      }
      await page.screenshot({ path: test.info().outputPath(`inspector-${label}-page-${scheme}-${vp.name}.png`) });
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1400, height: 900 });
}

test('inspector: tags and metadata, edits through the diff dialog, restore a version, a presigned link', async ({ page, context }) => {
  const minio = testServers().find((s) => s.kind === 'minio');
  test.skip(!minio, 'MinIO is not installed here');
  const s = minio as TestServer;
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(serve.url).origin });
  const bucket = await seed(s);
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(serve.url);
  await addConnection(page, s);
  let inspector = await selectObject(page, s, bucket);

  // Reading: tags and metadata.
  await expect(inspector.getByRole('table', { name: 'Tags' }).getByRole('row', { name: /team/ })).toContainText('blue');
  await expect(inspector.getByRole('table', { name: 'User metadata' }).getByRole('row', { name: /owner/ })).toContainText('ada');
  await expect(inspector.getByRole('table', { name: 'Versions' }).getByRole('row')).toHaveCount(4);
  await shootSections(page, inspector, 'before');

  // Add a tag: Add tag, Key and Value, the diff, Apply.
  await inspector.getByRole('button', { name: 'Add tag' }).click();
  await inspector.getByRole('textbox', { name: 'Key' }).fill('stage');
  await inspector.getByRole('textbox', { name: 'Value' }).fill('final');
  await inspector.getByRole('button', { name: 'Review tag' }).click();
  const tagDiff = page.getByRole('dialog', { name: 'Review tag changes' });
  await expect(tagDiff.getByRole('table', { name: 'Changes' }).getByRole('row', { name: /Tag: stage/ })).toContainText('final');
  await tagDiff.screenshot({ path: test.info().outputPath('inspector-diff-tags-light.png') });
  await tagDiff.getByRole('button', { name: 'Apply' }).click();
  await expect(tagDiff).toBeHidden();
  await expect(inspector.getByRole('table', { name: 'Tags' }).getByRole('row', { name: /stage/ })).toContainText('final');

  // Change the content type: the form, the diff (old and new side by side, the new version named), Apply.
  await inspector.getByRole('button', { name: 'Edit headers and metadata' }).click();
  const form = page.getByRole('dialog', { name: 'Edit headers and metadata' });
  await form.getByRole('textbox', { name: 'Content-Type' }).fill('text/plain; charset=utf-8');
  await form.screenshot({ path: test.info().outputPath('inspector-edit-form-light.png') });
  await form.getByRole('button', { name: 'Review changes' }).click();
  const diff = page.getByRole('dialog', { name: 'Review changes' });
  const row = diff.getByRole('table', { name: 'Changes' }).getByRole('row', { name: /Content-Type/ });
  await expect(row.getByRole('cell').nth(0)).toHaveText('application/octet-stream');
  await expect(row.getByRole('cell').nth(1)).toHaveText('text/plain; charset=utf-8');
  await expect(diff).toContainText('new version');
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await diff.screenshot({ path: test.info().outputPath(`inspector-diff-content-type-${scheme}.png`) });
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await diff.getByRole('button', { name: 'Apply' }).click();
  await expect(diff).toBeHidden();

  // After a reload, both are there, and nothing else was lost.
  await page.reload();
  inspector = await selectObject(page, s, bucket);
  const properties = inspector.getByRole('table', { name: 'Properties' });
  await expect(properties.getByRole('row', { name: /Content type/ })).toContainText('text/plain; charset=utf-8');
  const tags = inspector.getByRole('table', { name: 'Tags' });
  await expect(tags.getByRole('row', { name: /stage/ })).toContainText('final');
  await expect(tags.getByRole('row', { name: /team/ })).toContainText('blue');
  await expect(inspector.getByRole('table', { name: 'User metadata' }).getByRole('row', { name: /project/ })).toContainText('ferry');
  const head = await headObject(s, bucket, 'docs/report.txt');
  expect(head.ContentType).toBe('text/plain; charset=utf-8');
  expect(head.CacheControl).toBe('max-age=300');
  expect(head.Metadata).toEqual({ owner: 'ada', project: 'ferry' });

  // Restore the oldest version: its bytes become current.
  const versions = inspector.getByRole('table', { name: 'Versions' });
  await expect(versions.getByRole('row')).toHaveCount(5);
  await versions
    .getByRole('row')
    .last()
    .getByRole('button', { name: /^Restore version of / })
    .click();
  const confirm = page.getByRole('dialog', { name: 'Restore this version?' });
  await confirm.getByRole('button', { name: 'Restore' }).click();
  await expect(confirm).toBeHidden();
  await expect(versions.getByRole('row')).toHaveCount(6);
  expect((await objectBytes(s, bucket, 'docs/report.txt')).toString()).toBe('first draft\n');

  // A presigned link, copied to the clipboard, fetched by anyone.
  const presign = inspector.getByRole('region', { name: 'Presigned link' });
  await presign.getByRole('combobox', { name: 'Expires in' }).selectOption({ label: '15 minutes' });
  await presign.getByRole('button', { name: 'Copy presigned link' }).click();
  const shown = await presign.getByRole('textbox', { name: 'Presigned link' }).inputValue();
  expect(shown).toContain('X-Amz-Expires=900');
  await expect(presign).toContainText('GET link, expires');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(shown);
  const res = await fetch(shown);
  expect(res.status).toBe(200);
  expect(await res.text()).toBe('first draft\n');

  await shootSections(page, inspector, 'after');
  expect(pageErrors).toEqual([]);
});

test('inspector on versitygw: sections the server lacks say so', async ({ page }) => {
  const vgw = testServers().find((s) => s.kind === 'versitygw');
  test.skip(!vgw, 'versitygw is not installed here');
  const s = vgw as TestServer;
  const bucket = uniqueBucket('inspector-vgw');
  await createBucket(s, bucket);
  await sdkClient(s).send(new PutObjectCommand({ Bucket: bucket, Key: 'docs/report.txt', Body: 'x', Metadata: { owner: 'ada' } }));
  await page.goto(serve.url);
  await addConnection(page, s);
  const inspector = await selectObject(page, s, bucket);
  await expect(inspector.getByRole('region', { name: 'Versions' })).toContainText('versioning is off');
  await expect(inspector.getByRole('region', { name: 'Object lock' })).toContainText('does not have object lock enabled');
  await expect(inspector.getByRole('region', { name: 'Access' })).toContainText('Not supported by this provider');
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const name of ['Object lock', 'Access', 'Versions']) {
      const section = inspector.getByRole('region', { name, exact: true });
      await section.scrollIntoViewIfNeeded();
      await section.screenshot({
        path: test.info().outputPath(`inspector-versitygw-${name.toLowerCase().replace(/ /g, '-')}-${scheme}.png`),
      });
    }
  }
});

test('inspector: several objects selected show totals, shared and mixed values, and take a tag together', async ({ page }) => {
  const minio = testServers().find((x) => x.kind === 'minio');
  test.skip(!minio, 'MinIO is not installed here');
  const s = minio as TestServer;
  const bucket = uniqueBucket('inspector-many');
  await createBucket(s, bucket);
  const put = (key: string, body: string, type: string) =>
    sdkClient(s).send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: type, Metadata: { owner: 'ada' } }));
  await put('docs/report.txt', 'four', 'text/plain');
  await put('docs/table.csv', 'sixsix', 'text/csv');
  await page.goto(serve.url);
  await addConnection(page, s);
  const pane = page.getByRole('region', { name: 'Pane 1' });
  await pane.getByRole('combobox', { name: 'Location of Pane 1' }).selectOption({ label: s.label });
  await open(pane, bucket);
  await open(pane, 'docs/');
  await rowNamed(pane, 'report.txt').click();
  await rowNamed(pane, 'table.csv').click({ modifiers: ['ControlOrMeta'] });
  const inspector = page.getByRole('region', { name: 'Inspector' });
  const selection = inspector.getByRole('table', { name: 'Selection' });
  await expect(selection.getByRole('row', { name: /Objects/ })).toContainText('2');
  await expect(selection.getByRole('row', { name: /Total size/ })).toContainText('10 bytes');
  await expect(selection.getByRole('row', { name: /Content type/ })).toContainText('Mixed');
  await expect(inspector.getByRole('table', { name: 'Shared user metadata' }).getByRole('row', { name: /owner/ })).toContainText('ada');

  await inspector.getByRole('button', { name: 'Add tag' }).click();
  await inspector.getByRole('textbox', { name: 'Key' }).fill('batch');
  await inspector.getByRole('textbox', { name: 'Value' }).fill('7');
  await inspector.getByRole('button', { name: 'Review tag' }).click();
  const diff = page.getByRole('dialog', { name: 'Review tag changes' });
  await expect(diff).toContainText('each of the 2 objects');
  await expect(diff).toContainText('Runs as a job in Transfers');
  await diff.getByRole('button', { name: 'Apply' }).click();
  // The dialog closes as the job starts; the job runs in Transfers.
  await expect(diff).toBeHidden();
  const transfers = page.getByRole('region', { name: 'Transfers' });
  const tagJob = transfers.getByRole('listitem', { name: `Edit tags of 2 objects in ${bucket}` });
  await expect(tagJob).toContainText('Done');
  await expect(tagJob).toContainText('2 of 2 objects');
  for (const key of ['docs/report.txt', 'docs/table.csv']) {
    const out = await sdkClient(s).send(new GetObjectTaggingCommand({ Bucket: bucket, Key: key }));
    expect(out.TagSet, key).toEqual([{ Key: 'batch', Value: '7' }]);
  }

  // One content type for both: the diff shows the old value as Mixed.
  await inspector.getByRole('button', { name: 'Edit headers and metadata' }).click();
  const form = page.getByRole('dialog', { name: 'Edit every selected object' });
  await form.getByRole('textbox', { name: 'Content-Type' }).fill('text/markdown');
  await form.getByRole('button', { name: 'Review changes' }).click();
  const typeDiff = page.getByRole('dialog', { name: 'Review changes' });
  const row = typeDiff.getByRole('table', { name: 'Changes' }).getByRole('row', { name: /Content-Type/ });
  await expect(row.getByRole('cell').nth(0)).toHaveText('Mixed');
  await expect(row.getByRole('cell').nth(1)).toHaveText('text/markdown');
  await typeDiff.screenshot({ path: test.info().outputPath('inspector-selection-diff-light.png') });
  await typeDiff.getByRole('button', { name: 'Apply' }).click();
  await expect(typeDiff).toBeHidden();
  const typeJob = transfers.getByRole('listitem', { name: `Edit Content-Type of 2 objects in ${bucket}` });
  await expect(typeJob).toContainText('Done');
  // The job's end refreshes the summary.
  await expect(selection.getByRole('row', { name: /Content type/ })).toContainText('text/markdown');
  for (const key of ['docs/report.txt', 'docs/table.csv']) {
    const head = await headObject(s, bucket, key);
    expect(head.ContentType, key).toBe('text/markdown');
    expect(head.Metadata, key).toEqual({ owner: 'ada' });
  }
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const vp of VIEWPORTS) {
      await page.setViewportSize({ width: vp.width, height: vp.height });
      await showInspector(page);
      await inspector.screenshot({ path: test.info().outputPath(`inspector-selection-${scheme}-${vp.name}.png`) });
      await transfers.screenshot({ path: test.info().outputPath(`inspector-edit-jobs-${scheme}-${vp.name}.png`) });
    }
  }
});

test('inspector: legal hold and retention changed through the diff dialog', async ({ page }) => {
  const minio = testServers().find((x) => x.kind === 'minio');
  test.skip(!minio, 'MinIO is not installed here');
  const s = minio as TestServer;
  const bucket = uniqueBucket('inspector-lock');
  await sdkClient(s).send(new CreateBucketCommand({ Bucket: bucket, ObjectLockEnabledForBucket: true }));
  const until = new Date(Date.now() + 2 * 24 * 3600 * 1000);
  await sdkClient(s).send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: 'docs/report.txt',
      Body: 'kept',
      ObjectLockMode: 'GOVERNANCE',
      ObjectLockRetainUntilDate: until,
    }),
  );
  await page.goto(serve.url);
  await addConnection(page, s);
  const inspector = await selectObject(page, s, bucket);
  const lock = inspector.getByRole('region', { name: 'Object lock' });
  await expect(lock.getByRole('table', { name: 'Object lock' }).getByRole('row', { name: /Legal hold/ })).toContainText('Off');

  await lock.getByRole('button', { name: 'Place legal hold' }).click();
  const holdDiff = page.getByRole('dialog', { name: 'Review object lock changes' });
  await expect(holdDiff.getByRole('row', { name: /Legal hold/ })).toContainText('On');
  await holdDiff.getByRole('button', { name: 'Apply' }).click();
  await expect(holdDiff).toBeHidden();
  await expect(lock.getByRole('table', { name: 'Object lock' }).getByRole('row', { name: /Legal hold/ })).toContainText('On');
  const hold = await sdkClient(s).send(new GetObjectLegalHoldCommand({ Bucket: bucket, Key: 'docs/report.txt' }));
  expect(hold.LegalHold?.Status).toBe('ON');

  // Extend retention by a week (local time in the field, as the user sees it).
  await lock.getByRole('button', { name: 'Change retention' }).click();
  const later = new Date(until.getTime() + 7 * 24 * 3600 * 1000);
  const local = new Date(later.getTime() - later.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
  await lock.getByLabel('Retain until').fill(local);
  await lock.getByRole('button', { name: 'Review retention' }).click();
  const retDiff = page.getByRole('dialog', { name: 'Review object lock changes' });
  await expect(retDiff.getByRole('row', { name: /Retention/ })).toContainText('GOVERNANCE until');
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await retDiff.screenshot({ path: test.info().outputPath(`inspector-diff-retention-${scheme}.png`) });
  }
  await retDiff.getByRole('button', { name: 'Apply' }).click();
  await expect(retDiff).toBeHidden();
  const retention = await sdkClient(s).send(new GetObjectRetentionCommand({ Bucket: bucket, Key: 'docs/report.txt' }));
  expect(Math.abs((retention.Retention?.RetainUntilDate?.getTime() ?? 0) - later.getTime())).toBeLessThan(60_000);
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await lock.scrollIntoViewIfNeeded();
    await lock.screenshot({ path: test.info().outputPath(`inspector-lock-${scheme}.png`) });
  }
});
