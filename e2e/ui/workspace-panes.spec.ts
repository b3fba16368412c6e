// The workspace as a user lives in it: four panes on four places (two
// servers, a local folder, a deep prefix) survive a reload; each pane keeps
// its own back/forward history; the address bar takes every address form
// and refuses malformed ones where they were typed, without moving.
import { expect, test, type Page } from '@playwright/test';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { addConnection, objectsTable, open, rowNamed } from '../flows/first-slice';
import { keepScreens } from '../flows/screens';
import { startServeProcess, type ServeProcess } from '../flows/serve-process';
import { twoDifferentServers } from '../flows/test-servers';
import { createBucket, putObject, uniqueBucket } from '../servers/s3-direct';

let serve: ServeProcess;

test.beforeAll(async () => {
  serve = await startServeProcess();
});

test.afterAll(async () => {
  await serve.stop();
});

const pane = (page: Page, n: number) => page.getByRole('region', { name: `Pane ${n}` });
const address = (page: Page, n: number) => pane(page, n).getByRole('textbox', { name: 'Address' });

/** What workspace.json holds now (it is written a moment after each change), or null before the first write. */
function savedWorkspace(dataDir: string): { panes: { at?: number }[]; layout?: Record<string, unknown> } | null {
  try {
    return (JSON.parse(readFileSync(path.join(dataDir, 'workspace.json'), 'utf8')) as { data: ReturnType<typeof savedWorkspace> }).data;
  } catch {
    return null;
  }
}

async function go(page: Page, n: number, text: string): Promise<void> {
  await address(page, n).fill(text);
  await address(page, n).press('Enter');
}

