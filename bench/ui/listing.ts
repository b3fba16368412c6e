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
 */
import { chromium, type Browser, type Page } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { startServeProcess } from '../../e2e/flows/serve-process';
import { startTestServers, type TestServer } from '../../e2e/servers/harness';
import { ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { clientFor, createBucket, forgetClients, pool } from '../lib/remote';
import { REPO_ROOT } from '../lib/repo';
import { chromiumArgs } from '../../playwright.config';

interface Options {
  keys: number;
  runs: number;
  workDir: string;
  /** Record a CPU profile of the window while G1 scrolls, and print where its time went. */
  profile: boolean;
}

const FOLDER = 'many/';
const log = (line: string): void => console.log(line);

function parseOptions(argv: string[]): Options {
  const opts: Options = {
    keys: 1_000_000,
    runs: 5,
    workDir: existsSync('/dev/shm') ? '/dev/shm/ferry-ui-bench' : 'ferry-ui-bench',
    profile: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (flag === '--profile') {
      opts.profile = true;
      continue;
    }
    if (flag === '--keys' && value) opts.keys = Number(value.replace(/_/g, ''));
    else if (flag === '--runs' && value) opts.runs = Number(value);
    else if (flag === '--work-dir' && value) opts.workDir = value;
    else {
      log('usage: node bench/ui-listing.mjs [--keys N (default 1000000)] [--runs N (default 5)] [--work-dir DIR] [--profile]');
      process.exit(flag === '--help' ? 0 : 2);
    }
    i++;
  }
  if (!Number.isInteger(opts.keys) || opts.keys < 1000) throw new Error('--keys must be a whole number of at least 1000');
  return opts;
}

const keyOf = (i: number) => `${FOLDER}obj-${String(i).padStart(7, '0')}.bin`;

/** Empty objects, many at a time; a put the busy server drops is sent again (a PUT of the same empty body is idempotent). */
async function seedFolder(server: TestServer, bucket: string, keys: number): Promise<void> {
  const client = clientFor(server);
  const empty = Buffer.alloc(0);
  const batch = 50_000;
  const started = Date.now();
  for (let from = 0; from < keys; from += batch) {
    const names = Array.from({ length: Math.min(batch, keys - from) }, (_, i) => keyOf(from + i));
    await pool(names, 32, async (Key) => {
      for (let attempt = 1; ; attempt++) {
        try {
          await client.send(new PutObjectCommand({ Bucket: bucket, Key, Body: empty }));
          return;
        } catch (err) {
          if (attempt >= 6) throw err;
          await new Promise((r) => setTimeout(r, 200 * attempt));
        }
      }
    });
    log(`[ui-bench] seeded ${(from + names.length).toLocaleString('en-US')} keys (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  }
}

/**
 * The server's own share of L2: the same first-page request (prefix,
 * delimiter, 1,000 keys, url encoding) from a bare SDK client, median of 5.
 */
async function serverFirstPageMs(server: TestServer, bucket: string): Promise<number> {
  const client = clientFor(server);
  const times: number[] = [];
  for (let i = 0; i < 6; i++) {
    const started = performance.now();
    await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: FOLDER, Delimiter: '/', MaxKeys: 1000, EncodingType: 'url' }));
    if (i > 0) times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)] ?? NaN;
}

/** Adds the connection the way a user does, through the dialog. */
async function addConnection(page: Page, s: TestServer): Promise<void> {
  await page.getByRole('button', { name: 'Add connection' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add connection' });
  const picker = dialog.getByRole('combobox', { name: 'Provider' });
  await picker.fill('min');
  await dialog.getByRole('option', { name: 'MinIO', exact: true }).click();
  await dialog.getByLabel('Name', { exact: true }).fill(s.label);
  await dialog.getByLabel('Endpoint URL').fill(s.endpoint);
  await dialog.getByLabel('Region').fill(s.region);
  await dialog.getByLabel('Access key ID').fill(s.accessKeyId);
  await dialog.getByLabel('Secret access key').fill(s.secretAccessKey);
  await dialog.getByRole('button', { name: 'Save connection' }).click();
  await dialog.waitFor({ state: 'hidden' });
}

const pane = (page: Page) => page.getByRole('region', { name: 'Pane 1' });
const grid = (page: Page) => pane(page).getByRole('grid', { name: 'Objects' });
const row = (page: Page, name: string) =>
  grid(page)
    .getByRole('row')
    .filter({ has: page.getByRole('gridcell', { name, exact: true }) });

async function openBucket(page: Page, s: TestServer, bucket: string): Promise<void> {
  await pane(page).getByRole('combobox', { name: 'Location of Pane 1' }).selectOption({ label: s.label });
  await row(page, bucket).dblclick();
  await row(page, FOLDER).waitFor();
}

interface FirstRows {
  /** Double-click to the frame after 1,000 rows are in the grid. */
  totalMs: number;
  /** From the page sending the first browse.list of the folder to its answer arriving (the core and the server). */
  roundTripMs: number;
}

/**
 * The first page's round trip as the WebSocket saw it (Chromium's own
 * timestamps): what the core and the server took, as against the window.
 */
async function watchFirstPage(page: Page): Promise<() => Promise<number>> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  let callId: number | undefined;
  let sent = NaN;
  let received = NaN;
  cdp.on('Network.webSocketFrameSent', (e) => {
    try {
      const msg = JSON.parse(e.response.payloadData) as {
        type?: string;
        id?: number;
        method?: string;
        args?: { cursor?: string; location?: { prefix?: string } };
      };
      if (msg.method === 'browse.list' && msg.args?.location?.prefix === FOLDER && !msg.args.cursor && callId === undefined) {
        callId = msg.id;
        sent = e.timestamp;
      }
    } catch {
      // Not a call (or not JSON): not the frame looked for.
    }
  });
  cdp.on('Network.webSocketFrameReceived', (e) => {
    if (callId === undefined || !Number.isNaN(received) || !e.response.payloadData.includes(`"id":${callId},`)) return;
    received = e.timestamp;
  });
  return async () => {
    await cdp.detach();
    return (received - sent) * 1000;
  };
}

/** L2, once: double-click the folder, wait for the frame after 1,000 rows are in the grid. */
async function firstRowsMs(page: Page): Promise<FirstRows> {
  const roundTrip = await watchFirstPage(page);
  await page.evaluate(() => {
    const w = window as unknown as { ferryL2?: Promise<number> };
    w.ferryL2 = new Promise<number>((resolve) => {
      let opened: number | null = null;
      document.addEventListener('dblclick', () => (opened = performance.now()), { capture: true, once: true });
      const observer = new MutationObserver(() => {
        const g = document.querySelector('section[aria-label="Pane 1"] [role="grid"]');
        if (opened === null || !g || Number(g.getAttribute('aria-rowcount')) < 1001 || !g.querySelector('[role="row"][aria-rowindex="2"]'))
          return;
        observer.disconnect();
        const start = opened;
        // The rows are in the DOM; they are on screen once the next frame has painted.
        requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - start)));
      });
      observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-rowcount'] });
    });
  });
  await row(page, FOLDER).dblclick();
  const totalMs = await page.evaluate(() =>
    Promise.race([
      (window as unknown as { ferryL2: Promise<number> }).ferryL2,
      new Promise<number>((_, reject) => setTimeout(() => reject(new Error('no 1,000 rows in the grid after 60 s')), 60_000)),
    ]),
  );
  return { totalMs, roundTripMs: await roundTrip() };
}

/** Scrolls to the end until the pane says the folder is complete; returns the rows loaded. */
async function loadEverything(page: Page, keys: number): Promise<number> {
  const started = Date.now();
  let lastLog = Date.now();
  for (;;) {
    const state = await page.evaluate(() => {
      const g = document.querySelector('section[aria-label="Pane 1"] [role="grid"]');
      const status = g && document.getElementById(g.getAttribute('aria-describedby') ?? '');
      const scroller = g?.closest('.grid-scroller');
      if (scroller) scroller.scrollTop = scroller.scrollHeight;
      return { rows: Number(g?.getAttribute('aria-rowcount') ?? 1) - 1, status: status?.textContent ?? '' };
    });
    if (!/loaded;/.test(state.status)) return state.rows;
    if (Date.now() - lastLog > 10_000) {
      lastLog = Date.now();
      log(
        `[ui-bench] ${state.rows.toLocaleString('en-US')} of ${keys.toLocaleString('en-US')} rows loaded (${((Date.now() - started) / 1000).toFixed(0)} s)`,
      );
    }
    await page.waitForTimeout(40);
  }
}

interface FrameStats {
  frames: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  over16_7: number;
  /** Frames that took more than one and a half vsync intervals: at least one frame was dropped. */
  dropped: number;
}

function stats(deltas: number[]): FrameStats {
  const sorted = [...deltas].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return {
    frames: sorted.length,
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    max: sorted[sorted.length - 1] ?? 0,
    over16_7: sorted.filter((d) => d > 16.7).length,
    dropped: sorted.filter((d) => d > 25).length,
  };
}

/**
 * G1 as a user scrolls: a real wheel gesture (Chromium's own synthesized
 * input, through the compositor like a mouse wheel) of `distance` px at
 * 3,000 px/s over the grid, with requestAnimationFrame deltas recorded
 * meanwhile.
 */
async function wheelFrames(page: Page, distance: number): Promise<number[]> {
  const box = await page.locator('.grid-scroller').first().boundingBox();
  if (!box) throw new Error('no grid on screen');
  await page.evaluate(() => {
    const w = window as unknown as { ferryFrames?: { deltas: number[]; stop: boolean } };
    const rec = { deltas: [] as number[], stop: false };
    w.ferryFrames = rec;
    const g = document.querySelector('section[aria-label="Pane 1"] [role="grid"]');
    const scroller = g?.closest('.grid-scroller');
    if (scroller) scroller.scrollTop = 0;
    let last: number | null = null;
    const step = (t: number) => {
      if (last !== null) rec.deltas.push(t - last);
      last = t;
      if (!rec.stop) requestAnimationFrame(step);
    };
    requestAnimationFrame(step);
  });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Input.synthesizeScrollGesture', {
    x: Math.round(box.x + box.width / 2),
    y: Math.round(box.y + box.height / 2),
    yDistance: -distance,
    speed: 3000,
    gestureSourceType: 'mouse',
    preventFling: true,
  });
  await cdp.detach();
  return page.evaluate(() => {
    const rec = (window as unknown as { ferryFrames: { deltas: number[]; stop: boolean } }).ferryFrames;
    rec.stop = true;
    return rec.deltas;
  });
}

/** G1 as a dragged scrollbar thumb: the scroller jumps to a random place every frame, so every row on screen is new. */
async function jumpFrames(page: Page, frames: number): Promise<number[]> {
  return page.evaluate(async (frames) => {
    const g = document.querySelector('section[aria-label="Pane 1"] [role="grid"]');
    const scroller = g?.closest('.grid-scroller');
    if (!scroller) throw new Error('no grid on screen');
    const max = scroller.scrollHeight - scroller.clientHeight;
    const deltas: number[] = [];
    let last: number | null = null;
    let seed = 42;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    await new Promise<void>((resolve) => {
      const step = (t: number) => {
        if (last !== null) deltas.push(t - last);
        last = t;
        if (deltas.length >= frames) return resolve();
        scroller.scrollTop = random() * max;
        requestAnimationFrame(step);
      };
      requestAnimationFrame(step);
    });
    return deltas;
  }, frames);
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

interface MainThreadCpu {
  /** CPU time of the window's main thread per frame, from the trace's thread clock (what the frame cost, whoever else ran). */
  perFrameMs: number;
  /** The longest single task, in CPU time. */
  longestTaskMs: number;
  /** Inclusive CPU time per kind of work (they nest: a task holds script, script holds layout…). */
  byKind: Record<string, number>;
}

const KINDS = [
  'FunctionCall',
  'EventDispatch',
  'FireAnimationFrame',
  'UpdateLayoutTree',
  'Layout',
  'PrePaint',
  'Paint',
  'Layerize',
  'Commit',
];

/**
 * Runs `work` under Chromium's tracing and reads the renderer main thread's
 * own CPU clock: on a shared, busy machine a frame's wall time includes
 * waiting for a core; its CPU time does not.
 */
async function mainThreadCpu<T>(browser: Browser, page: Page, work: () => Promise<T[]>): Promise<{ out: T[]; cpu: MainThreadCpu }> {
  await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
  const out = await work();
  const trace = JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(trace) ? trace : trace.traceEvents;
  const mains = new Set(
    events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`),
  );
  // The busiest renderer main thread is the page's (others are idle frames and workers).
  const perThread = new Map<string, number>();
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    if (e.ph === 'X' && e.name === 'RunTask' && mains.has(key)) perThread.set(key, (perThread.get(key) ?? 0) + (e.tdur ?? 0));
  }
  const main = [...perThread].sort((a, b) => b[1] - a[1])[0]?.[0];
  let total = 0;
  let longest = 0;
  const byKind: Record<string, number> = {};
  for (const e of events) {
    if (e.ph !== 'X' || `${e.pid}:${e.tid}` !== main) continue;
    const cpu = (e.tdur ?? 0) / 1000;
    if (e.name === 'RunTask') {
      total += cpu;
      longest = Math.max(longest, cpu);
    } else if (KINDS.includes(e.name)) byKind[e.name] = (byKind[e.name] ?? 0) + cpu;
  }
  const frames = Math.max(1, out.length);
  for (const k of Object.keys(byKind)) byKind[k] = (byKind[k] ?? 0) / frames;
  return { out, cpu: { perFrameMs: total / frames, longestTaskMs: longest, byKind } };
}

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

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples?: number[];
  timeDeltas?: number[];
}

/** The functions the window spent most of its own time in while scrolling. */
function printProfile(profile: CpuProfile): void {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  let total = 0;
  (profile.samples ?? []).forEach((id, i) => {
    const frame = byId.get(id)?.callFrame;
    const dt = profile.timeDeltas?.[i] ?? 0;
    total += dt;
    const name = frame ? `${frame.functionName || '(anonymous)'} ${frame.url.split('/').pop() ?? ''}:${frame.lineNumber + 1}` : '?';
    self.set(name, (self.get(name) ?? 0) + dt);
  });
  log(`[ui-bench] window CPU profile while scrolling, self time of the top functions (of ${(total / 1000).toFixed(0)} ms sampled):`);
  for (const [name, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 15)) log(`  ${(us / 1000).toFixed(1).padStart(8)} ms  ${name}`);
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

await main(parseOptions(process.argv.slice(2)));
