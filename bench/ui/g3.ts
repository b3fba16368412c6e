/** `node bench/ui-listing.mjs --g3`: runs G3 (bench/ui/busy-window.ts), prints it and writes bench/results/ui-g3-<time>.json. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../lib/repo';
import { measureBusyWindow } from './busy-window';
import { log, type Options } from './options';
import { provenanceAtEnd, provenanceAtStart } from './provenance';

const ms = (v: number) => `${v.toFixed(1)} ms`;

export async function runG3(opts: Options): Promise<void> {
  process.chdir(REPO_ROOT);
  const chromiumPath = process.env.FERRY_CHROMIUM ?? '/usr/bin/chromium';
  if (!existsSync(chromiumPath))
    throw new Error(`Chromium is needed at ${chromiumPath} (apt-get install -y chromium, or set FERRY_CHROMIUM)`);
  log('[ui-bench] building Ferry (node scripts/build.mjs --no-electron)');
  if (spawnSync(process.execPath, ['scripts/build.mjs', '--no-electron'], { stdio: 'inherit' }).status !== 0)
    throw new Error('the build failed');
  mkdirSync(opts.workDir, { recursive: true });
  const started = provenanceAtStart();
  try {
    const g3 = await measureBusyWindow(opts, chromiumPath);
    log('');
    log(
      `G3: ${g3.rows.toLocaleString('en-US')} rows in Pane 1, ${g3.panes} panes open, a copy of ${g3.copyObjects.toLocaleString('en-US')} objects ` +
        `MinIO → versitygw started from the window: ${g3.copiedBefore} copied when the scrolling began, ${g3.copiedAfterWheel} after the wheel, ` +
        `${g3.copiedAfter} when the jumps ended` +
        (g3.copyRunningThroughout ? ' (running throughout)' : ' — it finished before the scrolling did: raise --copy'),
    );
    for (const [label, s] of [
      ['wheel, 3,000 px/s  ', g3.wheel],
      ['thumb drag (jumps)', g3.jumps],
    ] as const) {
      log(
        `G3 ${label}: p50 ${ms(s.p50)}, p95 ${ms(s.p95)}, p99 ${ms(s.p99)}, max ${ms(s.max)}; over 25 ms: ${s.dropped} of ${s.frames} frames; ` +
          `main-thread CPU per frame ${ms(s.cpu.perFrameMs)}  (budget p95 ≤ 16.7 ms)`,
      );
    }
    const dir = join(REPO_ROOT, 'bench', 'results');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `ui-g3-${started.started_at.replace(/[:.]/g, '-')}.json`);
    const { chromium, ...figures } = g3;
    writeFileSync(file, JSON.stringify({ ...provenanceAtEnd(started), keys: g3.rows, chromium, g3: figures }, null, 2));
    log(`[ui-bench] figures written to ${file}; the window at the end: ${opts.screenshot}`);
  } finally {
    rmSync(opts.workDir, { recursive: true, force: true });
  }
}
