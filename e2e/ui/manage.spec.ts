// Managing a bucket through the window, by role and name only: create a
// bucket (a bad name refused beside the field first), make a folder, upload
// into it, rename it (a move job), delete it after the confirmation, preview
// a JPEG, a JSON, a CSV and an SVG whose script must not run, and delete the
// bucket after typing its name. Every dialog and the preview panel are kept
// as screenshots, light and dark, wide and narrow.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { addConnection, objectsTable, open, rowNamed } from '../flows/first-slice';
import { startServeProcess, type ServeProcess } from '../flows/serve-process';
import { testServers } from '../flows/test-servers';
import { objectBytes, putObject, sdkClient, uniqueBucket } from '../servers/s3-direct';
import { HeadBucketCommand, ListObjectsV2Command, ListObjectVersionsCommand } from '@aws-sdk/client-s3';

let serve: ServeProcess;

test.beforeAll(async () => {
  serve = await startServeProcess();
});

test.afterAll(async () => {
  await serve.stop();
});

const SIZES = [
  { width: 1400, height: 900 },
  { width: 900, height: 700 },
] as const;

/** Light and dark, wide and narrow, kept under test-results/ for a person to look at; and axe finds nothing in either scheme. */
async function shoot(page: Page, name: string, scope: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    const found = await new AxeBuilder({ page }).include(scope).analyze();
    expect(found.violations.map((v) => `${scheme}: ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  }
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const size of SIZES) {
      await page.setViewportSize(size);
      const file = test.info().outputPath(`${name}-${scheme}-${size.width}x${size.height}.png`);
      await page.screenshot({ path: file });
      await test.info().attach(`${name} ${scheme} ${size.width}x${size.height}`, { path: file, contentType: 'image/png' });
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize(SIZES[0]);
}

async function dropFiles(page: Page, target: ReturnType<typeof objectsTable>, files: { name: string; text: string }[]) {
  const dataTransfer = await page.evaluateHandle((list) => {
    const dt = new DataTransfer();
    for (const f of list) dt.items.add(new File([f.text], f.name, { type: 'text/plain' }));
    return dt;
  }, files);
  await target.dispatchEvent('dragover', { dataTransfer });
  await target.dispatchEvent('drop', { dataTransfer });
}

test('create a bucket, make a folder, upload, rename, delete, preview, delete the bucket', async ({ page }) => {
  const server = testServers().find((s) => s.kind === 'minio') ?? testServers()[0];
  if (!server) throw new Error('no S3 server is running');
  const bucket = uniqueBucket('ui');
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.setViewportSize(SIZES[0]);
  await page.goto(serve.url);
  await addConnection(page, server);
  const pane = page.getByRole('region', { name: 'Pane 1' });
  await pane.getByRole('combobox', { name: 'Location of Pane 1' }).selectOption({ label: server.label });

  // New bucket: a bad name is refused beside the field, with the rule it breaks.
  await pane.getByRole('button', { name: 'New bucket' }).click();
  const newBucket = page.getByRole('dialog', { name: /^New bucket on / });
  await newBucket.getByRole('textbox', { name: 'Bucket name' }).fill('Bad_Name');
  await newBucket.getByRole('button', { name: 'Create' }).click();
  await expect(newBucket.getByRole('alert')).toContainText('lowercase');
  await shoot(page, 'new-bucket-dialog', '.manage-dialog');
  await newBucket.getByRole('textbox', { name: 'Bucket name' }).fill(bucket);
  await newBucket.getByRole('button', { name: 'Create' }).click();
  await expect(newBucket).toBeHidden();
  await expect(rowNamed(pane, bucket)).toBeVisible();
  await sdkClient(server).send(new HeadBucketCommand({ Bucket: bucket }));
  await open(pane, bucket);

  // New folder, then upload into it.
  await pane.getByRole('button', { name: 'New folder' }).click();
  const newFolder = page.getByRole('dialog', { name: 'New folder' });
  await newFolder.getByRole('textbox', { name: 'Folder name' }).fill('reports');
  await shoot(page, 'new-folder-dialog', '.manage-dialog');
  await newFolder.getByRole('button', { name: 'Create' }).click();
  await expect(newFolder).toBeHidden();
  await open(pane, 'reports/');
  await dropFiles(page, objectsTable(pane), [
    { name: 'q1.txt', text: 'first quarter\n' },
    { name: 'q2.txt', text: 'second quarter\n' },
  ]);
  const transfers = page.getByRole('region', { name: 'Transfers' });
  await expect(transfers.getByRole('listitem', { name: /^Copy q1\.txt/ })).toContainText('Done');
  await expect(rowNamed(pane, 'q2.txt')).toBeVisible();

  // Rename the folder with F2: a move job, then the listing shows the new name only.
  await pane.getByRole('button', { name: 'Up one level in Pane 1' }).click();
  await rowNamed(pane, 'reports/').click();
  await page.keyboard.press('F2');
  const rename = page.getByRole('dialog', { name: 'Rename reports' });
  await expect(rename.getByRole('textbox', { name: 'Name' })).toHaveValue('reports');
  await rename.getByRole('textbox', { name: 'Name' }).fill('reports 2026');
  await shoot(page, 'rename-dialog', '.manage-dialog');
  await rename.getByRole('button', { name: 'Rename' }).click();
  await expect(rename).toBeHidden();
  await expect(transfers.getByRole('listitem', { name: 'Move reports/ → reports 2026/' })).toContainText('Done');
  await expect(rowNamed(pane, 'reports 2026/')).toBeVisible();
  await expect(rowNamed(pane, 'reports/')).toHaveCount(0);
  expect((await objectBytes(server, bucket, 'reports 2026/q1.txt')).toString()).toBe('first quarter\n');

  // Delete it with the Delete key, after a confirmation that says what goes.
  await rowNamed(pane, 'reports 2026/').click();
  await page.keyboard.press('Delete');
  const confirm = page.getByRole('alertdialog', { name: 'Delete reports 2026/' });
  await expect(confirm).toContainText(/Delete 1 folder \(3 objects, \d+ bytes\)\?/);
  await shoot(page, 'delete-confirm', '.manage-dialog');
  await confirm.getByRole('button', { name: /^Delete/ }).click();
  await expect(confirm).toBeHidden();
  await expect(rowNamed(pane, 'reports 2026/')).toHaveCount(0);
  const left = await sdkClient(server).send(new ListObjectsV2Command({ Bucket: bucket }));
  expect(left.KeyCount ?? 0).toBe(0);

  // Previews: a JPEG drawn by the browser itself, JSON, CSV, and an SVG carrying a script.
  const jpeg = await page.evaluate(() => {
    const canvas = document.createElement('canvas');
    canvas.width = 320;
    canvas.height = 200;
    const g = canvas.getContext('2d');
    if (!g) throw new Error('no 2d context');
    const grad = g.createLinearGradient(0, 0, 320, 200);
    grad.addColorStop(0, '#1e6fd9');
    grad.addColorStop(1, '#f2b134');
    g.fillStyle = grad;
    g.fillRect(0, 0, 320, 200);
    return canvas.toDataURL('image/jpeg', 0.9).split(',')[1] ?? '';
  });
  await putObject(server, bucket, 'beach.jpg', Buffer.from(jpeg, 'base64'), { ContentType: 'image/jpeg' });
  await putObject(server, bucket, 'config.json', Buffer.from('{"name":"ferry","ports":[80,443],"nested":{"on":true,"ratio":0.5}}'));
  await putObject(
    server,
    bucket,
    'table.csv',
    Buffer.from('city,country,people\nLisbon,Portugal,545923\n"Porto, old town",Portugal,231800\n'),
  );
  const svg =
    '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="60"><script>window.top.ferryPwned = 1; alert("svg ran")</script><rect width="120" height="60" fill="#2a9d8f"/></svg>';
  await putObject(server, bucket, 'badge.svg', Buffer.from(svg), { ContentType: 'image/svg+xml' });
  await pane.getByRole('button', { name: 'Refresh Pane 1' }).click();

  await rowNamed(pane, 'beach.jpg').click();
  await page.keyboard.press(' ');
  const preview = pane.getByRole('region', { name: 'Preview' });
  const image = preview.getByRole('img', { name: 'beach.jpg' });
  await expect(image).toBeVisible();
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(320);
  await expect(preview).toContainText('image/jpeg');
  await shoot(page, 'preview-jpeg', '.preview-panel');

  await rowNamed(pane, 'config.json').click();
  const json = preview.getByRole('group', { name: 'JSON' });
  await expect(json).toContainText('"ferry"');
  await expect(json).toContainText('"ratio": ');
  await shoot(page, 'preview-json', '.preview-panel');

  await rowNamed(pane, 'table.csv').click();
  const table = preview.getByRole('table', { name: 'Rows of table.csv' });
  await expect(table.getByRole('columnheader', { name: 'country' })).toBeVisible();
  await expect(table.getByRole('cell', { name: 'Porto, old town' })).toBeVisible();
  await shoot(page, 'preview-csv', '.preview-panel');

  await rowNamed(pane, 'badge.svg').click();
  const badge = preview.getByRole('img', { name: 'badge.svg' });
  await expect.poll(() => badge.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(120);
  expect(await page.evaluate(() => (window as unknown as { ferryPwned?: number }).ferryPwned)).toBeUndefined();
  expect(dialogs).toEqual([]);

  // With nothing selected, the folder's images as thumbnails.
  await rowNamed(pane, 'badge.svg').click({ modifiers: ['Control'] });
  const gallery = preview.getByRole('list', { name: 'Images in this folder' });
  const thumb = gallery.getByRole('img', { name: 'beach.jpg' });
  await expect.poll(() => thumb.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(320);
  await expect(gallery.getByRole('img', { name: 'badge.svg' })).toBeVisible();
  await shoot(page, 'preview-gallery', '.preview-panel');
  expect(await page.evaluate(() => (window as unknown as { ferryPwned?: number }).ferryPwned)).toBeUndefined();

  // Space again closes the preview.
  await page.keyboard.press(' ');
  await expect(preview).toBeHidden();

  // The bucket is not empty: deleting it says what it holds, and needs its name typed.
  await pane.getByRole('button', { name: 'Up one level in Pane 1' }).click();
  await rowNamed(pane, bucket).click();
  await page.keyboard.press('Delete');
  const dropBucket = page.getByRole('alertdialog', { name: `Delete bucket ${bucket}` });
  await dropBucket.getByRole('button', { name: 'Delete bucket' }).click();
  await expect(dropBucket).toContainText('is not empty: it holds 4 objects');
  const confirmName = dropBucket.getByRole('textbox', { name: /Type the bucket name/ });
  await confirmName.fill(bucket);
  await shoot(page, 'delete-bucket-confirm', '.manage-dialog');
  await dropBucket.getByRole('button', { name: /^Delete all objects and the bucket/ }).click();
  await expect(dropBucket).toBeHidden();
  await expect(rowNamed(pane, bucket)).toHaveCount(0);
  await expect(sdkClient(server).send(new HeadBucketCommand({ Bucket: bucket }))).rejects.toThrow();
  expect(pageErrors).toEqual([]);
});

test('a versioned bucket: delete adds markers, "Delete permanently" needs the bucket name', async ({ page }) => {
  const server = testServers().find((s) => s.kind === 'minio');
  test.skip(!server, 'versioning needs MinIO');
  if (!server) return;
  const bucket = uniqueBucket('uiver');
  await page.setViewportSize(SIZES[0]);
  await page.goto(serve.url);
  await addConnection(page, server);
  const pane = page.getByRole('region', { name: 'Pane 2' });
  await pane.getByRole('combobox', { name: 'Location of Pane 2' }).selectOption({ label: server.label });
  await pane.getByRole('button', { name: 'New bucket' }).click();
  const newBucket = page.getByRole('dialog', { name: /^New bucket on / });
  await newBucket.getByRole('textbox', { name: 'Bucket name' }).fill(bucket);
  await newBucket.getByRole('checkbox', { name: 'Keep versions of every object' }).check();
  await newBucket.getByRole('button', { name: 'Create' }).click();
  await expect(newBucket).toBeHidden();
  for (const text of ['one', 'two']) await putObject(server, bucket, 'notes.txt', Buffer.from(text));
  await open(pane, bucket);

  await rowNamed(pane, 'notes.txt').click();
  await pane.getByRole('button', { name: 'Delete', exact: true }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Delete notes.txt' });
  await expect(confirm).toContainText('delete markers are added and nothing is destroyed');
  await confirm.getByRole('button', { name: 'Delete (add delete markers)' }).click();
  await expect(confirm).toBeHidden();
  await expect(rowNamed(pane, 'notes.txt')).toHaveCount(0);
  const versions = async () => {
    const out = await sdkClient(server).send(new ListObjectVersionsCommand({ Bucket: bucket }));
    return { versions: out.Versions?.length ?? 0, markers: out.DeleteMarkers?.length ?? 0 };
  };
  expect(await versions()).toEqual({ versions: 2, markers: 1 });

  // The marker hides it; a permanent delete of what is left goes through the bucket's own folder view.
  await putObject(server, bucket, 'notes.txt', Buffer.from('three'));
  await pane.getByRole('button', { name: 'Refresh Pane 2' }).click();
  await rowNamed(pane, 'notes.txt').click();
  await page.keyboard.press('Delete');
  const again = page.getByRole('alertdialog', { name: 'Delete notes.txt' });
  const forever = again.getByRole('button', { name: 'Delete permanently' });
  await expect(forever).toBeDisabled();
  await again.getByRole('textbox', { name: /Type the bucket name/ }).fill(bucket);
  await shoot(page, 'delete-permanently', '.manage-dialog');
  await forever.click();
  await expect(again).toBeHidden();
  expect(await versions()).toEqual({ versions: 0, markers: 0 });
});
