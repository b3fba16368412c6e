/**
 * G3 (benchmarks.md): frame times while scrolling a pane of `rows` rows with
 * six panes open and a copy of `copy` small objects running, MinIO → versitygw,
 * started from the window as a user does (a row's menu, "Copy to Pane 2").
 * The window must not stutter because work is running. Whether the copy was
 * still running when the scrolling ended is measured (objects at the
 * destination), not assumed, and reported with the figures.
 */
import { chromium } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { addConnection, rowNamed } from '../../e2e/flows/first-slice';
import { startServeProcess } from '../../e2e/flows/serve-process';
import { startTestServers } from '../../e2e/servers/harness';
import { chromiumArgs } from '../../playwright.config';
import { smallSet, type Dataset } from '../lib/datasets';
import { createBucket, forgetClients, listKeys, seed } from '../lib/remote';
import { jumpFrames, stats, wheelFrames } from './frames';
import { mainThreadCpu } from './main-thread';
import { FOLDER, log, type Options } from './options';
import { seedFolder } from './seed';
import { loadEverything } from './window';

const PANES = 6;
const LISTED = 'ferry-ui-bench';
const SOURCE = 'ferry-g3-src';
const TARGET = 'ferry-g3-dst';

/** `copy` objects of 4 KiB under one folder, so one row's menu copies them all. */
function copySet(count: number): Dataset {
  const base = smallSet('ferry-g3', count, 4096);
  return { ...base, name: `g3-${count}`, files: base.files.map((f) => ({ ...f, key: `batch/${f.key}` })) };
}

export interface G3Figures {
  rows: number;
  panes: number;
  copyObjects: number;
  /** Objects at the destination when the copy was started from the menu, and when the scrolling ended. */
  copiedBefore: number;
  copiedAfterWheel: number;
  copiedAfter: number;
  copyRunningThroughout: boolean;
  wheel: ReturnType<typeof stats> & { cpu: Awaited<ReturnType<typeof mainThreadCpu>>['cpu'] };
  jumps: ReturnType<typeof stats> & { cpu: Awaited<ReturnType<typeof mainThreadCpu>>['cpu'] };
  chromium: string;
}

export async function measureBusyWindow(opts: Options, chromiumPath: string): Promise<G3Figures> {
  const serverRoot = join(opts.workDir, 'servers');
  mkdirSync(serverRoot, { recursive: true });
  const servers = await startTestServers({ only: ['minio', 'versitygw'], dataRoot: serverRoot });
  const minio = servers.servers.find((s) => s.kind === 'minio');
  const vgw = servers.servers.find((s) => s.kind === 'versitygw');
  const serve = await startServeProcess();
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  try {
    if (!minio || !vgw) throw new Error('G3 needs MinIO and versitygw (npm run servers:install)');
    await createBucket(minio, LISTED);
    await createBucket(minio, SOURCE);
    await createBucket(vgw, TARGET);
    log(
      `[ui-bench] G3: seeding ${opts.rows.toLocaleString('en-US')} keys to list and ${opts.copy.toLocaleString('en-US')} × 4 KiB to copy (not timed)`,
    );
    await seedFolder(minio, LISTED, opts.rows);
    await seed(minio, SOURCE, copySet(opts.copy));

    const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
    page.on('pageerror', (e) => log(`[ui-bench] page error: ${e.message}`));
    await page.goto(serve.url);
    await addConnection(page, minio);
    await addConnection(page, vgw);
    const panes = page.getByRole('region', { name: /^Pane \d$/ });
    while ((await panes.count()) < PANES) await page.getByRole('button', { name: 'New pane' }).click();
    // Pane 1 is scrolled; Pane 2 receives the copy; Pane 3 starts it; the rest show other places, as a busy workspace does.
    const places = [
      `${minio.label}:${LISTED}/${FOLDER}`,
      `${vgw.label}:${TARGET}/`,
      `${minio.label}:${SOURCE}/`,
      `${minio.label}:${SOURCE}/batch/`,
      `${minio.label}:${LISTED}/`,
      `${vgw.label}:`,
    ];
    for (const [i, place] of places.entries()) {
      const address = page.getByRole('region', { name: `Pane ${i + 1}` }).getByRole('textbox', { name: 'Address' });
      await address.fill(place);
      await address.press('Enter');
    }
    await rowNamed(page.getByRole('region', { name: 'Pane 3' }), 'batch/').waitFor();
    const loaded = await loadEverything(page, opts.rows);
    log(`[ui-bench] G3: ${loaded.toLocaleString('en-US')} rows in Pane 1, ${await panes.count()} panes open`);

    await rowNamed(page.getByRole('region', { name: 'Pane 3' }), 'batch/').click({ button: 'right' });
    await page.getByRole('menuitem', { name: 'Copy to Pane 2' }).click();
    // Measure only once objects are arriving: the copy is really running, not just asked for.
    let copiedBefore = 0;
    for (const deadline = Date.now() + 60_000; copiedBefore === 0 && Date.now() < deadline;) {
      await page.waitForTimeout(100);
      copiedBefore = (await listKeys(vgw, TARGET)).length;
    }
    if (copiedBefore === 0) throw new Error('the copy started from Pane 3 wrote nothing to Pane 2 within a minute');

    const distance = Math.min(30_000, loaded * 26 - 1000);
    const wheelRun = await mainThreadCpu(browser, page, () => wheelFrames(page, distance));
    const copiedAfterWheel = (await listKeys(vgw, TARGET)).length;
    const jumpsRun = await mainThreadCpu(browser, page, () => jumpFrames(page, 300));
    const copiedAfter = (await listKeys(vgw, TARGET)).length;
    // What the window looked like at the end (six panes, the copy in Transfers): open it to see the setup was what G3 says.
    await page.screenshot({ path: opts.screenshot });
    return {
      rows: loaded,
      panes: await panes.count(),
      copyObjects: opts.copy,
      copiedBefore,
      copiedAfterWheel,
      copiedAfter,
      copyRunningThroughout: copiedAfter < opts.copy,
      wheel: { ...stats(wheelRun.out), cpu: wheelRun.cpu },
      jumps: { ...stats(jumpsRun.out), cpu: jumpsRun.cpu },
      chromium: browser.version(),
    };
  } finally {
    await browser.close();
    await serve.stop();
    forgetClients();
    await servers.stop();
  }
}
