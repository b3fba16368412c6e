/**
 * Runs one workload for every tool and budget: warm-ups first, then the
 * measured runs, with the tools' order rotated from run to run so no tool
 * always goes first (or always right after the heaviest one). Every run gets
 * a fresh destination and is verified before the next starts.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { combine, runStep, type Measured } from './measure';
import type { BudgetName, ToolId, TunedBudget } from './options';
import type { Tool } from './tools/types';
import type { Verification, Workload, WorkloadContext } from './workloads';

export interface RunRecord extends Measured {
  run: number;
  warmup: boolean;
  correct: boolean;
  verify_detail?: string;
  expected?: { count: number; bytes: number; fingerprint: string };
  actual?: { count: number; bytes: number; fingerprint: string } | null;
}

export interface Cell {
  tool: ToolId;
  label: string;
  status: 'ran' | 'unsupported' | 'missing';
  reason?: string;
  staged?: boolean;
  commands?: string[];
  runs: RunRecord[];
}

export interface WorkloadResult {
  id: string;
  group: string;
  title: string;
  note?: string;
  budget: BudgetName;
  cells: Cell[];
}

export interface RunnerOptions {
  budgets: BudgetName[];
  tuned: TunedBudget;
  runs: number;
  warmups: number;
  timeoutSeconds: number;
  /** Per-run scratch folders are made here (tmpfs). */
  runDir: string;
  log: (line: string) => void;
  /** Runs after each run's cleanup (the benchmark empties MinIO's trash there). */
  afterRun?: () => Promise<void>;
  /** Receives each workload-and-budget result as soon as it starts and fills it in place, so an interrupted run can still be saved. */
  sink?: WorkloadResult[];
}

function rotate<T>(items: T[], by: number): T[] {
  const k = items.length ? by % items.length : 0;
  return [...items.slice(k), ...items.slice(0, k)];
}

/** Secrets of the loopback test servers show up in argv (mc's aliases); never print them. */
function redact(argv: string[]): string {
  return argv.join(' ').replace(/:\/\/[^:@/]+:[^@/]+@/g, '://***@');
}

export async function runWorkload(w: Workload, ctx: WorkloadContext, tools: Tool[], opts: RunnerOptions): Promise<WorkloadResult[]> {
  await mkdir(opts.runDir, { recursive: true });
  const results: WorkloadResult[] = [];
  for (const budget of w.budgets.filter((b) => opts.budgets.includes(b))) {
    const cells = new Map<ToolId, Cell>(tools.map((t) => [t.id, { tool: t.id, label: t.label, status: 'ran', runs: [] }]));
    for (const t of tools) {
      const missing = t.missing();
      if (missing) Object.assign(cells.get(t.id) as Cell, { status: 'missing', reason: missing });
    }
    const result: WorkloadResult = {
      id: w.id,
      group: w.group,
      title: w.title(ctx.sizes),
      ...(w.note?.(ctx.sizes) ? { note: w.note(ctx.sizes) } : {}),
      budget,
      cells: [...cells.values()],
    };
    results.push(result);
    opts.sink?.push(result);
    const total = opts.warmups + opts.runs;
    for (let r = 0; r < total; r++) {
      const warmup = r < opts.warmups;
      for (const tool of rotate(tools, r)) {
        const cell = cells.get(tool.id) as Cell;
        if (cell.status !== 'ran') continue;
        const scratch = await mkdtemp(join(opts.runDir, `${tool.id}-`));
        const tag = `${tool.id}-${budget}-${r}`.toLowerCase();
        let setup: Awaited<ReturnType<Workload['setup']>>;
        try {
          setup = await w.setup(ctx, tag, scratch);
        } catch (err) {
          // A server that died (or refused the seed) fails this run, not the whole benchmark.
          const error = `setting up the run failed: ${err instanceof Error ? err.message : String(err)}`;
          const failed = { wall_s: 0, user_s: null, sys_s: null, cpu_s: null, max_rss_mib: null, exit_code: null };
          cell.runs.push({ ...failed, error, run: warmup ? 0 : r - opts.warmups + 1, warmup, correct: false });
          opts.log(`  ${w.id} ${budget} ${tool.label}: ${error}`);
          await rm(scratch, { recursive: true, force: true });
          continue;
        }
        try {
          const home = join(scratch, 'home');
          await mkdir(home);
          const plan = tool.plan(
            setup.op,
            { name: budget, tuned: opts.tuned },
            {
              scratch,
              baseEnv: {
                PATH: process.env.PATH ?? '/usr/bin:/bin',
                HOME: home,
                TMPDIR: scratch,
                LANG: 'C',
                AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
              },
            },
          );
          if ('unsupported' in plan) {
            Object.assign(cell, { status: 'unsupported', reason: plan.unsupported });
            continue;
          }
          cell.staged = plan.staged === true;
          cell.commands ??= plan.steps.map((s) => redact(s.argv));
          const parts: Measured[] = [];
          for (const step of plan.steps) {
            const m = await runStep(step, scratch, opts.timeoutSeconds);
            parts.push(m);
            if (m.error) break;
          }
          const measured = combine(parts);
          let verification: Verification | undefined;
          let verifyError: string | undefined;
          if (!measured.error) {
            verification = await setup.verify(tool).catch((err: unknown) => {
              verifyError = `verification failed: ${err instanceof Error ? err.message : String(err)}`;
              return undefined;
            });
          }
          const record: RunRecord = {
            ...measured,
            run: warmup ? 0 : r - opts.warmups + 1,
            warmup,
            correct: verification?.ok === true,
            ...(verification ? { expected: verification.expected, actual: verification.actual } : {}),
            ...(verification?.detail || verifyError ? { verify_detail: verification?.detail ?? verifyError } : {}),
          };
          cell.runs.push(record);
          const figures =
            `${measured.wall_s.toFixed(2)} s wall` +
            (measured.cpu_s !== null ? `, ${measured.cpu_s.toFixed(2)} s cpu, ${measured.max_rss_mib?.toFixed(0)} MiB` : '');
          const verdict = measured.error ? `FAILED: ${measured.error}` : record.correct ? 'verified' : `WRONG: ${record.verify_detail}`;
          opts.log(`  ${w.id} ${budget} ${warmup ? 'warm-up' : `run ${record.run}/${opts.runs}`} ${tool.label}: ${figures}; ${verdict}`);
        } finally {
          await setup.cleanup().catch((err: unknown) => opts.log(`  cleanup after ${tool.label}: ${String(err)}`));
          await rm(scratch, { recursive: true, force: true });
          await opts.afterRun?.();
        }
      }
    }
  }
  return results;
}
