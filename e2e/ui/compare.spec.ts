// Compare two panes on two different servers, see every class with its
// count, filter, run the sync (with its typed delete confirmation) from the
// result, compare again and find everything the same. Screenshots in light
// and dark, wide and narrow, are kept under test-results/.
import { expect, test, type Page } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { addConnection, sideBySide } from '../flows/first-slice';
import { startServeProcess, type ServeProcess } from '../flows/serve-process';
import { twoDifferentServers } from '../flows/test-servers';
import { createBucket, objectBytes, putObject, sha256, uniqueBucket } from '../servers/s3-direct';

let serve: ServeProcess;

test.beforeAll(async () => {
  serve = await startServeProcess();
});

test.afterAll(async () => {
  await serve.stop();
});

async function shots(page: Page, name: string): Promise<void> {
  for (const [w, h] of [
    [1400, 900],
    [900, 700],
  ] as const) {
    for (const scheme of ['light', 'dark'] as const) {
      await page.setViewportSize({ width: w, height: h });
      await page.emulateMedia({ colorScheme: scheme });
      const shot = test.info().outputPath(`${name}-${w}x${h}-${scheme}.png`);
      await page.screenshot({ path: shot });
      await test.info().attach(`${name} ${w}x${h} ${scheme}`, { path: shot, contentType: 'image/png' });
    }
  }
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.emulateMedia({ colorScheme: 'light' });
}

