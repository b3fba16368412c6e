// The first slice as a user does it, shared by the serve-mode and Electron
// specs: add two connections to two different servers, browse to an object,
// read its metadata in the inspector, drag it into a prefix of the other
// pane, and find it there with the same size.
import { expect, type Page, type TestInfo } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import type { TestServer } from '../servers/harness';
import { createBucket, headObject, objectBytes, putObject, sha256, uniqueBucket } from '../servers/s3-direct';

export interface SliceData {
  a: TestServer;
  b: TestServer;
  sourceBucket: string;
  targetBucket: string;
  bytes: Buffer;
}

export async function seedSlice(a: TestServer, b: TestServer): Promise<SliceData> {
  const sourceBucket = uniqueBucket('photos');
  const targetBucket = uniqueBucket('archive');
  const bytes = randomBytes(3 * 1024 * 1024 + 17);
  await createBucket(a, sourceBucket);
  await createBucket(b, targetBucket);
  await putObject(a, sourceBucket, 'trips/2024/beach day.jpg', bytes, {
    ContentType: 'image/jpeg',
    Metadata: { camera: 'x100v', trip: 'lisbon' },
  });
  await putObject(a, sourceBucket, 'trips/2024/notes.txt', Buffer.from('sunny\n'), { ContentType: 'text/plain' });
  await putObject(b, targetBucket, 'incoming/', Buffer.alloc(0));
  return { a, b, sourceBucket, targetBucket, bytes };
}

/** Picks a provider the way a user does: type part of its name into the "Provider" combobox, choose the option. */
export async function chooseProvider(dialog: ReturnType<Page['getByRole']>, typed: string, option: string): Promise<void> {
  const picker = dialog.getByRole('combobox', { name: 'Provider' });
  await picker.fill(typed);
  await dialog.getByRole('option', { name: option, exact: true }).click();
  await expect(picker).toHaveValue(option);
}

export async function addConnection(page: Page, s: TestServer): Promise<void> {
  const dialog = await fillConnectionDialog(page, s);
  await dialog.getByRole('button', { name: 'Save connection' }).click();
  await expect(dialog).toBeHidden();
}

