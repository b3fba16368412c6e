// The connection dialog's Proxy section in serve mode, against MinIO behind
// the forward proxy of e2e/servers/forward-proxy.ts (basic auth, counting
// what it carries): mistakes in the URL are named beside it as they are
// typed, a wrong password gives the proxy's 407 in the test result, the right
// one connects through it, and after saving the form only says a password is
// kept. The password never reaches the page or a WebSocket frame.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page, type WebSocket as PwSocket } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { chooseProvider } from '../flows/first-slice';
import { keepScreens } from '../flows/screens';
import { startServeProcess, type ServeProcess } from '../flows/serve-process';
import { testServers } from '../flows/test-servers';
import { startProxy, type ForwardProxy } from '../servers/forward-proxy';

const PASSWORD = `ui-pr0xy-${randomBytes(8).toString('hex')}`;
const WRONG = `ui-wr0ng-${randomBytes(8).toString('hex')}`;

let serve: ServeProcess;
let proxy: ForwardProxy;

test.beforeAll(async () => {
  proxy = await startProxy();
  proxy.credentials = `ferry:${PASSWORD}`;
  // No proxy from the environment: whatever the proxy carries, the connection's setting sent it.
  serve = await startServeProcess([], { HTTP_PROXY: '', HTTPS_PROXY: '', http_proxy: '', https_proxy: '', ALL_PROXY: '', all_proxy: '' });
});

test.afterAll(async () => {
  expect(await serve.stop()).toBe(0);
  await proxy.close();
});

async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`);
}

test('fill the Proxy section, see a refused password named, connect through the proxy, save: the password stays in the core', async ({
  page,
}, testInfo) => {
  const s = testServers().find((x) => x.kind === 'minio');
  if (!s) throw new Error('MinIO is needed for the proxy UI test');
  const frames: string[] = [];
  page.on('websocket', (ws: PwSocket) =>
    ws.on('framereceived', (f) => frames.push(typeof f.payload === 'string' ? f.payload : f.payload.toString('utf8'))),
  );
  await page.goto(serve.url);
  await page.getByRole('button', { name: 'Add connection' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add connection' });
  await chooseProvider(dialog, 'min', 'MinIO');
  await dialog.getByLabel('Name', { exact: true }).fill('MinIO behind proxy');
  await dialog.getByLabel('Endpoint URL').fill(s.endpoint);
  await dialog.getByLabel('Access key ID').fill(s.accessKeyId);
  await dialog.getByLabel('Secret access key').fill(s.secretAccessKey);

  await dialog.getByText('Proxy: system or environment').click();
  const section = dialog.getByRole('group', { name: 'How Ferry reaches this endpoint' });
  await expect(section.getByRole('radio', { name: 'System or environment' })).toBeChecked();
  await section.getByRole('radio', { name: 'This proxy' }).check();
  await expect(dialog.getByText('Proxy: this connection’s own')).toBeVisible();
  const url = section.getByRole('textbox', { name: 'Proxy URL' });

  // Each mistake is named beside the field as it is typed.
  for (const [typed, words] of [
    ['socks5://127.0.0.1:1080', 'Only HTTP and HTTPS proxies are supported, not socks5://.'],
    ['http://127.0.0.1:70000', 'The port must be a number from 1 to 65535, not "70000".'],
    [`http://ferry:${WRONG}@127.0.0.1:3128`, 'Put the user name and password in the fields below, not in the URL.'],
  ] as const) {
    await url.fill(typed);
    await expect(url).toHaveAttribute('aria-invalid', 'true');
    await expect(url).toHaveAccessibleDescription(words);
  }
  await keepScreens(
    page,
    testInfo,
    'proxy-url-error',
    section.getByText('Put the user name and password in the fields below, not in the URL.'),
  );

  await url.fill(proxy.url);
  await expect(url).not.toHaveAttribute('aria-invalid', 'true');
  await section.getByRole('textbox', { name: 'Proxy user name (optional)' }).fill('ferry');
  await section.getByLabel('Proxy password').fill(WRONG);
  await dialog.getByRole('button', { name: 'Test connection' }).click();
  const result = dialog.getByRole('status', { name: 'Connection test' });
  await expect(result).toContainText('Failed.');
  await expect(result).toContainText(
    `The proxy ${proxy.url} (from the connection's proxy setting) refused to connect to ${new URL(s.endpoint).host} (HTTP 407 Proxy Authentication Required). It did not accept the user name and password given for it.`,
  );
  expect(proxy.refusedAuth).toBeGreaterThan(0);
  // The way out is offered with the result: it puts the focus on the password, its text selected for retyping.
  await result.getByRole('button', { name: 'Enter the proxy password' }).click();
  await expect(section.getByLabel('Proxy password')).toBeFocused();
  await keepScreens(page, testInfo, 'proxy-refused', result);

  await section.getByLabel('Proxy password').fill(PASSWORD);
  const before = proxy.forwarded.length;
  await dialog.getByRole('button', { name: 'Test connection' }).click();
  await expect(result).toContainText('Connected.');
  await expect(result).toContainText(`through the proxy ${proxy.url} (from the connection's proxy setting)`);
  expect(proxy.forwarded.length).toBeGreaterThan(before);
  await keepScreens(page, testInfo, 'proxy-connected', result);
  expect(await seriousViolations(page)).toEqual([]);

  await dialog.getByRole('button', { name: 'Save connection' }).click();
  await expect(dialog).toBeHidden();

  // Editing: the password is only "saved"; testing the saved connection still goes through the proxy with it.
  await page.getByRole('button', { name: 'Connections', exact: true }).click();
  const manager = page.getByRole('dialog', { name: 'Connections' });
  await expect(manager.getByRole('listitem', { name: 'MinIO behind proxy' })).toContainText(`via ${proxy.url}`);
  await manager.getByRole('button', { name: 'Edit MinIO behind proxy' }).click();
  const edit = page.getByRole('dialog', { name: 'Edit connection' });
  const saved = edit.getByRole('group', { name: 'How Ferry reaches this endpoint' });
  await expect(saved.getByRole('radio', { name: 'This proxy' })).toBeChecked();
  await expect(saved.getByRole('textbox', { name: 'Proxy URL' })).toHaveValue(proxy.url);
  await expect(saved.getByLabel('Proxy password')).toHaveValue('');
  await expect(saved.getByLabel('Proxy password')).toHaveAttribute('placeholder', 'Saved: leave empty to keep it');
  await expect(saved).toContainText('A password is saved for this session.');
  await expect(saved.getByRole('button', { name: 'Forget saved password' })).toBeVisible();
  const beforeSaved = proxy.forwarded.length;
  await edit.getByRole('button', { name: 'Test connection' }).click();
  await expect(edit.getByRole('status', { name: 'Connection test' })).toContainText('Connected.');
  expect(proxy.forwarded.length).toBeGreaterThan(beforeSaved);
  await keepScreens(page, testInfo, 'proxy-edit', saved);
  await edit.getByRole('button', { name: 'Cancel' }).click();

  const html = await page.content();
  for (const secret of [PASSWORD, WRONG]) {
    expect(html).not.toContain(secret);
    expect(frames.filter((f) => f.includes(secret))).toEqual([]);
  }
  expect(frames.length).toBeGreaterThan(5);
});