test('compare two panes, sync from the result, and compare again to find everything the same', async ({ page }) => {
  const [a, b] = twoDifferentServers();
  const left = uniqueBucket('photos');
  const right = uniqueBucket('mirror');
  await createBucket(a, left);
  await createBucket(b, right);
  const same = randomBytes(2000);
  const leftFiles: Record<string, Buffer> = {
    'album/day 1.jpg': same,
    'album/day 2.jpg': randomBytes(3000),
    'album/notes.txt': Buffer.from('only on the left'),
    'raw/day 1.raw': Buffer.alloc(4096, 'a'),
    'readme.md': Buffer.from('# readme'),
    'a rather long folder name that goes on/and on and on for a while/with a file at the end of it.txt': Buffer.from('long'),
  };
  for (const [k, v] of Object.entries(leftFiles)) await putObject(a, left, k, v);
  await putObject(b, right, 'album/day 1.jpg', same);
  await putObject(b, right, 'album/day 2.jpg', randomBytes(1000));
  await putObject(b, right, 'raw/day 1.raw', Buffer.alloc(4096, 'b'));
  await putObject(b, right, 'readme.md', Buffer.from('# readme'));
  await putObject(b, right, 'stale.log', Buffer.from('only on the right'));

  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto(serve.url);
  await addConnection(page, a);
  await addConnection(page, b);
  const [pane1] = await sideBySide(page, { server: a, bucket: left }, { server: b, bucket: right });

  // The active pane is the left side: Pane 1 here.
  await pane1.getByRole('combobox', { name: 'Location of Pane 1' }).focus();
  await page.getByRole('button', { name: 'Compare with the other pane' }).click();
  const dialog = page.getByRole('dialog', { name: 'Compare' });
  await expect(dialog.getByRole('status').first()).toHaveText('Compared 7 keys.');
  const counts = dialog.getByRole('group', { name: 'Show results' });
  const count = (name: RegExp) => counts.getByRole('button', { name });
  await expect(count(/^Only in Pane 1 2 /)).toBeVisible();
  await expect(count(/^Only in Pane 2 1 /)).toBeVisible();
  await expect(count(/^Different 2 /)).toBeVisible();
  await expect(count(/^Same 2 /)).toBeVisible();
  const table = dialog.getByRole('table', { name: 'Compared keys' });
  await expect(table.getByRole('row', { name: /album\/day 2\.jpg Different sizes differ/ })).toBeVisible();
  await expect(table.getByRole('row', { name: /raw\/day 1\.raw Different MD5 ETags/ })).toBeVisible();
  await expect(table.getByRole('row', { name: /stale\.log Only in Pane 2/ })).toBeVisible();
  await shots(page, 'compare-result');

  // Filters: hide "Same", then narrow by text.
  await count(/^Same /).click();
  await expect(count(/^Same /)).toHaveAttribute('aria-pressed', 'false');
  await expect(table.getByRole('row', { name: /readme\.md/ })).toHaveCount(0);
  await dialog.getByRole('searchbox', { name: 'Filter keys' }).fill('album');
  await expect(table.getByRole('row')).toHaveCount(3);
  await dialog.getByRole('searchbox', { name: 'Filter keys' }).fill('');
  await count(/^Same /).click();

  // One row acted on alone: copy it across, then compare again.
  await table.getByRole('button', { name: 'Copy album/notes.txt to Pane 2' }).click();
  // The row follows its job: copying, then copied.
  await expect(table.getByRole('row', { name: /album\/notes\.txt/ })).toContainText(/Copying…|Copied/);
  await expect(table.getByRole('row', { name: /album\/notes\.txt/ })).toContainText('Copied', { timeout: 30_000 });
  await expect
    .poll(async () => sha256(await objectBytes(b, right, 'album/notes.txt').catch(() => Buffer.alloc(0))), { timeout: 30_000 })
    .toBe(sha256(leftFiles['album/notes.txt'] as Buffer));
  await dialog.getByRole('button', { name: 'Compare again' }).click();
  await expect(dialog.getByRole('status').first()).toHaveText('Compared 7 keys.');
  await expect(count(/^Only in Pane 1 1 /)).toBeVisible();
  await expect(count(/^Same 3 /)).toBeVisible();
  // A new compare starts clean: the row is "Same" now and says nothing about the earlier copy.
  await expect(table.getByRole('row', { name: /album\/notes\.txt Same/ })).not.toContainText('Copied');

  // What the sync would do, before it runs: each action with its count, and its first rows with sizes.
  const plan = dialog.getByRole('region', { name: 'What the sync will do' });
  const tab = (name: RegExp) => plan.getByRole('tab', { name });
  await expect(tab(/^Upload 1 /)).toBeVisible();
  await expect(tab(/^Overwrite 2 /)).toBeVisible();
  await expect(tab(/^Delete 0 /)).toBeVisible();
  await expect(tab(/^Skip 1 /)).toBeVisible();
  await tab(/^Overwrite /).click();
  await expect(
    plan.getByRole('table', { name: 'Overwrite rows' }).getByRole('row', { name: /album\/day 2\.jpg → Pane 2 2\.9 KiB/ }),
  ).toBeVisible();
  await tab(/^Skip /).click();
  await expect(plan.getByRole('table', { name: 'Skip rows' }).getByRole('row', { name: /stale\.log — — 17 B/ })).toBeVisible();

  // Sync with deletes: the delete needs the typed word first.
  const sync = dialog.getByRole('group', { name: 'Sync' });
  await expect(sync).toContainText('Copy 3 objects (6.9 KiB) to Pane 2.');
  await sync.getByRole('checkbox', { name: 'Also delete the object only in Pane 2' }).check();
  await expect(tab(/^Delete 1 /)).toBeVisible();
  await expect(sync).toContainText('Copy 3 objects (6.9 KiB) to Pane 2; delete 1 object (17 B) from it.');
  await expect(tab(/^Skip 0 /)).toBeVisible();
  const go = sync.getByRole('button', { name: 'Sync to Pane 2' });
  await expect(go).toBeDisabled();
  await sync.getByRole('textbox', { name: /Type delete to confirm/ }).fill('delete');
  await expect(go).toBeEnabled();
  await shots(page, 'compare-confirm');
  await go.click();
  await expect(sync.getByRole('status')).toContainText('Sync finished: 4 objects.', { timeout: 60_000 });

  await sync.getByRole('button', { name: 'Compare again' }).click();
  await expect(dialog.getByRole('status').first()).toHaveText('Compared 6 keys.');
  await expect(count(/^Same 6 /)).toBeVisible();
  for (const other of [/^Only in Pane 1 0 /, /^Only in Pane 2 0 /, /^Different 0 /, /^Unknown 0 /])
    await expect(count(other)).toBeVisible();
  await expect(dialog.getByRole('group', { name: 'Sync' })).toContainText('Nothing to copy to Pane 2.');
  await shots(page, 'compare-same');

  for (const [k, v] of Object.entries(leftFiles)) expect(sha256(await objectBytes(b, right, k)), k).toBe(sha256(v));
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
});