test('four panes on four places are all restored after a reload; back and forward walk each pane', async ({ page }, testInfo) => {
  const [a, b] = twoDifferentServers();
  const bucketA = uniqueBucket('panes-a');
  const bucketB = uniqueBucket('panes-b');
  await createBucket(a, bucketA);
  await createBucket(b, bucketB);
  await putObject(a, bucketA, 'deep/er/still/leaf.txt', Buffer.from('leaf\n'));
  await putObject(a, bucketA, 'top.txt', Buffer.from('top\n'));
  await putObject(b, bucketB, 'inbox/hello.txt', Buffer.from('hello\n'));
  const local = mkdtempSync(path.join(tmpdir(), 'ferry-panes-'));
  mkdirSync(path.join(local, 'photos'));
  writeFileSync(path.join(local, 'photos', 'cat.jpg'), 'not really a cat');

  await page.goto(serve.url);
  await addConnection(page, a);
  await addConnection(page, b);
  await expect(page.getByRole('region', { name: /^Pane \d$/ })).toHaveCount(2);

  await page.getByRole('button', { name: 'New pane' }).click();
  await pane(page, 3).getByRole('grid', { name: 'Objects' }).click();
  await page.keyboard.press('Control+t');
  await expect(page.getByRole('region', { name: /^Pane \d$/ })).toHaveCount(4);

  const places = [
    `${a.label}:${bucketA}/`,
    `${b.label}:${bucketB}/inbox/`,
    path.join(local, 'photos'),
    `${a.label}:${bucketA}/deep/er/still/`,
  ];
  for (const [i, place] of places.entries()) {
    await go(page, i + 1, place);
    await expect(address(page, i + 1)).toHaveValue(place);
  }
  await expect(rowNamed(pane(page, 1), 'top.txt')).toBeVisible();
  await expect(rowNamed(pane(page, 2), 'hello.txt')).toBeVisible();
  await expect(rowNamed(pane(page, 3), 'cat.jpg')).toBeVisible();
  await expect(rowNamed(pane(page, 4), 'leaf.txt')).toBeVisible();
  await keepScreens(page, testInfo, 'four-panes');

  // In a 900×700 window the four panes take the height down to the Transfers region, which, idle, is no taller than what it shows.
  await page.setViewportSize({ width: 900, height: 700 });
  const dockSet = Number(await page.getByRole('separator', { name: 'Height of Transfers' }).getAttribute('aria-valuenow'));
  const dock = await page.getByRole('region', { name: 'Transfers' }).boundingBox();
  const lowest = await pane(page, 4).boundingBox();
  expect(dock && lowest ? Math.abs(lowest.y + lowest.height - dock.y) : null).toBeLessThanOrEqual(2);
  expect(dock?.height).toBeLessThan(dockSet);
  await page.setViewportSize({ width: 1400, height: 860 });

  // The workspace is written a moment after each change: reload only once the four panes are on disk.
  await expect.poll(() => savedWorkspace(serve.dataDir)?.panes.length).toBe(4);
  await page.reload();
  await expect(page.getByRole('region', { name: /^Pane \d$/ })).toHaveCount(4);
  for (const [i, place] of places.entries()) await expect(address(page, i + 1)).toHaveValue(place);
  await expect(rowNamed(pane(page, 4), 'leaf.txt')).toBeVisible();
  await expect(rowNamed(pane(page, 3), 'cat.jpg')).toBeVisible();

  // History is the pane's own: Pane 1 walks into deep/er/, back twice, forward once; Pane 4 does not move.
  const p1 = pane(page, 1);
  await open(p1, 'deep/');
  await open(p1, 'er/');
  await expect(address(page, 1)).toHaveValue(`${a.label}:${bucketA}/deep/er/`);
  await p1.getByRole('button', { name: 'Back' }).click();
  await expect(address(page, 1)).toHaveValue(`${a.label}:${bucketA}/deep/`);
  await objectsTable(p1).press('Alt+ArrowLeft');
  await expect(address(page, 1)).toHaveValue(`${a.label}:${bucketA}/`);
  // Still more behind it: the walk from home to the bucket before the reload was kept.
  await expect(p1.getByRole('button', { name: 'Back' })).toBeEnabled();
  await p1.getByRole('button', { name: 'Forward' }).click();
  await expect(address(page, 1)).toHaveValue(`${a.label}:${bucketA}/deep/`);
  await objectsTable(p1).press('Alt+ArrowRight');
  await expect(address(page, 1)).toHaveValue(`${a.label}:${bucketA}/deep/er/`);
  await expect(address(page, 4)).toHaveValue(places[3] ?? '');

  // That history lasts: after a restart Pane 1 can still go back to deep/ and the bucket's top.
  await expect.poll(() => savedWorkspace(serve.dataDir)?.panes[0]?.at).toBe(3);
  await page.reload();
  await expect(address(page, 1)).toHaveValue(`${a.label}:${bucketA}/deep/er/`);
  await pane(page, 1).getByRole('button', { name: 'Back' }).click();
  await expect(address(page, 1)).toHaveValue(`${a.label}:${bucketA}/deep/`);
  await pane(page, 1).getByRole('button', { name: 'Back' }).click();
  await expect(address(page, 1)).toHaveValue(`${a.label}:${bucketA}/`);
  await pane(page, 1).getByRole('button', { name: 'Forward' }).click();
  await expect(address(page, 1)).toHaveValue(`${a.label}:${bucketA}/deep/`);

  // Closing a pane (Ctrl+W on the active one) and re-ordering keep the rest where they were.
  await objectsTable(pane(page, 4)).click();
  await page.keyboard.press('Control+w');
  await expect(page.getByRole('region', { name: /^Pane \d$/ })).toHaveCount(3);
  await pane(page, 3).getByRole('button', { name: 'Move Pane 3 left' }).click();
  await expect(address(page, 2)).toHaveValue(places[2] ?? '');
  await expect(address(page, 3)).toHaveValue(places[1] ?? '');
});

