/**
 * `npm run bench [-- W1 W3 ... --quick --runs N]`: Ferry against rclone,
 * s5cmd, mc, the AWS CLI and a bare SDK script, on fresh MinIO and versitygw
 * servers with their data on tmpfs. Prints one table and writes every run's
 * figures to bench/results/<timestamp>.json.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { cpus, loadavg, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { startTestServers } from '../e2e/servers/harness';
import { startToxiproxy, type Toxiproxy } from '../e2e/servers/toxiproxy';
import { behindProxy } from './lib/remote-workloads';
import { shortOfSpace } from './lib/disk-space';
import { hasGnuTime, killRunningTools } from './lib/measure';
import { emptyMinioTrash } from './lib/minio-trash';
import { isFerry, parseArgs, TOOL_IDS, type BenchOptions, type ToolId } from './lib/options';
import { ensureBenchPeers } from './lib/peers';
import { REPO_ROOT } from './lib/repo';
import { figures, summarize, table } from './lib/report';
import type { ResultsFile } from './lib/results-file';
import { forgetClients } from './lib/remote';
import { runWorkload, type WorkloadResult } from './lib/runner';
import { aws } from './lib/tools/aws';
import { bareSdkTool } from './lib/tools/bare-sdk';
import { FERRY_CLI, ferryTool } from './lib/tools/ferry';
import { ferryRuntimes } from './lib/ferry-runtimes';
import { mc } from './lib/tools/mc';
import { rclone } from './lib/tools/rclone';
import { s5cmd } from './lib/tools/s5cmd';
import type { Endpoint, Tool } from './lib/tools/types';
import { selectWorkloads } from './lib/workloads';

const log = (line: string): void => console.log(line);

function allTools(wantFerry: boolean): Record<ToolId, Tool> {
  // Finding Node 24 may fetch it once (scripts/test-node.mjs): only when a Ferry column is asked for.
  const [node24, node20] = wantFerry
    ? ferryRuntimes()
    : (['Ferry', 'Ferry (Node 20)'] as const).map((label, i) => ({
        id: i === 0 ? ('ferry' as const) : ('ferry-node20' as const),
        label,
        missing: 'not selected',
      }));
  return {
    ferry: ferryTool(FERRY_CLI, node24),
    'ferry-node20': ferryTool(FERRY_CLI, node20),
    'bare-sdk': bareSdkTool(),
    rclone,
    s5cmd,
    mc,
    aws,
  };
}

/** Builds Ferry when its command line exists, so the benchmark never measures a stale bundle. */
function buildFerry(): void {
  if (!existsSync(join(REPO_ROOT, 'app', 'cli'))) {
    log("[bench] Ferry's command line (app/cli/) does not exist yet: Ferry's column says so.");
    return;
  }
  log('[bench] building Ferry (node scripts/build.mjs --no-electron)');
  const res = spawnSync(process.execPath, ['scripts/build.mjs', '--no-electron'], { cwd: REPO_ROOT, stdio: 'inherit' });
  if (res.status !== 0) log('[bench] the build failed; Ferry runs from whatever dist/ holds, if anything');
}

