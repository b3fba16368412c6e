/**
 * The listing benchmarks that need a window (benchmarks.md L2, G1, G2), in
 * serve mode with Debian's Chromium against a fresh MinIO on tmpfs:
 *
 * - L2: from the double-click that opens a folder of N keys to the frame
 *   after its first 1,000 rows are in the grid (a fresh page each run, so no
 *   cached listing helps).
 * - G1: requestAnimationFrame deltas while the grid scrolls through all N
 *   rows once they are loaded: a steady scroll (a fast wheel) and jumps to
 *   random places (a dragged scrollbar thumb).
 * - G2: the window's JS heap and DOM size, and the core's resident memory,
 *   with all N rows loaded.
 *
 * Prints the figures and writes them to bench/results/ui-listing-<time>.json.
 * With --g3 it measures G3 instead (bench/ui/busy-window.ts).
 * Each measurement lives in its own file beside this one; this one runs them
 * in order and reports.
 */
import { chromium } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { startServeProcess } from '../../e2e/flows/serve-process';
import { startTestServers } from '../../e2e/servers/harness';
import { chromiumArgs } from '../../playwright.config';
import { createBucket, forgetClients } from '../lib/remote';
import { REPO_ROOT } from '../lib/repo';
import { firstRowsMs } from './first-rows';
import { runG3 } from './g3';
import { provenanceAtEnd, provenanceAtStart } from './provenance';
import { jumpFrames, stats, wheelFrames } from './frames';
import { mainThreadCpu, printProfile } from './main-thread';
import { FOLDER, log, parseOptions, type Options } from './options';
import { seedFolder, serverFirstPageMs } from './seed';
import { addConnection, grid, loadEverything, openBucket } from './window';

function rssOf(pid: number | undefined): { rss: number; peak: number } | null {
  if (!pid) return null;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rss: kb('VmRSS') * 1024, peak: kb('VmHWM') * 1024 };
  } catch {
    return null;
  }
}

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
const ms = (v: number) => `${v.toFixed(1)} ms`;

