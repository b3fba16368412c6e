// The two delete confirmations a user meets least often and must read most
// carefully, by role and name, with screenshots light and dark, wide and
// narrow: a large selection in a versioned bucket (the count and bytes of
// every object under the folder, the delete-markers warning, "Delete
// permanently" behind the bucket's name typed out, then a job in Transfers
// that leaves no version behind), and local files that go to the system's
// trash (freedesktop.org trash in a home of the test's own, where the files
// are found afterwards with their .trashinfo).
import AxeBuilder from '@axe-core/playwright';
import { CreateBucketCommand, ListObjectVersionsCommand, PutBucketVersioningCommand } from '@aws-sdk/client-s3';
import { expect, test, type Page } from '@playwright/test';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { addConnection, open, rowNamed } from '../flows/first-slice';
import { startServeProcess } from '../flows/serve-process';
import { testServers } from '../flows/test-servers';
import { putObject, sdkClient, uniqueBucket } from '../servers/s3-direct';

const SIZES = [
  { width: 1400, height: 900 },
  { width: 900, height: 700 },
] as const;

async function shoot(page: Page, name: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    const found = await new AxeBuilder({ page }).include('.manage-dialog').analyze();
    expect(found.violations.map((v) => `${scheme}: ${v.id}`)).toEqual([]);
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

test('a large delete in a versioned bucket: count and bytes, then "Delete permanently" by name runs as a job', async ({ page }) => {
  const server = testServers().find((s) => s.kind === 'minio');
  test.skip(!server, 'versioning needs MinIO');
  if (!server) return;
  const serve = await startServeProcess();
  try {
    const bucket = uniqueBucket('bigdel');
    const s3 = sdkClient(server);
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    await s3.send(new PutBucketVersioningCommand({ Bucket: bucket, VersioningConfiguration: { Status: 'Enabled' } }));
    // 1,201 objects of 1 KiB under logs/ (more than one DeleteObjects' worth, so a job), one beside it, one kept.
    const keys = Array.from({ length: 1201 }, (_, i) => `logs/${String(i % 5)}/line-${String(i).padStart(4, '0')}.log`);
    const queue = [...keys];
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        for (let k = queue.shift(); k !== undefined; k = queue.shift()) await putObject(server, bucket, k, Buffer.alloc(1024, 120));
      }),
    );
    await putObject(server, bucket, 'readme.txt', Buffer.from('hello\n'));
    await putObject(server, bucket, 'keep.txt', Buffer.from('stays\n'));

    await page.setViewportSize(SIZES[0]);
    await page.goto(serve.url);
    await addConnection(page, server);
    const pane = page.getByRole('region', { name: 'Pane 1' });
    await pane.getByRole('combobox', { name: 'Location of Pane 1' }).selectOption({ label: server.label });
    await open(pane, bucket);
    await rowNamed(pane, 'logs/').click();
    await rowNamed(pane, 'readme.txt').click({ modifiers: ['Control'] });
    await pane.getByRole('button', { name: 'Delete', exact: true }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Delete 2 items' });
    await expect(confirm).toContainText('Delete 1 object and 1 folder (1,202 objects, 1.2 MiB)?');
    await expect(confirm).toContainText('delete markers are added and nothing is destroyed');
    await expect(confirm).toContainText('It runs in Transfers');
    const forever = confirm.getByRole('button', { name: 'Delete permanently' });
    await expect(forever).toBeDisabled();
    const typed = confirm.getByRole('textbox', { name: /Type the bucket name/ });
    await typed.fill(bucket.slice(0, -1));
    await expect(forever).toBeDisabled();
    await typed.fill(bucket);
    await expect(forever).toBeEnabled();
    await shoot(page, 'delete-large-versioned');

    await forever.click();
    await expect(confirm).toBeHidden();
    const transfers = page.getByRole('region', { name: 'Transfers' });
    await expect(transfers).toContainText(`in ${bucket}, every version`);
    const left = async () => {
      const out = await s3.send(new ListObjectVersionsCommand({ Bucket: bucket }));
      return [...(out.Versions ?? []), ...(out.DeleteMarkers ?? [])].map((v) => v.Key);
    };
    await expect.poll(left, { timeout: 60_000 }).toEqual(['keep.txt']);
    await expect(rowNamed(pane, 'logs/')).toHaveCount(0);
    await expect(rowNamed(pane, 'keep.txt')).toHaveCount(1);
  } finally {
    await serve.stop();
  }
});

test('local files go to the trash after a confirmation that says so', async ({ page }) => {
  const home = mkdtempSync(path.join(tmpdir(), 'ferry-trash-home-'));
  const dataHome = path.join(home, '.local', 'share');
  mkdirSync(path.join(home, 'old'), { recursive: true });
  writeFileSync(path.join(home, 'draft.txt'), 'first draft\n');
  writeFileSync(path.join(home, 'old', 'a.txt'), 'a\n');
  writeFileSync(path.join(home, 'old', 'b.txt'), 'bb\n');
  writeFileSync(path.join(home, 'stays.txt'), 'kept\n');
  const serve = await startServeProcess([], { HOME: home, XDG_DATA_HOME: dataHome });
  try {
    await page.setViewportSize(SIZES[0]);
    await page.goto(serve.url);
    // Both panes open at the server's home, the test's own folder.
    const pane = page.getByRole('region', { name: 'Pane 2' });
    await rowNamed(pane, 'draft.txt').click();
    await rowNamed(pane, 'old').click({ modifiers: ['Control'] });
    await page.keyboard.press('Delete');
    const confirm = page.getByRole('alertdialog', { name: 'Delete 2 items' });
    await expect(confirm).toContainText(
      'Delete 1 file and 1 folder (3 files, 17 bytes)? They go to the trash, where they can be restored.',
    );
    await shoot(page, 'delete-local-trash');
    await confirm.getByRole('button', { name: 'Delete (move to trash)' }).click();
    await expect(confirm).toBeHidden();
    await expect(rowNamed(pane, 'draft.txt')).toHaveCount(0);
    await expect(rowNamed(pane, 'stays.txt')).toHaveCount(1);
    expect(existsSync(path.join(home, 'draft.txt'))).toBe(false);
    const trash = path.join(dataHome, 'Trash');
    expect(readdirSync(path.join(trash, 'files')).sort()).toEqual(['draft.txt', 'old']);
    expect(readFileSync(path.join(trash, 'files', 'old', 'b.txt'), 'utf8')).toBe('bb\n');
    expect(readFileSync(path.join(trash, 'info', 'draft.txt.trashinfo'), 'utf8')).toContain(`Path=${path.join(home, 'draft.txt')}`);
  } finally {
    await serve.stop();
  }
});
