// Rename and Delete from a row's context menu, the Settings switch "Confirm
// before deleting" both ways (off: objects in a bucket without versions go
// at once; a bucket that keeps versions still asks), and the inspector
// showing the object as it is after a rename and a delete. By role and name,
// on MinIO (the versioned bucket needs it), screenshots kept.
import { CreateBucketCommand, PutBucketVersioningCommand } from '@aws-sdk/client-s3';
import { expect, test, type Page } from '@playwright/test';
import { addConnection, rowNamed } from '../flows/first-slice';
import { keepScreens } from '../flows/screens';
import { startServeProcess, type ServeProcess } from '../flows/serve-process';
import { testServers } from '../flows/test-servers';
import { headObject, putObject, sdkClient, uniqueBucket } from '../servers/s3-direct';

let serve: ServeProcess;

test.beforeAll(async () => {
  serve = await startServeProcess();
});

test.afterAll(async () => {
  await serve.stop();
});

const pane = (page: Page) => page.getByRole('region', { name: 'Pane 1' });

async function goTo(page: Page, address: string): Promise<void> {
  const box = pane(page).getByRole('textbox', { name: 'Address' });
  await box.fill(address);
  await box.press('Enter');
  await expect(box).toHaveValue(address);
}

async function setConfirmDelete(page: Page, on: boolean, shoot: () => Promise<void>): Promise<void> {
  await page.getByRole('button', { name: 'Settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  const box = dialog.getByRole('checkbox', { name: 'Confirm before deleting' });
  await box.setChecked(on);
  await expect(box).toHaveAccessibleDescription(/Delete permanently.*always ask/);
  await shoot();
  await dialog.getByRole('button', { name: 'Save settings' }).click();
  await expect(dialog).toBeHidden();
}

test('the row menu renames and deletes; "Confirm before deleting" off deletes at once except where versions are kept', async ({
  page,
}, testInfo) => {
  const server = testServers().find((s) => s.kind === 'minio');
  test.skip(!server, 'the versioned half needs MinIO');
  if (!server) return;
  const plain = uniqueBucket('menu-del');
  const kept = uniqueBucket('menu-ver');
  const s3 = sdkClient(server);
  await s3.send(new CreateBucketCommand({ Bucket: plain }));
  await s3.send(new CreateBucketCommand({ Bucket: kept }));
  await s3.send(new PutBucketVersioningCommand({ Bucket: kept, VersioningConfiguration: { Status: 'Enabled' } }));
  for (const name of ['a.txt', 'b.txt', 'c.txt']) await putObject(server, plain, name, Buffer.from(`${name}\n`));
  await putObject(server, kept, 'kept.txt', Buffer.from('kept\n'));
  const gone = (bucket: string, key: string) =>
    headObject(server, bucket, key).then(
      () => false,
      () => true,
    );

  await page.goto(serve.url);
  await addConnection(page, server);
  await goTo(page, `${server.label}:${plain}/`);
  const inspector = page.getByRole('region', { name: 'Inspector' });

  // Rename from the menu: the same dialog as F2; the inspector then shows the new name, not the old object.
  await rowNamed(pane(page), 'a.txt').click();
  await expect(inspector).toContainText('a.txt');
  await rowNamed(pane(page), 'a.txt').click({ button: 'right' });
  const menu = page.getByRole('menu', { name: 'Actions for a.txt' });
  await expect(menu.getByRole('menuitem', { name: /^Rename/ })).toHaveText('RenameF2');
  await keepScreens(page, testInfo, 'row-menu-manage');
  await menu.getByRole('menuitem', { name: /^Rename/ }).click();
  const rename = page.getByRole('dialog', { name: 'Rename a.txt' });
  await rename.getByRole('textbox', { name: 'Name' }).fill('renamed.txt');
  await rename.getByRole('button', { name: 'Rename' }).click();
  await expect(rename).toBeHidden();
  await expect(rowNamed(pane(page), 'renamed.txt')).toBeVisible();
  await expect.poll(() => gone(plain, 'a.txt')).toBe(true);
  await expect(inspector).not.toContainText('a.txt');

  // Confirm on (the default): Delete from the menu asks first; Cancel keeps the object.
  await rowNamed(pane(page), 'b.txt').click({ button: 'right' });
  await page
    .getByRole('menu', { name: 'Actions for b.txt' })
    .getByRole('menuitem', { name: /^Delete/ })
    .click();
  const ask = page.getByRole('alertdialog', { name: 'Delete b.txt' });
  await expect(ask).toContainText('Delete 1 object');
  await ask.getByRole('button', { name: 'Cancel' }).click();
  await expect(ask).toBeHidden();
  expect(await gone(plain, 'b.txt')).toBe(false);

  // Confirm off: Delete removes it with no dialog, and the inspector no longer shows it.
  await setConfirmDelete(page, false, () => keepScreens(page, testInfo, 'settings-confirm-off'));
  await rowNamed(pane(page), 'b.txt').click();
  await expect(inspector).toContainText('b.txt');
  await page.keyboard.press('Delete');
  await expect(rowNamed(pane(page), 'b.txt')).toHaveCount(0);
  await expect(page.getByRole('alertdialog')).toHaveCount(0);
  expect(await gone(plain, 'b.txt')).toBe(true);
  await expect(inspector).not.toContainText('b.txt');
  expect(await gone(plain, 'c.txt')).toBe(false);

  // A bucket that keeps versions still asks, whatever the setting.
  await goTo(page, `${server.label}:${kept}/`);
  await rowNamed(pane(page), 'kept.txt').click({ button: 'right' });
  await page
    .getByRole('menu', { name: 'Actions for kept.txt' })
    .getByRole('menuitem', { name: /^Delete/ })
    .click();
  const versioned = page.getByRole('alertdialog', { name: 'Delete kept.txt' });
  await expect(versioned).toContainText('delete markers are added and nothing is destroyed');
  await versioned.getByRole('button', { name: 'Cancel' }).click();
  expect(await gone(kept, 'kept.txt')).toBe(false);
});
