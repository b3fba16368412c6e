// The same first slice in the real desktop shell. It needs Electron's
// runtime binary, which cannot be downloaded on every machine; where it is
// missing the test is skipped with one line saying so.
import { _electron as electron, test } from '@playwright/test';
import path from 'node:path';
import { electronBinary } from '../../scripts/electron-runtime.mjs';
import { runFirstSlice, seedSlice } from '../flows/first-slice';
import { twoDifferentServers } from '../flows/test-servers';

const binary = electronBinary();

test('desktop: add two servers, inspect an object, drag it across clouds', async () => {
  const testInfo = test.info();
  test.skip(!binary, 'Electron runtime not installed here (npm start fetches it where the network allows); serve mode covers this flow');
  const [a, b] = twoDifferentServers();
  const data = await seedSlice(a, b);
  const app = await electron.launch({
    executablePath: binary ?? undefined,
    // Root in a container cannot use Chromium's sandbox; elsewhere it stays on.
    args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), path.resolve('dist/main/index.cjs')],
  });
  try {
    const page = await app.firstWindow();
    // Served from Ferry's own scheme, never from file://.
    test.expect(page.url()).toBe('app://ferry/index.html');
    await runFirstSlice(page, data, testInfo);
    // The page must not reach Node: the preload exposes only `ferry`, with these members.
    const exposed = await page.evaluate(() => ({
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
      ferry: Object.keys((globalThis as { ferry?: object }).ferry ?? {}).sort(),
    }));
    test.expect(exposed).toEqual({
      require: 'undefined',
      process: 'undefined',
      ferry: ['call', 'cancel', 'dragOut', 'on', 'onMenuCommand', 'pathForFile', 'pickFolder', 'stagedSources'],
    });
    // Navigation away from Ferry's page is refused by the shell.
    await page.evaluate(() => window.location.assign('https://example.invalid/'));
    await page.waitForTimeout(500);
    test.expect(page.url()).toBe('app://ferry/index.html');
  } finally {
    await app.close();
  }
});