test('two-way sync in the window: choose the direction, see the plan and its conflicts, page through one action, sync both ways, resolve the conflicts', async ({
  page,
}) => {
  const [a, b] = twoDifferentServers();
  const left = uniqueBucket('laptop');
  const right = uniqueBucket('office');
  await createBucket(a, left);
  await createBucket(b, right);
  const bytes = (n: number, c: string) => Buffer.alloc(n, c);
  // Older versions first; the newer ones well over 2 s later (versitygw keeps whole seconds, so a 2.5 s gap can read as 2 s).
  // conflict.txt changes on both sides at once.
  await putObject(a, left, 'b-newer.txt', bytes(100, 'a'));
  await putObject(b, right, 'a-newer.txt', bytes(100, 'b'));
  await Promise.all([
    putObject(a, left, 'conflict.txt', bytes(20, 'a')),
    putObject(b, right, 'conflict.txt', bytes(10, 'b')),
    putObject(a, left, 'conflict-keep-left.txt', bytes(20, 'l')),
    putObject(b, right, 'conflict-keep-left.txt', bytes(10, 'r')),
    putObject(a, left, 'conflict-skip.txt', bytes(20, 's')),
    putObject(b, right, 'conflict-skip.txt', bytes(10, 't')),
  ]);
  await new Promise((r) => setTimeout(r, 3500));
  await putObject(a, left, 'a-newer.txt', bytes(300, 'A'));
  await putObject(b, right, 'b-newer.txt', bytes(200, 'B'));
  await putObject(b, right, 'only-b.txt', bytes(5, 'b'));
  // Enough keys only on the left for "show all" to page past the first rows.
  const many = Array.from({ length: 45 }, (_, i) => `many/${String(i).padStart(2, '0')}.txt`);
  for (const k of many) await putObject(a, left, k, Buffer.from(k));

  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto(serve.url);
  await addConnection(page, a);
  await addConnection(page, b);
  const [pane1] = await sideBySide(page, { server: a, bucket: left }, { server: b, bucket: right });
  await pane1.getByRole('combobox', { name: 'Location of Pane 1' }).focus();
  await page.getByRole('button', { name: 'Compare with the other pane' }).click();
  const dialog = page.getByRole('dialog', { name: 'Compare' });
  await expect(dialog.getByRole('status').first()).toHaveText('Compared 51 keys.');
  const plan = dialog.getByRole('region', { name: 'What the sync will do' });
  const tab = (name: RegExp) => plan.getByRole('tab', { name });

  // "Show all" pages past the first 20 rows of one action.
  await tab(/^Upload 45 /).click();
  const uploads = plan.getByRole('table', { name: 'Upload rows' });
  await expect(uploads.getByRole('row')).toHaveCount(21);
  await expect(plan).toContainText('Showing 20 of 45.');
  await plan.getByRole('button', { name: 'Show all 45' }).click();
  await expect(plan).toContainText('Showing 45 of 45.');
  await expect(uploads.getByRole('row', { name: /many\/44\.txt → Pane 2/ })).toBeVisible();
  await expect(plan.getByRole('button', { name: /^Show / })).toHaveCount(0);

  // The other way round: Pane 1 is made to match Pane 2.
  const directions = dialog.getByRole('radiogroup', { name: 'Sync direction' });
  await directions.getByRole('radio', { name: 'Pane 2 → Pane 1' }).check();
  await expect(dialog.getByRole('status').first()).toHaveText('Compared 51 keys.');
  await expect(tab(/^Upload 1 /)).toBeVisible();
  await expect(tab(/^Overwrite 5 /)).toBeVisible();
  await expect(tab(/^Skip 45 /)).toBeVisible();
  await expect(dialog.getByRole('group', { name: 'Sync' }).getByRole('button', { name: 'Sync to Pane 1' })).toBeEnabled();

  // Both ways: the conflict policy is said before anything runs, and the conflict is listed.
  await directions.getByRole('radio', { name: 'Both ways (newer wins)' }).check();
  await expect(directions).toHaveAccessibleDescription(/Conflicts .* are listed and left alone on both sides/);
  await expect(dialog.getByRole('status').first()).toHaveText('Compared 51 keys.');
  await expect(tab(/^Upload 46 /)).toBeVisible();
  await expect(tab(/^Overwrite 2 /)).toBeVisible();
  await expect(tab(/^Conflict 3 /)).toBeVisible();
  await tab(/^Overwrite /).click();
  const overwrites = plan.getByRole('table', { name: 'Overwrite rows' });
  await expect(overwrites.getByRole('row', { name: /a-newer\.txt → Pane 2/ })).toBeVisible();
  await expect(overwrites.getByRole('row', { name: /b-newer\.txt ← Pane 1/ })).toBeVisible();
  // A row copied alone goes the way the sync would take it; a conflict is not offered either way.
  const keys = dialog.getByRole('table', { name: 'Compared keys' });
  await expect(keys.getByRole('button', { name: 'Copy b-newer.txt to Pane 1' })).toBeVisible();
  await expect(keys.getByRole('row', { name: /conflict\.txt/ }).getByRole('button')).toHaveCount(0);
  await expect(keys.getByRole('combobox', { name: 'Resolve the conflict on conflict.txt' })).toHaveValue('');
  await tab(/^Conflict /).click();
  await expect(plan.getByRole('table', { name: 'Conflict rows' }).getByRole('row', { name: /conflict\.txt — 20 B/ })).toBeVisible();
  const sync = dialog.getByRole('group', { name: 'Sync' });
  await expect(sync).toContainText('Copy 46 objects (');
  await expect(sync).toContainText('and 2 objects (');
  await expect(sync).toContainText('3 objects in conflict stay as they are');
  await shots(page, 'compare-two-way');
  await sync.getByRole('button', { name: 'Sync both ways' }).click();
  await expect(sync.getByRole('status')).toContainText('Sync finished: 48 objects.', { timeout: 60_000 });

  await sync.getByRole('button', { name: 'Compare again' }).click();
  await expect(dialog.getByRole('status').first()).toHaveText('Compared 51 keys.');
  const counts = dialog.getByRole('group', { name: 'Show results' });
  await expect(counts.getByRole('button', { name: /^Same 48 / })).toBeVisible();
  await expect(counts.getByRole('button', { name: /^Different 3 / })).toBeVisible();
  await expect(tab(/^Conflict 3 /)).toBeVisible();
  await expect(sync).toContainText('Nothing to copy either way; 3 objects in conflict stay as they are.');
  // The conflicts are left alone until the user resolves them, one by one.
  expect(sha256(await objectBytes(a, left, 'conflict.txt'))).toBe(sha256(bytes(20, 'a')));
  expect(sha256(await objectBytes(b, right, 'conflict.txt'))).toBe(sha256(bytes(10, 'b')));

  await dialog.getByRole('searchbox', { name: 'Filter keys' }).fill('conflict');
  await expect(dialog.getByRole('group', { name: 'Resolve the remaining conflicts' })).toContainText('3 conflicts not resolved yet');
  await keys.getByRole('combobox', { name: 'Resolve the conflict on conflict.txt' }).selectOption({ label: 'Keep Pane 2' });
  await keys.getByRole('combobox', { name: 'Resolve the conflict on conflict-keep-left.txt' }).selectOption({ label: 'Keep Pane 1' });
  const bulk = dialog.getByRole('group', { name: 'Resolve the remaining conflicts' });
  await expect(bulk).toContainText('1 conflict not resolved yet');
  await bulk.getByRole('button', { name: 'Skip all' }).click();
  await expect(bulk).toBeHidden();
  await expect(keys.getByRole('combobox', { name: 'Resolve the conflict on conflict-skip.txt' })).toHaveValue('skip');
  await expect(sync).toContainText('Copy 1 object (20 B) to Pane 2 and 1 object (10 B) to Pane 1; 1 object skipped.');
  // The plan's conflict rows say what was chosen, and the rows call them conflicts.
  const conflicts = plan.getByRole('table', { name: 'Conflict rows' });
  await expect(conflicts.getByRole('row', { name: /^conflict\.txt Keep Pane 2 / })).toBeVisible();
  await expect(conflicts.getByRole('row', { name: /^conflict-keep-left\.txt Keep Pane 1 / })).toBeVisible();
  await expect(conflicts.getByRole('row', { name: /^conflict-skip\.txt Skip / })).toBeVisible();
  await expect(keys.getByRole('row', { name: /^conflict-skip\.txt Conflict sizes differ/ })).toBeVisible();
  await shots(page, 'compare-conflicts-resolved');
  await sync.getByRole('button', { name: 'Sync both ways' }).click();
  await expect(sync.getByRole('status')).toContainText('Sync finished: 2 objects.', { timeout: 60_000 });
  await sync.getByRole('button', { name: 'Compare again' }).click();
  await expect(dialog.getByRole('status').first()).toHaveText('Compared 51 keys.');
  await expect(counts.getByRole('button', { name: /^Same 50 / })).toBeVisible();
  await expect(counts.getByRole('button', { name: /^Different 1 / })).toBeVisible();
  // Choices belong to the compare they were made on.
  await expect(keys.getByRole('combobox', { name: 'Resolve the conflict on conflict-skip.txt' })).toHaveValue('');
  await expect(sync).toContainText('Nothing to copy either way; 1 object in conflict stays as it is.');
  expect(sha256(await objectBytes(a, left, 'conflict.txt'))).toBe(sha256(bytes(10, 'b')));
  expect(sha256(await objectBytes(b, right, 'conflict.txt'))).toBe(sha256(bytes(10, 'b')));
  expect(sha256(await objectBytes(a, left, 'conflict-keep-left.txt'))).toBe(sha256(bytes(20, 'l')));
  expect(sha256(await objectBytes(b, right, 'conflict-keep-left.txt'))).toBe(sha256(bytes(20, 'l')));
  expect(sha256(await objectBytes(a, left, 'conflict-skip.txt'))).toBe(sha256(bytes(20, 's')));
  expect(sha256(await objectBytes(b, right, 'conflict-skip.txt'))).toBe(sha256(bytes(10, 't')));

  expect(sha256(await objectBytes(b, right, 'a-newer.txt'))).toBe(sha256(bytes(300, 'A')));
  expect(sha256(await objectBytes(a, left, 'b-newer.txt'))).toBe(sha256(bytes(200, 'B')));
  expect(sha256(await objectBytes(a, left, 'only-b.txt'))).toBe(sha256(bytes(5, 'b')));
  expect(sha256(await objectBytes(b, right, 'many/44.txt'))).toBe(sha256(Buffer.from('many/44.txt')));
});
