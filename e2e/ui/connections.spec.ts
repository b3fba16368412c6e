import { expect, test, type Page, type WebSocket as PwSocket } from '@playwright/test';
import { chooseProvider } from '../flows/first-slice';
import { keepScreens } from '../flows/screens';
import { startServeProcess, type ServeProcess } from '../flows/serve-process';
import { testServers } from '../flows/test-servers';
import { createBucket, uniqueBucket } from '../servers/s3-direct';

let serve: ServeProcess;

test.beforeAll(async () => {
  serve = await startServeProcess();
});

test.afterAll(async () => {
  expect(await serve.stop()).toBe(0);
});

function minio() {
  const s = testServers().find((x) => x.kind === 'minio');
  if (!s) throw new Error('MinIO is needed for the connection UI tests');
  return s;
}

/** Every frame the page receives over the serve-mode WebSocket, for the secret search. */
function recordFrames(page: Page): string[] {
  const frames: string[] = [];
  page.on('websocket', (ws: PwSocket) =>
    ws.on('framereceived', (f) => frames.push(typeof f.payload === 'string' ? f.payload : f.payload.toString('utf8'))),
  );
  return frames;
}

test('set up MinIO through its preset, test it, save it, reload: still there, secret never shown', async ({ page }, testInfo) => {
  const s = minio();
  const bucket = uniqueBucket('ui');
  await createBucket(s, bucket);
  const frames = recordFrames(page);
  await page.goto(serve.url);
  await page.getByRole('button', { name: 'Add connection' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add connection' });

  // The picker filters as the user types.
  const picker = dialog.getByRole('combobox', { name: 'Provider' });
  await picker.fill('min');
  await expect(dialog.getByRole('option', { name: 'MinIO', exact: true })).toBeVisible();
  await expect(dialog.getByRole('option', { name: 'Amazon S3' })).toHaveCount(0);
  await chooseProvider(dialog, 'min', 'MinIO');
  // Only MinIO's fields: an endpoint and a region, no account id.
  await expect(dialog.getByLabel('Account ID')).toHaveCount(0);
  await dialog.getByLabel('Name', { exact: true }).fill('Lab MinIO');
  await dialog.getByLabel('Endpoint URL').fill(s.endpoint);
  await expect(dialog.getByLabel('Region')).toHaveValue('us-east-1');
  await dialog.getByLabel('Access key ID').fill(s.accessKeyId);
  await dialog.getByLabel('Secret access key').fill(s.secretAccessKey);

  // A bucket's address pasted as the endpoint: named, with the endpoint to use instead.
  await dialog.getByLabel('Endpoint URL').fill(`${s.endpoint}/${bucket}`);
  await dialog.getByRole('button', { name: 'Test connection' }).click();
  const result = dialog.getByRole('status', { name: 'Connection test' });
  await expect(result).toContainText(`The endpoint has a path (/${bucket}), and the server took it for a bucket`);
  await expect(result).toContainText(`Use ${s.endpoint} as the endpoint`);
  await keepScreens(page, testInfo, 'connection-bucket-in-endpoint', result);
  await dialog.getByLabel('Endpoint URL').fill(s.endpoint);

  await dialog.getByRole('button', { name: 'Test connection' }).click();
  await expect(result).toContainText('Connected.');
  await expect(result).toContainText('List buckets: passed');
  await expect(result).toContainText('Conditional writes: passed');
  await expect(result).toContainText('skip and ask uploads need no look-up first');
  await keepScreens(page, testInfo, 'connection-tested', result);

  await dialog.getByRole('button', { name: 'Save connection' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('1 connection')).toBeVisible();

  await page.reload();
  await expect(page.getByText('1 connection')).toBeVisible();
  await page.getByRole('button', { name: 'Connections', exact: true }).click();
  const manager = page.getByRole('dialog', { name: 'Connections' });
  const item = manager.getByRole('listitem', { name: 'Lab MinIO' });
  await expect(item).toContainText('MinIO');
  await expect(item).toContainText(s.endpoint);
  await expect(item).toContainText('key kept for this session');
  await item.getByRole('button', { name: 'Edit Lab MinIO' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit connection' });
  await expect(edit.getByRole('combobox', { name: 'Provider' })).toHaveValue('MinIO');
  await expect(edit.getByLabel('Secret access key')).toHaveValue('');
  await expect(edit.getByLabel('Secret access key')).toHaveAttribute('placeholder', /leave empty to keep/);
  // Testing the saved connection uses the stored key, which the page never had.
  await edit.getByRole('button', { name: 'Test connection' }).click();
  await expect(edit.getByRole('status', { name: 'Connection test' })).toContainText('Connected.');
  await edit.getByRole('button', { name: 'Cancel' }).click();

  expect(await page.content()).not.toContain(s.secretAccessKey);
  expect(frames.length).toBeGreaterThan(5);
  for (const frame of frames) expect(frame).not.toContain(s.secretAccessKey);
});

test('keyboard only: pick Cloudflare R2, the endpoint follows the account id; a wrong secret is named', async ({ page }) => {
  const s = minio();
  await page.goto(serve.url);
  const count = page.getByText(/^\d+ connections?$/);
  const before = await count.textContent();
  await page.getByRole('button', { name: 'Add connection' }).focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Add connection' });
  // The first choice to make has the focus.
  await expect(dialog.getByRole('combobox', { name: 'Provider' })).toBeFocused();
  await page.keyboard.type('cloudfl');
  await expect(dialog.getByRole('option')).toHaveText(['Cloudflare R2']);
  await page.keyboard.press('ArrowDown');
  await expect(dialog.getByRole('option', { name: 'Cloudflare R2' })).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('combobox', { name: 'Provider' })).toHaveValue('Cloudflare R2');
  await expect(dialog.getByLabel('Region')).toHaveCount(0);
  await page.keyboard.press('Tab');
  await page.keyboard.type('R2 photos');
  await page.keyboard.press('Tab');
  await expect(dialog.getByLabel('Account ID')).toBeFocused();
  await page.keyboard.type('F00DCAFE');
  await expect(dialog.getByLabel('Endpoint URL')).toHaveValue('https://f00dcafe.r2.cloudflarestorage.com');

  // Back to "Other S3-compatible" for a server that exists here, still by keyboard.
  await dialog.getByRole('combobox', { name: 'Provider' }).focus();
  await page.keyboard.type('other');
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('combobox', { name: 'Provider' })).toHaveValue('Other S3-compatible');
  await dialog.getByLabel('Endpoint URL').focus();
  await page.keyboard.type(s.endpoint);
  await dialog.getByLabel('Access key ID').focus();
  await page.keyboard.type(s.accessKeyId);
  await page.keyboard.press('Tab');
  await page.keyboard.type('not-the-right-secret');
  await dialog.getByRole('button', { name: 'Test connection' }).focus();
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('status', { name: 'Connection test' })).toContainText('The secret key does not match');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  // Escape saved nothing.
  await expect(count).toHaveText(before ?? '');
});

test('edit, duplicate, re-order and delete connections', async ({ page }) => {
  const s = minio();
  await page.goto(serve.url);
  const before = Number((await page.getByText(/^\d+ connections?$/).textContent())?.split(' ')[0] ?? '0');
  await page.getByRole('button', { name: 'Add connection' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add connection' });
  await chooseProvider(dialog, 'other', 'Other S3-compatible');
  await dialog.getByLabel('Name', { exact: true }).fill('Alpha');
  await dialog.getByLabel('Endpoint URL').fill(s.endpoint);
  await dialog.getByLabel('Access key ID').fill(s.accessKeyId);
  await dialog.getByLabel('Secret access key').fill(s.secretAccessKey);
  await dialog.getByRole('button', { name: 'Save connection' }).click();
  await expect(dialog).toBeHidden();

  await page.getByRole('button', { name: 'Connections', exact: true }).click();
  const manager = page.getByRole('dialog', { name: 'Connections' });
  await manager.getByRole('button', { name: 'Duplicate Alpha' }).click();
  await expect(manager.getByRole('listitem', { name: 'Alpha (copy)' })).toBeVisible();

  await manager.getByRole('button', { name: 'Edit Alpha (copy)' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit connection' });
  await edit.getByLabel('Name', { exact: true }).fill('Beta');
  await edit.getByRole('button', { name: 'Save connection' }).click();
  await expect(edit).toBeHidden();

  const names = () => manager.getByRole('listitem').allTextContents();
  await expect(manager.getByRole('listitem', { name: 'Beta' })).toBeVisible();
  await manager.getByRole('button', { name: 'Move Beta up' }).click();
  await expect
    .poll(async () => (await names()).findIndex((t) => t.startsWith('Beta')) < (await names()).findIndex((t) => t.startsWith('Alpha')))
    .toBe(true);
  // The order is the panes' order too.
  const options = page.getByRole('combobox', { name: 'Location of Pane 1' }).getByRole('option');
  await expect.poll(async () => (await options.allTextContents()).filter((t) => t === 'Alpha' || t === 'Beta')).toEqual(['Beta', 'Alpha']);

  await manager.getByRole('button', { name: 'Delete Beta' }).click();
  await manager.getByRole('button', { name: 'Confirm delete Beta' }).click();
  await expect(manager.getByRole('listitem', { name: 'Beta' })).toHaveCount(0);
  await manager.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByText(before + 1 === 1 ? '1 connection' : `${before + 1} connections`)).toBeVisible();
});

test('the key vault: create it, lock it, a wrong passphrase is refused, the right one unlocks', async ({ page }) => {
  await page.goto(serve.url);
  await page.getByRole('button', { name: 'Connections', exact: true }).click();
  const manager = page.getByRole('dialog', { name: 'Connections' });
  const storage = manager.getByRole('region', { name: 'Key storage' });
  await expect(storage).toContainText('for this session only');
  await storage.getByRole('button', { name: /passphrase vault/ }).click();
  await storage.getByLabel('New vault passphrase').fill('correct horse battery');
  await storage.getByLabel('Repeat the passphrase').fill('correct horse battery');
  await storage.getByRole('button', { name: 'Create vault' }).click();
  await expect(storage).toContainText('in the passphrase vault (unlocked)');
  await storage.getByRole('button', { name: 'Lock vault' }).click();

  const prompt = page.getByRole('dialog', { name: 'Unlock key vault' });
  await expect(prompt).toBeVisible();
  await prompt.getByLabel('Vault passphrase').fill('wrong horse battery');
  await prompt.getByRole('button', { name: 'Unlock' }).click();
  await expect(prompt.getByRole('alert')).toContainText('does not open the key vault');
  await prompt.getByLabel('Vault passphrase').fill('correct horse battery');
  await prompt.getByRole('button', { name: 'Unlock' }).click();
  await expect(prompt).toBeHidden();
  await expect(storage).toContainText('in the passphrase vault (unlocked)');
});

test('serve --vault: the page asks for a vault first, then keeps keys in it', async ({ page }) => {
  const vaultServe = await startServeProcess(['--vault']);
  try {
    await page.goto(vaultServe.url);
    const prompt = page.getByRole('dialog', { name: 'Create key vault' });
    await expect(prompt).toBeVisible();
    await expect(prompt.getByLabel('New vault passphrase')).toBeFocused();
    await prompt.getByLabel('New vault passphrase').fill('serve vault pass');
    await prompt.getByLabel('Repeat the passphrase').fill('serve vault pass, typo');
    await prompt.getByRole('button', { name: 'Create vault' }).click();
    await expect(prompt.getByRole('alert')).toContainText('The two passphrases differ');
    await prompt.getByLabel('Repeat the passphrase').fill('serve vault pass');
    await prompt.getByRole('button', { name: 'Create vault' }).click();
    await expect(prompt).toBeHidden();
    const s = minio();
    await page.getByRole('button', { name: 'Add connection' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add connection' });
    await chooseProvider(dialog, 'minio', 'MinIO');
    await dialog.getByLabel('Name', { exact: true }).fill('Vaulted');
    await dialog.getByLabel('Endpoint URL').fill(s.endpoint);
    await dialog.getByLabel('Access key ID').fill(s.accessKeyId);
    await dialog.getByLabel('Secret access key').fill(s.secretAccessKey);
    await dialog.getByRole('button', { name: 'Save connection' }).click();
    await expect(dialog).toBeHidden();
    await page.getByRole('button', { name: 'Connections', exact: true }).click();
    await expect(page.getByRole('dialog', { name: 'Connections' }).getByRole('listitem', { name: 'Vaulted' })).toContainText('key stored');
  } finally {
    expect(await vaultServe.stop()).toBe(0);
  }
});
