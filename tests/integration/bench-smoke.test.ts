// Keeps the benchmark harness from rotting: one tiny upload workload, one run
// each for Ferry's command line and the bare SDK script against the real
// MinIO, checked for correctness only (no time limits: speed is the
// benchmark's business, not a test's). It also proves that a tool which exits
// successfully but leaves the wrong result is caught and can never be the
// best peer.
import { build } from 'esbuild';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forgetClients } from '../../bench/lib/remote';
import { summarize } from '../../bench/lib/report';
import { REPO_ROOT } from '../../bench/lib/repo';
import { runWorkload } from '../../bench/lib/runner';
import { bareSdkTool } from '../../bench/lib/tools/bare-sdk';
import { ferryTool } from '../../bench/lib/tools/ferry';
import type { Tool } from '../../bench/lib/tools/types';
import { QUICK_SIZES } from '../../bench/lib/options';
import { WORKLOADS, type WorkloadContext } from '../../bench/lib/workloads';
import { server } from './support';

const minio = server('minio');

function must<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`missing ${what}`);
  return value;
}
const CLI_ENTRY = join(REPO_ROOT, 'app', 'cli', 'ferry.ts');
// Inside the checkout so the bundle's external packages resolve from node_modules;
// its own name so it never races `npm run build` writing dist/cli/.
const CLI_BUNDLE = join(REPO_ROOT, 'dist', 'bench', 'ferry-smoke-cli.cjs');

/** A real process that "succeeds" without copying anything: the fast wrong answer the harness must reject. */
const lazyTool: Tool = {
  id: 'mc',
  label: 'does nothing',
  missing: () => undefined,
  version: () => 'none',
  parseListing: () => [],
  plan: (_op, _budget, ctx) => ({ steps: [{ label: 'nothing', argv: [process.execPath, '-e', '0'], env: ctx.baseEnv }] }),
};

describe.skipIf(!minio)('benchmark harness smoke run', () => {
  let work: string;
  let ctx: WorkloadContext;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'ferry-bench-smoke-'));
    const a = { name: 'minio', server: must(minio, 'MinIO') };
    ctx = { a, b: a, sizes: { ...QUICK_SIZES, smallCount: 20 }, seed: 'smoke', dataDir: join(work, 'data') };
    if (existsSync(CLI_ENTRY)) {
      const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
      // The same esbuild settings scripts/build.mjs uses for Ferry's Node entry points.
      await build({
        entryPoints: [CLI_ENTRY],
        outfile: CLI_BUNDLE,
        bundle: true,
        platform: 'node',
        target: 'node20',
        format: 'cjs',
        packages: 'external',
        logLevel: 'warning',
        define: { __FERRY_VERSION__: JSON.stringify(pkg.version) },
      });
    }
  });

  afterAll(async () => {
    forgetClients();
    await rm(work, { recursive: true, force: true });
  });

  it('uploads 20 small files with Ferry and the bare SDK script, verified object by object', async () => {
    const w1 = must(
      WORKLOADS.find((w) => w.id === 'W1'),
      'W1',
    );
    await w1.prepare(ctx);
    const ferry = ferryTool(CLI_BUNDLE);
    const logged: string[] = [];
    const [run] = await runWorkload(w1, ctx, [ferry, bareSdkTool()], {
      budgets: ['default'],
      tuned: { inFlight: 4, partBytes: 8 * 1024 * 1024 },
      runs: 1,
      warmups: 0,
      timeoutSeconds: 120,
      runDir: join(work, 'runs'),
      log: (l) => logged.push(l),
    });
    const result = must(run, 'result');
    const bare = must(
      result.cells.find((c) => c.tool === 'bare-sdk'),
      'bare cell',
    );
    expect(bare.runs).toHaveLength(1);
    expect(bare.runs[0]).toMatchObject({ correct: true, exit_code: 0, actual: { count: 20, bytes: 20 * 4096 } });

    const ferryCell = must(
      result.cells.find((c) => c.tool === 'ferry'),
      'ferry cell',
    );
    if (!existsSync(CLI_ENTRY)) {
      // Until Ferry's command line exists its column must say so, never show a number.
      expect(ferryCell).toMatchObject({ status: 'missing', runs: [] });
      expect(ferryCell.reason).toMatch(/command line is not built yet/);
      expect(summarize(result)).toMatchObject({ ratio: null, correct: false, best_peer: 'bare-sdk' });
      return;
    }
    expect(ferryCell.status, logged.join('\n')).toBe('ran');
    expect(ferryCell.runs[0], logged.join('\n')).toMatchObject({ correct: true, exit_code: 0, actual: { count: 20 } });
    expect(summarize(result)).toMatchObject({ correct: true, best_peer: 'bare-sdk' });
  });

  it('marks a tool that exits 0 without doing the work as wrong, and never picks it as best peer', async () => {
    const w1 = must(
      WORKLOADS.find((w) => w.id === 'W1'),
      'W1',
    );
    const [run] = await runWorkload(w1, ctx, [lazyTool, bareSdkTool()], {
      budgets: ['default'],
      tuned: { inFlight: 4, partBytes: 8 * 1024 * 1024 },
      runs: 1,
      warmups: 0,
      timeoutSeconds: 120,
      runDir: join(work, 'runs'),
      log: () => undefined,
    });
    const result = must(run, 'result');
    const lazy = must(
      result.cells.find((c) => c.label === 'does nothing'),
      'lazy cell',
    );
    expect(lazy.runs[0]).toMatchObject({ exit_code: 0, correct: false, actual: { count: 0 } });
    expect(lazy.runs[0]?.verify_detail).toMatch(/expected 20 objects/);
    expect(summarize(result).best_peer).toBe('bare-sdk');
  });
});
