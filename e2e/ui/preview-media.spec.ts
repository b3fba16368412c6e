// Audio and video previews in serve mode's window (Chromium): a WAV made in
// the test plays from /preview/media, and the browser itself reads its
// duration through Range requests answered 206 a piece at a time; a seek far
// into it is served too. Screenshots of the panel, light and dark, wide and
// narrow, are kept under test-results/.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { addConnection, rowNamed } from '../flows/first-slice';
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

const SIZES = [
  { width: 1400, height: 900 },
  { width: 900, height: 700 },
] as const;

async function shoot(page: Page, name: string, scope: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    const found = await new AxeBuilder({ page }).include(scope).analyze();
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

/** Twelve seconds of a 440 Hz tone, 8 kHz mono 16-bit PCM: about 190 KiB, so it takes more than one range to play. */
function wav(seconds: number): Buffer {
  const rate = 8000;
  const samples = rate * seconds;
  const data = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++) data.writeInt16LE(Math.round(Math.sin((2 * Math.PI * 440 * i) / rate) * 8000), i * 2);
  const head = Buffer.alloc(44);
  head.write('RIFF', 0);
  head.writeUInt32LE(36 + data.length, 4);
  head.write('WAVE', 8);
  head.write('fmt ', 12);
  head.writeUInt32LE(16, 16);
  head.writeUInt16LE(1, 20);
  head.writeUInt16LE(1, 22);
  head.writeUInt32LE(rate, 24);
  head.writeUInt32LE(rate * 2, 28);
  head.writeUInt16LE(2, 32);
  head.writeUInt16LE(16, 34);
  head.write('data', 36);
  head.writeUInt32LE(data.length, 40);
  return Buffer.concat([head, data]);
}

test('an audio file plays from the bucket through ranged reads', async ({ page }) => {
  const server = testServers().find((s) => s.kind === 'minio') ?? testServers()[0];
  if (!server) throw new Error('no S3 server is running');
  const bucket = uniqueBucket('media');
  await createBucket(server, bucket);
  await putObject(server, bucket, 'tone.wav', wav(12), { ContentType: 'audio/wav' });
  const ranges: { range: string | null; status: number }[] = [];
  page.on('response', (r) => {
    if (r.url().includes('/preview/media')) ranges.push({ range: r.request().headers()['range'] ?? null, status: r.status() });
  });

  await page.setViewportSize(SIZES[0]);
  await page.goto(serve.url);
  await addConnection(page, server);
  const pane = page.getByRole('region', { name: 'Pane 1' });
  await pane.getByRole('combobox', { name: 'Location of Pane 1' }).selectOption({ label: server.label });
  await rowNamed(pane, bucket).dblclick();
  await rowNamed(pane, 'tone.wav').click();
  await page.keyboard.press(' ');
  const preview = pane.getByRole('region', { name: 'Preview' });
  const player = preview.locator('audio');
  await expect(player).toHaveAttribute('aria-label', 'Play tone.wav');
  await expect(preview).toContainText('streamed from the bucket');
  // The browser read the header through the route and knows how long it is.
  await expect.poll(() => player.evaluate((a: HTMLAudioElement) => Math.round(a.duration))).toBe(12);
  // A seek near the end is answered from the middle of the object.
  await player.evaluate((a: HTMLAudioElement) => {
    a.muted = true;
    a.currentTime = 11;
  });
  await expect.poll(() => player.evaluate((a: HTMLAudioElement) => a.readyState)).toBeGreaterThanOrEqual(2);
  expect(ranges.length).toBeGreaterThan(0);
  expect(ranges.every((r) => r.status === 206)).toBe(true);
  await shoot(page, 'preview-audio', '.preview-panel');
});