async function main(opts: Options): Promise<void> {
  process.chdir(REPO_ROOT);
  const chromiumPath = process.env.FERRY_CHROMIUM ?? '/usr/bin/chromium';
  if (!existsSync(chromiumPath))
    throw new Error(`Chromium is needed at ${chromiumPath} (apt-get install -y chromium, or set FERRY_CHROMIUM)`);
  log('[ui-bench] building Ferry (node scripts/build.mjs --no-electron)');
  const built = spawnSync(process.execPath, ['scripts/build.mjs', '--no-electron'], { stdio: 'inherit' });
  if (built.status !== 0) throw new Error('the build failed');

  mkdirSync(opts.workDir, { recursive: true });
  const started = provenanceAtStart();
  const servers = await startTestServers({ only: ['minio'], dataRoot: opts.workDir });
  const minio = servers.servers.find((s) => s.kind === 'minio');
  const serve = await startServeProcess();
  const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs });
  try {
    if (!minio) throw new Error('MinIO did not start (npm run servers:install)');
    const bucket = 'ferry-ui-bench';
    await createBucket(minio, bucket);
    log(`[ui-bench] seeding ${opts.keys.toLocaleString('en-US')} empty objects under ${FOLDER} in MinIO (not timed)`);
    await seedFolder(minio, bucket, opts.keys);

    const serverMs = await serverFirstPageMs(minio, bucket);
    log(`[ui-bench] MinIO's first page of the folder to a bare SDK client: ${ms(serverMs)} (median of 5)`);

    const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
    page.on('crash', () => log('[ui-bench] the page crashed'));
    page.on('pageerror', (e) => log(`[ui-bench] page error: ${e.message}`));
    await page.goto(serve.url);
    await addConnection(page, minio);

    const l2: number[] = [];
    const trips: number[] = [];
    for (let run = 0; run < opts.runs + 1; run++) {
      // A fresh page each run: nothing of the last run's listing is cached.
      if (run > 0) await page.reload();
      await openBucket(page, minio, bucket);
      const t = await firstRowsMs(page);
      // The first run warms the server's and the core's caches; it is shown, not counted.
      if (run > 0) {
        l2.push(t.totalMs);
        trips.push(t.roundTripMs);
      }
      log(
        `[ui-bench] L2 run ${run === 0 ? 'warm-up' : run}: ${ms(t.totalMs)} (first page's round trip through the core ${ms(t.roundTripMs)})`,
      );
    }

    const loadStart = Date.now();
    const loaded = await loadEverything(page, opts.keys);
    const loadSeconds = (Date.now() - loadStart) / 1000;
    log(`[ui-bench] ${loaded.toLocaleString('en-US')} rows loaded by scrolling in ${loadSeconds.toFixed(1)} s`);

    const cdp = await page.context().newCDPSession(page);
    if (opts.profile) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    }
    // Ten seconds of wheel at 3,000 px/s, or the whole list if it is shorter.
    const distance = Math.min(30_000, loaded * 26 - 1000);
    const steadyRun = await mainThreadCpu(browser, page, () => wheelFrames(page, distance));
    const jumpsRun = await mainThreadCpu(browser, page, () => jumpFrames(page, 300));
    const steady = { ...stats(steadyRun.out), cpu: steadyRun.cpu };
    const jumps = { ...stats(jumpsRun.out), cpu: jumpsRun.cpu };
    if (opts.profile) {
      const { profile } = await cdp.send('Profiler.stop');
      printProfile(profile);
      mkdirSync(join(REPO_ROOT, 'bench', 'results'), { recursive: true });
      writeFileSync(join(REPO_ROOT, 'bench', 'results', `ui-listing-g1-${Date.now()}.cpuprofile`), JSON.stringify(profile));
    }

    await cdp.send('Performance.enable');
    await cdp.send('HeapProfiler.collectGarbage');
    const { metrics } = await cdp.send('Performance.getMetrics');
    const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? NaN;
    const core = rssOf(serve.child.pid);
    const domRows = await grid(page).getByRole('row').count();

    const sorted = [...l2].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)] ?? NaN;
    log('');
    log(
      `Ferry UI listing, load average ${loadavg()[0]?.toFixed(1)} on ${cpus().length} cores, ${opts.keys.toLocaleString('en-US')} keys in one folder, MinIO on loopback, Chromium ${browser.version()} (--disable-gpu), ${new Date().toISOString()}`,
    );
    log(`L2 first 1,000 rows on screen: median ${ms(median)} of ${l2.length} runs [${l2.map(ms).join(', ')}]  (budget ≤ 250 ms)`);
    const trip = [...trips].sort((a, b) => a - b)[Math.floor(trips.length / 2)] ?? NaN;
    log(
      `   of which the first page's round trip through the core ${ms(trip)}, and the server's first page alone (bare SDK) ${ms(serverMs)}`,
    );
    for (const [label, s] of [
      ['wheel, 3,000 px/s  ', steady],
      ['thumb drag (jumps)', jumps],
    ] as const) {
      log(
        `G1 ${label}: p50 ${ms(s.p50)}, p95 ${ms(s.p95)}, p99 ${ms(s.p99)}, max ${ms(s.max)}; over 16.7 ms: ${s.over16_7}, over 25 ms (a dropped frame): ${s.dropped}, of ${s.frames} frames  (budget p95 ≤ 16.7 ms)`,
      );
      const kinds = Object.entries(s.cpu.byKind)
        .sort((a, b) => b[1] - a[1])
        .map(([k, v]) => `${k} ${v.toFixed(2)}`)
        .join(', ');
      log(`   main-thread CPU per frame ${ms(s.cpu.perFrameMs)} (longest task ${ms(s.cpu.longestTaskMs)}); per frame, inclusive: ${kinds}`);
    }
    log(
      `G2 with ${loaded.toLocaleString('en-US')} rows: window JS heap ${mib(metric('JSHeapUsedSize'))} (of ${mib(metric('JSHeapTotalSize'))}), ${metric('Nodes')} DOM nodes, ${domRows} grid rows in the DOM; core RSS ${core ? `${mib(core.rss)} (peak ${mib(core.peak)})` : 'unknown'}`,
    );
    log(`Loading every row by scrolling to the end: ${loadSeconds.toFixed(1)} s`);

    const dir = join(REPO_ROOT, 'bench', 'results');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `ui-listing-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
    writeFileSync(
      file,
      JSON.stringify(
        {
          ...provenanceAtEnd(started),
          keys: opts.keys,
          chromium: browser.version(),
          l2: { runsMs: l2, medianMs: median, roundTripsMs: trips, serverFirstPageMs: serverMs },
          g1: { steady, jumps },
          g2: {
            rows: loaded,
            jsHeapUsed: metric('JSHeapUsedSize'),
            jsHeapTotal: metric('JSHeapTotalSize'),
            domNodes: metric('Nodes'),
            gridRowsInDom: domRows,
            coreRss: core?.rss ?? null,
            corePeakRss: core?.peak ?? null,
          },
          loadAllSeconds: loadSeconds,
        },
        null,
        2,
      ),
    );
    log(`[ui-bench] figures written to ${file}`);
  } finally {
    await browser.close();
    await serve.stop();
    forgetClients();
    await servers.stop();
    // A million keys leave gigabytes of MinIO metadata on tmpfs.
    rmSync(opts.workDir, { recursive: true, force: true });
  }
}

const options = parseOptions(process.argv.slice(2));
await (options.g3 ? runG3(options) : main(options));