/** The Add connection dialog, open and filled in for `s` (named `name`), not saved yet. */
export async function fillConnectionDialog(page: Page, s: TestServer, name = s.label) {
  await page.getByRole('button', { name: 'Add connection' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Add connection' });
  await expect(dialog).toBeVisible();
  // MinIO through its own preset; the other servers as "Other S3-compatible".
  if (s.kind === 'minio') await chooseProvider(dialog, 'min', 'MinIO');
  else await chooseProvider(dialog, 'other', 'Other S3-compatible');
  await dialog.getByLabel('Name', { exact: true }).fill(name);
  await dialog.getByLabel('Endpoint URL').fill(s.endpoint);
  await dialog.getByLabel('Region').fill(s.region);
  await dialog.getByLabel('Access key ID').fill(s.accessKeyId);
  await dialog.getByLabel('Secret access key').fill(s.secretAccessKey);
  await expect(dialog.getByLabel(/Path-style/)).toBeChecked();
  return dialog;
}

type Scope = ReturnType<Page['getByRole']>;

/** A pane's listing: a grid, since its rows can be selected. */
export function objectsTable(pane: Scope) {
  return pane.getByRole('grid', { name: 'Objects' });
}

export function rowNamed(pane: Scope, name: string) {
  return objectsTable(pane)
    .getByRole('row')
    .filter({ has: pane.page().getByRole('gridcell', { name, exact: true }) });
}

export async function open(pane: ReturnType<Page['getByRole']>, name: string): Promise<void> {
  await rowNamed(pane, name).dblclick();
  await expect(pane.getByRole('navigation').getByText(name.replace(/\/$/, ''), { exact: true })).toBeVisible();
}

/** Pane `n` on `side`'s bucket: its connection chosen by label, then the bucket opened. */
export async function bucketInPane(page: Page, n: number, side: { server: TestServer; bucket: string }): Promise<Scope> {
  const pane = page.getByRole('region', { name: `Pane ${n}` });
  await pane.getByRole('combobox', { name: `Location of Pane ${n}` }).selectOption({ label: side.server.label });
  await open(pane, side.bucket);
  return pane;
}

/** Pane `n` on a folder of the machine the core runs on, typed into its address bar. */
export async function folderInPane(page: Page, n: number, folder: string): Promise<Scope> {
  const pane = page.getByRole('region', { name: `Pane ${n}` });
  const address = pane.getByRole('textbox', { name: 'Address' });
  await address.fill(folder);
  await address.press('Enter');
  return pane;
}

/** Pane 1 on `left`'s bucket and Pane 2 on `right`'s: two clouds side by side. */
export async function sideBySide(
  page: Page,
  left: { server: TestServer; bucket: string },
  right: { server: TestServer; bucket: string },
): Promise<[Scope, Scope]> {
  return [await bucketInPane(page, 1, left), await bucketInPane(page, 2, right)];
}

export async function runFirstSlice(page: Page, data: SliceData, testInfo: TestInfo): Promise<void> {
  const { a, b, sourceBucket, targetBucket, bytes } = data;
  await addConnection(page, a);
  await addConnection(page, b);
  await expect(page.getByText('2 connections')).toBeVisible();

  const pane1 = page.getByRole('region', { name: 'Pane 1' });
  const pane2 = page.getByRole('region', { name: 'Pane 2' });

  await pane1.getByRole('combobox', { name: 'Location of Pane 1' }).selectOption({ label: a.label });
  await open(pane1, sourceBucket);
  await open(pane1, 'trips/');
  await open(pane1, '2024/');
  const sourceRow = rowNamed(pane1, 'beach day.jpg');
  await sourceRow.click();
  await expect(sourceRow).toHaveAttribute('aria-selected', 'true');

  const inspector = page.getByRole('region', { name: 'Inspector' });
  const properties = inspector.getByRole('table', { name: 'Properties' });
  await expect(properties.getByRole('row', { name: /Content type/ })).toContainText('image/jpeg');
  await expect(properties.getByRole('row', { name: /Size/ })).toContainText(`${bytes.length.toLocaleString('en-US')} bytes`);
  const metadata = inspector.getByRole('table', { name: 'User metadata' });
  await expect(metadata.getByRole('row', { name: /camera/ })).toContainText('x100v');
  await expect(metadata.getByRole('row', { name: /trip/ })).toContainText('lisbon');
  await expect(inspector.getByRole('table', { name: 'Response headers' }).getByRole('row', { name: /etag/i })).toBeVisible();
  const sourceSize = (await sourceRow.getByRole('gridcell').nth(1).textContent()) ?? '';

  await pane2.getByRole('combobox', { name: 'Location of Pane 2' }).selectOption({ label: b.label });
  await open(pane2, targetBucket);
  await open(pane2, 'incoming/');
  await expect(pane2.getByText('Empty.')).toBeVisible();

  await sourceRow.dragTo(objectsTable(pane2));

  const transfers = page.getByRole('region', { name: 'Transfers' });
  const job = transfers.getByRole('listitem', { name: /^Copy beach day\.jpg → / });
  await expect(job.getByRole('progressbar', { name: /^Progress of Copy beach day\.jpg/ })).toBeVisible();
  await expect(job).toContainText('Done');
  await expect(job.getByRole('progressbar')).toHaveAttribute('value', '100');

  const copied = rowNamed(pane2, 'beach day.jpg');
  await expect(copied).toBeVisible();
  await expect(copied.getByRole('gridcell').nth(1)).toHaveText(sourceSize);

  // The UI says it arrived; the server must agree, byte for byte, with type and metadata.
  expect(sha256(await objectBytes(b, targetBucket, 'incoming/beach day.jpg'))).toBe(sha256(bytes));
  const head = await headObject(b, targetBucket, 'incoming/beach day.jpg');
  expect(head.ContentType).toBe('image/jpeg');
  expect(head.Metadata).toEqual({ camera: 'x100v', trip: 'lisbon' });

  await copied.click();
  await expect(inspector.getByRole('table', { name: 'User metadata' }).getByRole('row', { name: /camera/ })).toContainText('x100v');
  const shot = testInfo.outputPath('first-slice-final.png');
  await page.screenshot({ path: shot, fullPage: true });
  await testInfo.attach('final state', { path: shot, contentType: 'image/png' });
}