async function main(opts: BenchOptions): Promise<void> {
  const workloads = selectWorkloads(opts.workloads);
  const registry = allTools(opts.tools.some(isFerry));
  const tools = opts.tools.map((id) => registry[id]);
  if (!existsSync('/dev/shm')) log('[bench] no /dev/shm: data and servers go to the work dir as given, which may be a real disk');
  if (!hasGnuTime) log('[bench] /usr/bin/time is missing (apt-get install time): only wall time is measured, no CPU or RSS');

  const peers = opts.tools.filter((t) => !isFerry(t) && t !== 'bare-sdk');
  if (opts.installPeers && peers.length) {
    for (const f of ensureBenchPeers(peers)) log(`[bench] ${f.name} unavailable: ${f.reason}`);
  }
  if (opts.tools.some(isFerry)) buildFerry();

  const versions: Record<string, string> = {};
  const order = TOOL_IDS.filter((id) => opts.tools.includes(id)).map((id) => ({ id, label: registry[id].label }));
  for (const t of tools) versions[t.id] = t.missing() ? `not available: ${t.missing()}` : t.version();
  const head = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8' }).stdout.trim();
  // Figures from a working tree with uncommitted engine changes must say so.
  const dirty = spawnSync('git', ['status', '--porcelain', '--', 'app'], { cwd: REPO_ROOT, encoding: 'utf8' }).stdout.trim() !== '';
  const git = head ? `${head}${dirty ? ' + uncommitted changes in app/' : ''}` : '';

  /** Prints the table and writes the results file (synchronously, so it also works from a signal handler). */
  const report = (results: WorkloadResult[], how: { started: Date; interrupted: boolean }): void => {
    const printed = table(results, order);
    log(`\n${printed}`);
    const file = join(opts.resultsDir, `${how.started.toISOString().replace(/[:.]/g, '-')}.json`);
    mkdirSync(opts.resultsDir, { recursive: true });
    const body: ResultsFile = {
      started_at: how.started.toISOString(),
      finished_at: new Date().toISOString(),
      interrupted: how.interrupted,
      machine: {
        cpus: cpus().length,
        cpu_model: cpus()[0]?.model,
        memory_gib: +(totalmem() / 1024 ** 3).toFixed(1),
        kernel: release(),
        loadavg_at_start: loadAtStart,
        loadavg_at_end: loadavg(),
      },
      ferry_commit: git,
      node: process.version,
      versions,
      options: opts,
      argv: process.argv.slice(2),
      results: results.map((r) => ({ ...r, cells: r.cells.map((c) => ({ ...c, figures: figures(c) })) })),
      summary: results.map(summarize),
      table: printed,
    };
    writeFileSync(file, JSON.stringify(body, null, 2));
    log(`\n[bench] results${how.interrupted ? ' (interrupted)' : ''}: ${file}`);
  };
  log(`[bench] ${new Date().toISOString()}  ferry checkout ${git || 'unknown'}  node ${process.version}`);
  for (const [id, v] of Object.entries(versions)) log(`[bench]   ${id}: ${v}`);
  log(`[bench] sizes (${opts.quick ? 'quick' : 'full'}): ${JSON.stringify(opts.sizes)}`);
  log(
    `[bench] ${opts.runs} measured runs after ${opts.warmups} warm-up(s); tuned budget: ${opts.tuned.inFlight} requests in flight, ` +
      `${opts.tuned.partBytes / 1048576} MiB parts, checksums on where the tool has them`,
  );

  const started = new Date();
  const loadAtStart = loadavg();
  if ((loadAtStart[0] ?? 0) > cpus().length) {
    log(
      `[bench] load average ${loadAtStart[0]?.toFixed(1)} on ${cpus().length} cores: this machine is busy, so these figures check the harness, not Ferry`,
    );
  }
  const dataDir = join(opts.workDir, 'data');
  await mkdir(dataDir, { recursive: true });
  const results: WorkloadResult[] = [];
  // Ctrl-C (or a kill) still saves every run so far, marked as interrupted; the harness then stops the servers.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      killRunningTools();
      report(results, { started, interrupted: true });
      process.exit(130);
    });
  }
  for (const w of workloads) {
    log(`\n[bench] ${w.id}: ${w.title(opts.sizes)} — starting fresh MinIO and versitygw on ${opts.workDir}`);
    const short = w.spaceNeeded ? await shortOfSpace(opts.workDir, w.spaceNeeded(opts.sizes, opts.seed)) : null;
    if (short) {
      log(`[bench] ${w.id} skipped: ${short}`);
      continue;
    }
    const serverRoot = join(opts.workDir, 'servers');
    await mkdir(serverRoot, { recursive: true });
    let running: Awaited<ReturnType<typeof startTestServers>>;
    try {
      running = await startTestServers({ only: ['minio', 'versitygw'], dataRoot: serverRoot });
    } catch (err) {
      log(`[bench] ${w.id} skipped: the servers did not start: ${err instanceof Error ? err.message : String(err)}`);
      continue;
    }
    let toxiproxy: Toxiproxy | undefined;
    try {
      const minio = running.servers.find((s) => s.kind === 'minio');
      const vgw = running.servers.find((s) => s.kind === 'versitygw');
      if (!minio || !vgw) throw new Error('the benchmark needs both MinIO and versitygw (npm run servers:install)');
      let a: Endpoint = { name: 'minio', server: minio };
      let b: Endpoint = { name: 'vgw', server: vgw };
      if (w.remote) {
        const started = await startToxiproxy();
        if ('skip' in started) throw new Error(`the remote workloads need Toxiproxy: ${started.skip}`);
        toxiproxy = started;
        a = await behindProxy(toxiproxy, w.id, a, opts.sizes.remoteLatencyMs);
        b = await behindProxy(toxiproxy, w.id, b, opts.sizes.remoteLatencyMs);
        log(
          `[bench] ${w.id}: every tool through Toxiproxy, ${opts.sizes.remoteLatencyMs} ms added each way (${a.server.endpoint}, ${b.server.endpoint})`,
        );
      }
      const ctx = {
        a,
        b,
        sizes: opts.sizes,
        seed: opts.seed,
        dataDir,
      };
      const t0 = Date.now();
      await w.prepare(ctx);
      log(`[bench] ${w.id}: sources ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      await runWorkload(w, ctx, tools, {
        budgets: opts.budgets,
        tuned: opts.tuned,
        runs: opts.runs,
        warmups: opts.warmups,
        timeoutSeconds: opts.runTimeoutSeconds,
        runDir: join(opts.workDir, 'runs'),
        log,
        sink: results,
        afterRun: () => emptyMinioTrash(serverRoot),
      });
    } catch (err) {
      // Keep going: the other workloads and everything measured so far still make the report.
      log(`[bench] ${w.id} stopped: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      forgetClients();
      await toxiproxy?.stop();
      await running.stop();
      await rm(serverRoot, { recursive: true, force: true });
    }
  }

  report(results, { started, interrupted: false });
}

let opts: BenchOptions;
try {
  opts = parseArgs(process.argv.slice(2));
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(2);
}
main(opts).catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exit(1);
});
