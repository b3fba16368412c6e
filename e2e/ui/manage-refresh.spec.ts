// "Every change refreshes the panes that show the affected location, and
// nothing else", checked in the window: Pane 1 makes a folder, renames an
// object (a move job), deletes the folder, creates and deletes a bucket,
// while Pane 2 shows another folder of the same bucket. Every listing the
// page asks for is read off the WebSocket; Pane 2's location must not be
// listed again by any of these changes, while Pane 1's is after each. A
// refresh of Pane 2 at the end shows the count would have seen it.
import { expect, test, type Page } from '@playwright/test';
import { addConnection, open, rowNamed } from '../flows/first-slice';
import { startServeProcess, type ServeProcess } from '../flows/serve-process';
import { testServers } from '../flows/test-servers';
import { createBucket, putObject, uniqueBucket } from '../servers/s3-direct';

let serve: ServeProcess;
test.beforeAll(async () => {
  serve = await startServeProcess();
});
test.afterAll(async () => {
  await serve.stop();
});

/** Every location the page listed, in order, as `bucket/prefix` (or the bucket list as `/`). */
function listingLog(page: Page): string[] {
  const log: string[] = [];
  page.on('websocket', (ws) =>
    ws.on('framesent', (frame) => {
      if (typeof frame.payload !== 'string') return;
      let msg: { method?: string; args?: { location?: { kind: string; bucket?: string; prefix?: string; path?: string } } };
      try {
        msg = JSON.parse(frame.payload) as typeof msg;
      } catch {
        return;
      }
      const at = msg.method === 'browse.list' ? msg.args?.location : undefined;
      if (at) log.push(at.kind === 's3' ? `${at.bucket ?? ''}/${at.prefix ?? ''}` : `local:${at.path ?? ''}`);
    }),
  );
  return log;
}

test('a change lists again the pane that shows it, and never the other pane', async ({ page }) => {
  const server = testServers().find((s) => s.kind === 'minio') ?? testServers()[0];
  if (!server) throw new Error('no S3 server is running');
  const bucket = uniqueBucket('refresh');
  const made = uniqueBucket('made');
  await createBucket(server, bucket);
  await putObject(server, bucket, 'notes.txt', Buffer.from('notes\n'));
  await putObject(server, bucket, 'keep/k.txt', Buffer.from('kept\n'));
  const log = listingLog(page);

  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto(serve.url);
  await addConnection(page, server);
  const one = page.getByRole('region', { name: 'Pane 1' });
  const two = page.getByRole('region', { name: 'Pane 2' });
  await two.getByRole('combobox', { name: 'Location of Pane 2' }).selectOption({ label: server.label });
  await open(two, bucket);
  await open(two, 'keep/');
  await expect(rowNamed(two, 'k.txt')).toBeVisible();
  await one.getByRole('combobox', { name: 'Location of Pane 1' }).selectOption({ label: server.label });
  await open(one, bucket);
  await expect(rowNamed(one, 'notes.txt')).toBeVisible();

  const other = `${bucket}/keep/`;
  const mine = `${bucket}/`;
  /** Runs `change`, waits for Pane 1 to be listed again and for things to settle; Pane 2 must not have been listed. */
  const check = async (what: string, change: () => Promise<void>, listed = mine) => {
    const from = log.length;
    await change();
    await expect.poll(() => log.slice(from).includes(listed), { message: `${what} lists ${listed} again` }).toBe(true);
    // Anything a stray refresh would send has long gone out by now.
    await page.waitForTimeout(1500);
    expect(log.slice(from), `${what} must not list ${other}`).not.toContain(other);
  };

  await check('New folder', async () => {
    await one.getByRole('button', { name: 'New folder' }).click();
    const dialog = page.getByRole('dialog', { name: 'New folder' });
    await dialog.getByRole('textbox', { name: 'Folder name' }).fill('fresh');
    await dialog.getByRole('button', { name: 'Create' }).click();
    await expect(rowNamed(one, 'fresh/')).toBeVisible();
  });

  await check('Rename', async () => {
    await rowNamed(one, 'notes.txt').click();
    await page.keyboard.press('F2');
    const dialog = page.getByRole('dialog', { name: 'Rename notes.txt' });
    await dialog.getByRole('textbox', { name: 'Name' }).fill('memo.txt');
    await dialog.getByRole('button', { name: 'Rename' }).click();
    await expect(rowNamed(one, 'memo.txt')).toBeVisible();
    // The move job's own end refreshes again: wait for it, so its refresh falls inside this check.
    await expect(page.getByRole('region', { name: 'Transfers' }).getByRole('listitem', { name: /notes\.txt/ })).toContainText('Done');
  });

  await check('Delete', async () => {
    await rowNamed(one, 'fresh/').click();
    await page.keyboard.press('Delete');
    const dialog = page.getByRole('alertdialog', { name: 'Delete fresh/' });
    await dialog.getByRole('button', { name: /^Delete/ }).click();
    await expect(rowNamed(one, 'fresh/')).toHaveCount(0);
  });

  await one.getByRole('button', { name: 'Up one level in Pane 1' }).click();
  await expect(rowNamed(one, bucket)).toBeVisible();
  await check(
    'New bucket',
    async () => {
      await one.getByRole('button', { name: 'New bucket' }).click();
      const dialog = page.getByRole('dialog', { name: /^New bucket on / });
      await dialog.getByRole('textbox', { name: 'Bucket name' }).fill(made);
      await dialog.getByRole('button', { name: 'Create' }).click();
      await expect(rowNamed(one, made)).toBeVisible();
    },
    '/',
  );
  await check(
    'Delete bucket',
    async () => {
      await rowNamed(one, made).click();
      await page.keyboard.press('Delete');
      const dialog = page.getByRole('alertdialog', { name: `Delete bucket ${made}` });
      await dialog.getByRole('button', { name: 'Delete bucket' }).click();
      await expect(rowNamed(one, made)).toHaveCount(0);
    },
    '/',
  );

  // The log does see Pane 2 when Pane 2 itself is refreshed: the checks above could have failed.
  const from = log.length;
  await two.getByRole('button', { name: 'Refresh Pane 2' }).click();
  await expect.poll(() => log.slice(from)).toContain(other);
});
