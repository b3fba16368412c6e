// A PDF in serve mode's preview panel (Chromium): where the browser reports
// a PDF viewer, the panel frames /preview/media and the viewer is fed the
// document as application/pdf under a sandbox; where it reports none, the
// panel says so and its Download button downloads the bytes through the
// core. The type Ferry sniffed and the type the server claimed are shown.
// Screenshots of both, light and dark, wide and narrow, are kept under
// test-results/.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
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

async function shoot(page: Page, name: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    // The viewer's own frame is Chromium's, not Ferry's: axe checks the panel around it.
    const found = await new AxeBuilder({ page }).include('.preview-panel').exclude('.preview-pdf iframe').analyze();
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

/** A one-page PDF saying "Ferry preview", with a correct cross-reference table. */
function onePagePdf(): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    '<< /Length 47 >>\nstream\nBT /F1 24 Tf 30 90 Td (Ferry preview) Tj ET\nendstream',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out);
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  out += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

async function openPdf(page: Page, pdf: Buffer) {
  const server = testServers().find((s) => s.kind === 'minio') ?? testServers()[0];
  if (!server) throw new Error('no S3 server is running');
  const bucket = uniqueBucket('pdf');
  await createBucket(server, bucket);
  // The server's claim is the generic one; Ferry's own sniffing says what it is.
  await putObject(server, bucket, 'manual.pdf', pdf, { ContentType: 'binary/octet-stream' });
  await page.setViewportSize(SIZES[0]);
  await page.goto(serve.url);
  await addConnection(page, server);
  const pane = page.getByRole('region', { name: 'Pane 1' });
  await pane.getByRole('combobox', { name: 'Location of Pane 1' }).selectOption({ label: server.label });
  await rowNamed(pane, bucket).dblclick();
  await rowNamed(pane, 'manual.pdf').click();
  await page.keyboard.press(' ');
  const preview = pane.getByRole('region', { name: 'Preview' });
  await expect(preview).toContainText('application/pdf (server says binary/octet-stream)');
  return preview;
}

test('a PDF shows in the browser’s own viewer, or the panel says there is none', async ({ page }) => {
  const pdf = onePagePdf();
  const answers: { status: number; type: string }[] = [];
  page.on('response', (r) => {
    if (!r.url().includes('/preview/media')) return;
    answers.push({ status: r.status(), type: r.headers()['content-type'] ?? '' });
  });
  const preview = await openPdf(page, pdf);
  const viewer = await page.evaluate(() => navigator.pdfViewerEnabled);
  if (viewer) {
    const frame = preview.getByTitle('PDF manual.pdf');
    await expect(frame).toBeVisible();
    await expect.poll(() => answers.filter((a) => a.status === 200 && a.type === 'application/pdf').length).toBeGreaterThan(0);
    // Chromium's viewer rewrites what the page's listeners see of the answer; the route's own headers are read directly.
    const direct = await page.request.get(new URL((await frame.getAttribute('src')) ?? '', page.url()).href);
    expect(direct.status()).toBe(200);
    expect(direct.headers()['content-type']).toBe('application/pdf');
    expect(direct.headers()['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'self'; sandbox");
    expect(direct.headers()['x-content-type-options']).toBe('nosniff');
    expect((await direct.body()).equals(pdf)).toBe(true);
    // Chromium's viewer took the document: the frame holds the viewer's own page, not an error page or a download.
    const inner = page.frames().find((f) => f.url().includes('/preview/media'));
    expect(inner).toBeDefined();
    await expect.poll(() => inner?.childFrames().some((f) => f.url().startsWith('chrome-extension://'))).toBe(true);
    await expect(preview.getByRole('button', { name: /^Download/ })).toHaveCount(0);
  } else {
    await expect(preview).toContainText('has no PDF viewer');
    await expect(preview.getByRole('button', { name: 'Download manual.pdf' })).toBeVisible();
    await expect(preview.locator('iframe')).toHaveCount(0);
  }
  await shoot(page, viewer ? 'preview-pdf-viewer' : 'preview-pdf-no-viewer');
});

test('without a PDF viewer the panel says so and downloads the PDF through the core', async ({ page }) => {
  // Such a browser (some kiosk and headless builds) reports it this way; the panel must not leave a blank frame.
  await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'pdfViewerEnabled', { get: () => false }));
  const pdf = onePagePdf();
  const preview = await openPdf(page, pdf);
  await expect(preview).toContainText('This browser has no PDF viewer, so manual.pdf');
  await expect(preview.locator('iframe')).toHaveCount(0);
  const download = page.waitForEvent('download');
  await preview.getByRole('button', { name: 'Download manual.pdf' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('manual.pdf');
  expect((await readFile(await file.path())).equals(pdf)).toBe(true);
  await expect(preview).toContainText('Your browser is downloading it.');
  await shoot(page, 'preview-pdf-no-viewer');
});
