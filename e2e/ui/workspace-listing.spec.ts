// Finding things in a pane: filter and sort a 2,500-object folder (the order
// checked against the server's own listing sorted the same way), a prefix
// search and a recursive search on MinIO, streamed and stoppable.
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { addConnection, objectsTable, rowNamed } from '../flows/first-slice';
import { keepScreens } from '../flows/screens';
import { startServeProcess, type ServeProcess } from '../flows/serve-process';
import { testServers } from '../flows/test-servers';
import type { TestServer } from '../servers/harness';
import { createBucket, sdkClient, uniqueBucket } from '../servers/s3-direct';
import { PutObjectCommand } from '@aws-sdk/client-s3';

const OBJECTS = 2500;

let serve: ServeProcess;
test.beforeAll(async () => {
  serve = await startServeProcess();
});
test.afterAll(async () => {
  await serve.stop();
});

function minio(): TestServer {
  const s = testServers().find((t) => t.kind === 'minio');
  if (!s) throw new Error('MinIO is not running: these specs search on MinIO');
  return s;
}

/** Names with numbers in them (natural order differs from byte order) and sizes that repeat (names break ties). */
const nameOf = (i: number) => `item ${i % 7 === 0 ? 'x' : 'y'}${i}.dat`;
const sizeOf = (i: number) => (i * 37) % 400;

async function seed(s: TestServer, bucket: string): Promise<void> {
  const client = sdkClient(s);
  const keys = Array.from({ length: OBJECTS }, (_, i) => i);
  let next = 0;
  await Promise.all(
    Array.from({ length: 32 }, async () => {
      while (next < keys.length) {
        const i = next++;
        await client.send(new PutObjectCommand({ Bucket: bucket, Key: `big/${nameOf(i)}`, Body: Buffer.alloc(sizeOf(i), 1) }));
      }
    }),
  );
  await client.send(new PutObjectCommand({ Bucket: bucket, Key: 'big/sub/deep/item y-inner.dat', Body: Buffer.from('in') }));
}

async function serverListing(s: TestServer, bucket: string, prefix: string): Promise<{ name: string; size: number }[]> {
  const client = sdkClient(s);
  const out: { name: string; size: number }[] = [];
  let token: string | undefined;
  do {
    const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, Delimiter: '/', ContinuationToken: token }));
    for (const o of page.Contents ?? []) out.push({ name: (o.Key ?? '').slice(prefix.length), size: o.Size ?? 0 });
    token = page.NextContinuationToken;
  } while (token);
  return out;
}

async function shownNames(grid: Locator, n: number): Promise<string[]> {
  const names: string[] = [];
  const rows = grid.getByRole('row');
  const count = Math.min(n + 1, await rows.count());
  for (let i = 1; i < count; i++) names.push((await rows.nth(i).getByRole('gridcell').first().textContent()) ?? '');
  return names;
}

async function openBig(page: Page, s: TestServer, bucket: string) {
  const pane = page.getByRole('region', { name: 'Pane 1' });
  await pane.getByRole('textbox', { name: 'Address' }).fill(`${s.label}:${bucket}/big/`);
  await pane.getByRole('textbox', { name: 'Address' }).press('Enter');
  await expect(pane.getByText(`${(OBJECTS + 1).toLocaleString('en-US')} items`, { exact: true })).toBeVisible();
  return pane;
}

