// One click on a detected AWS profile: a temp config (AWS_CONFIG_FILE,
// AWS_SHARED_CREDENTIALS_FILE, and a temp HOME so nothing of the developer's
// is read) holds a profile whose endpoint_url is MinIO and one whose key is
// wrong. The first-start panel offers both by name; using the first adds a
// connection that lists MinIO's buckets; the add-connection dialog then
// offers only the other, and says plainly that its test failed. No secret
// from the files ever reaches the page or the WebSocket.
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { rowNamed } from '../flows/first-slice';
import { keepScreens } from '../flows/screens';
import { startServeProcess } from '../flows/serve-process';
import { testServers } from '../flows/test-servers';
import { createBucket, uniqueBucket } from '../servers/s3-direct';

async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`);
}

const WRONG_SECRET = 'wrong-secret-that-must-never-reach-the-page';

test('a detected AWS profile becomes a working connection in one click, from the first start and from Add connection', async ({
  page,
}, testInfo) => {
  const s = testServers().find((t) => t.kind === 'minio');
  if (!s) throw new Error('MinIO is not running: this spec points an AWS profile at it');
  const bucket = uniqueBucket('awsprofile');
  await createBucket(s, bucket);

  const home = mkdtempSync(path.join(tmpdir(), 'ferry-aws-home-'));
  const configFile = path.join(home, 'aws-config');
  const credentialsFile = path.join(home, 'aws-credentials');
  writeFileSync(
    configFile,
    `[profile lab]\nregion = ${s.region}\nendpoint_url = ${s.endpoint}\n\n[profile stale]\nregion = ${s.region}\nendpoint_url = ${s.endpoint}\n`,
  );
  writeFileSync(
    credentialsFile,
    `[lab]\naws_access_key_id = ${s.accessKeyId}\naws_secret_access_key = ${s.secretAccessKey}\n\n[stale]\naws_access_key_id = ${s.accessKeyId}\naws_secret_access_key = ${WRONG_SECRET}\n`,
  );
  const serve = await startServeProcess([], { HOME: home, AWS_CONFIG_FILE: configFile, AWS_SHARED_CREDENTIALS_FILE: credentialsFile });
  const frames: string[] = [];
  page.on('websocket', (ws) => ws.on('framereceived', (f) => frames.push(String(f.payload))));
  try {
    await page.goto(serve.url);
    const start = page.getByRole('region', { name: 'Start here' });
    const offers = start.getByRole('group', { name: 'AWS profiles on this machine' });
    await expect(offers.getByRole('button', { name: 'Use AWS profile lab' })).toBeVisible();
    await expect(offers.getByRole('button', { name: 'Use AWS profile stale' })).toBeVisible();
    await expect(offers).toContainText(`endpoint ${s.endpoint}`);
    await keepScreens(page, testInfo, 'aws-profile-first-start');
    expect(await seriousViolations(page)).toEqual([]);

    await offers.getByRole('button', { name: 'Use AWS profile lab' }).click();
    await expect(start.getByRole('status').filter({ hasText: 'Added “lab (AWS profile)”' })).toBeVisible();
    // Used profiles are not offered again.
    await expect(offers.getByRole('button', { name: 'Use AWS profile lab' })).toHaveCount(0);

    // The new connection opens in the active pane (Pane 1 at a first start), without a trip to Places.
    const p1 = page.getByRole('region', { name: 'Pane 1' });
    await expect(rowNamed(p1, bucket)).toBeVisible();
    await keepScreens(page, testInfo, 'aws-profile-used');

    await page.getByRole('button', { name: 'Add connection' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add connection' });
    const inDialog = dialog.getByRole('group', { name: 'AWS profiles on this machine' });
    await expect(inDialog.getByRole('button', { name: 'Use AWS profile lab' })).toHaveCount(0);
    await inDialog.getByRole('button', { name: 'Use AWS profile stale' }).click();
    await expect(inDialog.getByRole('alert')).toContainText('Added “stale (AWS profile)”, but its test failed');
    await expect(inDialog.getByRole('alert')).toContainText('Correct aws_secret_access_key of AWS profile "stale"');
    await keepScreens(page, testInfo, 'aws-profile-dialog');
    expect(await seriousViolations(page)).toEqual([]);

    for (const text of [await page.content(), ...frames]) {
      expect(text).not.toContain(WRONG_SECRET);
      expect(text).not.toContain(s.secretAccessKey);
    }
    expect(frames.length).toBeGreaterThan(0);
  } finally {
    await serve.stop();
    rmSync(home, { recursive: true, force: true });
  }
});