test('the address bar takes every address form, selects a named object, and refuses malformed ones in place', async ({
  page,
}, testInfo) => {
  const [a, b] = twoDifferentServers();
  const bucket = uniqueBucket('address');
  await createBucket(a, bucket);
  await putObject(a, bucket, 'reports/2026/q1.csv', Buffer.from('a,b\n'));
  await putObject(a, bucket, 'reports/2026/q2.csv', Buffer.from('c,d\n'));
  const other = uniqueBucket('address-b');
  await createBucket(b, other);
  await putObject(b, other, 'x/y.txt', Buffer.from('y'));
  const local = mkdtempSync(path.join(tmpdir(), 'ferry-address-'));
  writeFileSync(path.join(local, 'notes.txt'), 'notes');

  await page.goto(serve.url);
  await addConnection(page, a);
  await addConnection(page, b);
  const p1 = pane(page, 1);

  // NAME:bucket/prefix
  await go(page, 1, `${a.label}:${bucket}/reports/`);
  await expect(rowNamed(p1, '2026/')).toBeVisible();
  // s3://bucket/prefix, on the pane's own connection now that it is on one.
  await go(page, 1, `s3://${bucket}/reports/2026/`);
  await expect(rowNamed(p1, 'q1.csv')).toBeVisible();
  await expect(address(page, 1)).toHaveValue(`${a.label}:${bucket}/reports/2026/`);
  // The connection's own endpoint as a path-style URL, naming an object: its folder opens with the object selected.
  await go(page, 1, `${b.endpoint}/${other}/x/y.txt`);
  await expect(address(page, 1)).toHaveValue(`${b.label}:${other}/x/`);
  await expect(rowNamed(p1, 'y.txt')).toHaveAttribute('aria-selected', 'true');
  // An object on the NAME: form, also selected; a folder named without its slash opens as the folder.
  await go(page, 1, `${a.label}:${bucket}/reports/2026/q2.csv`);
  await expect(rowNamed(p1, 'q2.csv')).toHaveAttribute('aria-selected', 'true');
  await expect(rowNamed(p1, 'q1.csv')).toHaveAttribute('aria-selected', 'false');
  await go(page, 1, `${a.label}:${bucket}/reports`);
  await expect(address(page, 1)).toHaveValue(`${a.label}:${bucket}/reports/`);
  // A local folder, and a local file (its folder, the file selected).
  await go(page, 1, local);
  await expect(rowNamed(p1, 'notes.txt')).toBeVisible();
  await go(page, 1, path.join(local, 'notes.txt'));
  await expect(address(page, 1)).toHaveValue(local);
  await expect(rowNamed(p1, 'notes.txt')).toHaveAttribute('aria-selected', 'true');

  // Malformed: each refused with its own message; the pane stays where it was.
  const refusals: [string, RegExp][] = [
    ['ftp://files.example.com/a', /does not open ftp:\/\/ addresses/],
    [`Nowhere:${bucket}/reports/`, /No connection is named "Nowhere"/],
    ['reports/2026', /"reports\/2026" is not an address Ferry can read/],
    [`${a.label}:Not_A*Bucket/x`, /"Not_A\*Bucket" in .* is not a bucket name/],
    [`s3://${bucket}/reports/`, /s3:\/\/ opens on the pane's connection, and this pane shows local files/],
    ['https://photos.s3.eu-west-1.amazonaws.com/a.jpg', /is on Amazon S3 \(eu-west-1\), and no connection is set up for it/],
    [`${a.label}:${bucket}/reports/2026/q9.csv`, /Nothing at .*q9\.csv: no object or folder of that name/],
  ];
  for (const [typed, message] of refusals) {
    await go(page, 1, typed);
    await expect(p1.getByRole('alert')).toHaveText(message);
    await expect(address(page, 1)).toHaveAttribute('aria-invalid', 'true');
    await expect(rowNamed(p1, 'notes.txt')).toBeVisible();
  }
  await keepScreens(page, testInfo, 'address-refused');
  await address(page, 1).press('Escape');
  await expect(address(page, 1)).toHaveValue(local);
  await expect(p1.getByRole('alert')).toHaveCount(0);
});

test('places: a connection expands to its buckets, which open in the active pane; a bookmark lasts; Transfers folds away', async ({
  page,
}, testInfo) => {
  const [a] = twoDifferentServers();
  const bucket = uniqueBucket('places');
  await createBucket(a, bucket);
  await putObject(a, bucket, 'albums/2026/cover.png', Buffer.from('png'));

  // Its own data folder: one connection, no panes or bookmarks from the tests before.
  const fresh = await startServeProcess();
  await page.goto(fresh.url);
  await addConnection(page, a);
  const places = page.getByRole('navigation', { name: 'Places' });
  await places.getByRole('button', { name: `Buckets of ${a.label}` }).click();
  await expect(places.getByRole('button', { name: `Buckets of ${a.label}` })).toHaveAttribute('aria-expanded', 'true');
  // Pane 2 is made the active one; the bucket opens there, not in Pane 1.
  await objectsTable(pane(page, 2)).click();
  await places
    .getByRole('list', { name: `Buckets of ${a.label}` })
    .getByRole('button', { name: bucket })
    .click();
  await expect(address(page, 2)).toHaveValue(`${a.label}:${bucket}/`);
  await open(pane(page, 2), 'albums/');
  await places.getByRole('button', { name: 'Bookmark this place' }).click();
  await expect(places.getByRole('button', { name: '★ albums' })).toBeVisible();

  // A dragged place opens where it is dropped.
  await places.getByRole('button', { name: '★ albums' }).dragTo(objectsTable(pane(page, 1)));
  await expect(address(page, 1)).toHaveValue(`${a.label}:${bucket}/albums/`);

  const transfers = page.getByRole('region', { name: 'Transfers' });
  await page.getByRole('button', { name: 'Hide transfers' }).click();
  await expect(page.getByRole('button', { name: 'Show transfers' })).toHaveAttribute('aria-expanded', 'false');
  await expect(transfers.getByRole('status')).toBeVisible();
  await keepScreens(page, testInfo, 'places');
  await page.getByRole('button', { name: 'Show transfers' }).click();
  const edge = page.getByRole('separator', { name: 'Height of Transfers' });
  const before = Number(await edge.getAttribute('aria-valuenow'));
  await edge.press('ArrowUp');
  await expect(edge).toHaveAttribute('aria-valuenow', String(before + 24));
  const placesEdge = page.getByRole('separator', { name: 'Width of Places' });
  const placesWidth = Number(await placesEdge.getAttribute('aria-valuenow'));
  await placesEdge.press('ArrowRight');
  await expect(placesEdge).toHaveAttribute('aria-valuenow', String(placesWidth + 16));

  // The dock's height and the sidebar's width come back after a restart, and so does a folded dock or a closed sidebar.
  await expect.poll(() => savedWorkspace(fresh.dataDir)?.layout?.placesWidth).toBe(placesWidth + 16);
  await page.reload();
  await expect(page.getByRole('separator', { name: 'Height of Transfers' })).toHaveAttribute('aria-valuenow', String(before + 24));
  await expect(page.getByRole('separator', { name: 'Width of Places' })).toHaveAttribute('aria-valuenow', String(placesWidth + 16));
  await page.getByRole('button', { name: 'Hide transfers' }).click();
  await page.getByRole('button', { name: 'Places', exact: true }).click();
  await expect(page.getByRole('navigation', { name: 'Places' })).toHaveCount(0);
  await expect.poll(() => savedWorkspace(fresh.dataDir)?.layout).toMatchObject({ dockCollapsed: true, placesOpen: false });
  await page.reload();
  await expect(page.getByRole('button', { name: 'Show transfers' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Places' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Show transfers' }).click();
  await page.getByRole('button', { name: 'Places', exact: true }).click();
  await expect.poll(() => savedWorkspace(fresh.dataDir)?.layout).toMatchObject({ dockCollapsed: false, placesOpen: true });

  await page.reload();
  await expect(page.getByRole('navigation', { name: 'Places' }).getByRole('button', { name: '★ albums' })).toBeVisible();
  await page.getByRole('navigation', { name: 'Places' }).getByRole('button', { name: 'Remove bookmark albums' }).click();
  await expect(page.getByRole('navigation', { name: 'Places' }).getByRole('button', { name: '★ albums' })).toHaveCount(0);
  await fresh.stop();
});