test('filter and sort a 2,500-object folder: the order is the server’s listing sorted the same way', async ({ page }, testInfo) => {
  const s = minio();
  const bucket = uniqueBucket('sort');
  await createBucket(s, bucket);
  await seed(s, bucket);
  const listed = await serverListing(s, bucket, 'big/');
  expect(listed).toHaveLength(OBJECTS);

  await page.goto(serve.url);
  await addConnection(page, s);
  const pane = await openBig(page, s, bucket);
  const grid = objectsTable(pane);

  // Filter: only the loaded rows whose name holds the text, counted the same as the server's.
  const filter = pane.getByRole('searchbox', { name: 'Filter Pane 1' });
  await page.keyboard.press('Control+f');
  await expect(filter).toBeFocused();
  await filter.fill('x7');
  const expectedMatches = listed.filter((o) => o.name.toLowerCase().includes('x7'));
  await expect(pane.getByRole('status').filter({ hasText: 'match' })).toContainText(`${expectedMatches.length} match`);
  await expect(grid).toHaveAttribute('aria-rowcount', String(expectedMatches.length + 1));
  await filter.fill('');

  // Size, largest first; folders first, then equal sizes by name (natural order, as the Name sort does).
  const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
  const bySizeDesc = [...listed].sort((a, b) => b.size - a.size || -collator.compare(a.name, b.name)).map((o) => o.name);
  const sizeHeader = grid.getByRole('columnheader', { name: 'Size' });
  await sizeHeader.getByRole('button').click();
  await expect(sizeHeader).toHaveAttribute('aria-sort', 'ascending');
  await sizeHeader.getByRole('button').click();
  await expect(sizeHeader).toHaveAttribute('aria-sort', 'descending');
  await expect(grid.getByRole('columnheader', { name: 'Name' })).toHaveAttribute('aria-sort', 'none');
  expect((await shownNames(grid, 12)).slice(0, 1)).toEqual(['sub/']);
  expect((await shownNames(grid, 12)).slice(1)).toEqual(bySizeDesc.slice(0, 11));
  await rowNamed(pane, 'sub/').click();
  // A folder's size is not listed: the status line counts it without a false "0 B".
  await expect(pane.getByText('1 selected', { exact: true })).toBeVisible();
  await grid.press('End');
  await expect(rowNamed(pane, bySizeDesc[OBJECTS - 1] ?? '')).toHaveAttribute('aria-selected', 'true');

  // Name, natural order: "y10" after "y9", as a person counts.
  const byName = [...listed].map((o) => o.name).sort((a, b) => collator.compare(a, b));
  await grid.getByRole('columnheader', { name: 'Name' }).getByRole('button').click();
  await grid.press('Home');
  expect((await shownNames(grid, 10)).slice(1)).toEqual(byName.slice(0, 9));
  await keepScreens(page, testInfo, 'sorted-2500');

  // Sort and widths are kept with the pane: a reload finds them.
  await grid.getByRole('separator', { name: 'Width of Modified' }).press('ArrowLeft');
  await grid.getByRole('separator', { name: 'Width of Modified' }).press('ArrowLeft');
  await expect(grid.getByRole('separator', { name: 'Width of Modified' })).toHaveAttribute('aria-valuenow', '170');
  await page.waitForTimeout(600);
  await page.reload();
  const again = objectsTable(page.getByRole('region', { name: 'Pane 1' }));
  await expect(again.getByRole('columnheader', { name: 'Name' })).toHaveAttribute('aria-sort', 'ascending');
  await expect(again.getByRole('separator', { name: 'Width of Modified' })).toHaveAttribute('aria-valuenow', '170');
});

test('a prefix search and a recursive search on MinIO, streamed page by page, then cleared', async ({ page }, testInfo) => {
  const s = minio();
  const bucket = uniqueBucket('search');
  await createBucket(s, bucket);
  await seed(s, bucket);
  const listed = await serverListing(s, bucket, 'big/');

  await page.goto(serve.url);
  await addConnection(page, s);
  const pane = await openBig(page, s, bucket);
  const grid = objectsTable(pane);
  const filter = pane.getByRole('searchbox', { name: 'Filter Pane 1' });

  // Prefix: the server lists big/item x1*; exactly the names that start so.
  await filter.fill('item x1');
  await pane.getByRole('button', { name: 'Prefix search' }).click();
  const startsWith = listed.filter((o) => o.name.startsWith('item x1'));
  await expect(pane.getByRole('status').filter({ hasText: 'found' })).toHaveText(
    new RegExp(`^${startsWith.length} found: names starting with “item x1”`),
  );
  await expect(grid).toHaveAttribute('aria-rowcount', String(startsWith.length + 1));

  // Recursive: every folder below, the path containing the text; the nested object is found too.
  await filter.fill('inner');
  await pane.getByRole('button', { name: 'Search below' }).click();
  await expect(pane.getByRole('status').filter({ hasText: 'found' })).toContainText('1 found');
  await expect(rowNamed(pane, 'sub/deep/item y-inner.dat')).toBeVisible();
  await keepScreens(page, testInfo, 'search-recursive');

  // Opening a found object's row selects it as itself (the inspector shows its full key).
  await rowNamed(pane, 'sub/deep/item y-inner.dat').click();
  await expect(page.getByRole('region', { name: 'Inspector' })).toContainText('big/sub/deep/item y-inner.dat');

  await pane.getByRole('button', { name: 'Clear search' }).click();
  await expect(pane.getByText(`${(OBJECTS + 1).toLocaleString('en-US')} items`, { exact: true })).toBeVisible();
});
