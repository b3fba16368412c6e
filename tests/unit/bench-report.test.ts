// The README's performance block is generated from committed results files
// (bench/published/) by `npm run bench:report`. These tests hold the README to
// those files, so its figures can never drift from a run, and check that the
// generated tables say what the runs measured.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FULL_SIZES, parseArgs, QUICK_SIZES } from '../../bench/lib/options';
import { figures, summarize } from '../../bench/lib/report';
import { REPO_ROOT } from '../../bench/lib/repo';
import type { ResultsFile } from '../../bench/lib/results-file';
import type { Cell, RunRecord, WorkloadResult } from '../../bench/lib/runner';
import { BEGIN, END, readPublished, renderBlock, unfitToPublish, withBlock } from '../../bench/report/published';
import { renderEngine } from '../../bench/report/render-engine';

function run(wall: number, cpu: number, rss: number, correct = true): RunRecord {
  return { wall_s: wall, user_s: cpu, sys_s: 0, cpu_s: cpu, max_rss_mib: rss, exit_code: 0, run: 1, warmup: false, correct };
}

function cell(tool: Cell['tool'], label: string, runs: RunRecord[], extra: Partial<Cell> = {}): Cell {
  return { tool, label, status: 'ran', runs, ...extra };
}

/** A full-size run of W1 at both budgets: Ferry on Node 24 and 20, s5cmd, mc and a tool that got it wrong. */
function resultsFile(): ResultsFile {
  const w1 = (budget: 'default' | 'tuned', ferry: number[]): WorkloadResult => ({
    id: 'W1',
    group: 'W1',
    title: 'upload 10,000 × 4 KiB',
    budget,
    cells: [
      cell(
        'ferry',
        'Ferry',
        ferry.map((t) => run(t, 4, 120)),
      ),
      // Faster than every peer, but Ferry's own second column is never the peer Ferry is compared with.
      cell('ferry-node20', 'Ferry (Node 20)', [run(1, 1, 100), run(1, 1, 100), run(1, 1, 100)]),
      cell('s5cmd', 's5cmd', [run(5, 5, 40), run(5.1, 5, 42), run(5.05, 5, 41)]),
      cell('mc', 'mc', [run(6, 2, 60), run(9, 3, 70), run(7, 2.5, 65)]),
      cell('rclone', 'rclone', [run(2, 1, 20, false), run(2, 1, 20), run(2, 1, 20)]),
      cell('aws', 'AWS CLI', [], { status: 'missing', reason: 'the AWS CLI is not installed' }),
    ],
  });
  const results = [w1('default', [4.5, 4.4, 4.6]), w1('tuned', [4, 6, 5])];
  const options = { ...parseArgs(['W1', '--runs', '3']), sizes: { ...FULL_SIZES } };
  return {
    started_at: '2026-12-07T11:02:00.000Z',
    finished_at: '2026-12-07T12:40:00.000Z',
    interrupted: false,
    machine: {
      cpus: 8,
      cpu_model: 'Test CPU 9000',
      memory_gib: 31.2,
      kernel: '6.1.0',
      loadavg_at_start: [0.1, 0.2, 0.3],
      loadavg_at_end: [1, 1, 1],
    },
    ferry_commit: 'abc1234',
    node: 'v20.20.2',
    versions: { ferry: 'ferry 0.1.0 on node v24.22.3', 'ferry-node20': 'ferry 0.1.0 on node v20.20.2', s5cmd: 's5cmd v2.3.0' },
    options,
    argv: ['W1', '--runs', '3'],
    results: results.map((r) => ({ ...r, cells: r.cells.map((c) => ({ ...c, figures: figures(c) })) })),
    summary: results.map(summarize),
    table: '',
  };
}

describe('bench:report', () => {
  it("keeps the README's performance block equal to what bench/published/ gives", async () => {
    const path = join(REPO_ROOT, 'README.md');
    const readme = readFileSync(path, 'utf8');
    expect(readme).toContain(BEGIN);
    expect(readme).toContain(END);
    const regenerated = await withBlock(readme, renderBlock(readPublished(REPO_ROOT)), path);
    // On failure: run `npm run bench:report` (and never edit the block by hand).
    expect(readme).toBe(regenerated);
  });

  it('names the day, machine, commit and versions, and every tool at each budget with Ferry ÷ the best peer', () => {
    const md = renderEngine(resultsFile(), 'bench/published/engine.json');
    expect(md).toContain('**2026-12-07**, 11:02–12:40 UTC');
    expect(md).toContain('8 cores (Test CPU 9000), 31.2 GiB RAM');
    expect(md).toContain('load average (1 / 5 / 15 min) 0.1 / 0.2 / 0.3 at the start');
    expect(md).toContain('Ferry at commit abc1234');
    expect(md).toContain('Ferry (Node 20): ferry 0.1.0 on node v20.20.2');
    expect(md).toContain('`npm run bench -- W1 --runs 3`: full sizes, 3 measured run(s)');
    expect(md).toContain('Ferry ran on node 24.22.3; "Ferry (Node 20)" is the same command line');
    const rows = md.split('\n').filter((l) => l.startsWith('| W1 '));
    expect(rows).toHaveLength(2);
    const [def, tuned] = rows.map((r) => r.split('|').map((c) => c.trim())) as [string[], string[]];
    // Columns: workload, Ferry, Ferry (Node 20), rclone, s5cmd, mc, AWS CLI, best peer, ratios.
    expect(def.slice(1, -1)).toEqual([
      'W1 upload 10,000 × 4 KiB',
      '4.50',
      '1.00',
      'failed (1)',
      '5.05',
      '7.00 (6.00–9.00)',
      'not run',
      's5cmd',
      // 4.5 ÷ 5.05 s; CPU 4 ÷ mc's 2.5; RSS 120 ÷ s5cmd's 41 MiB; Ferry's own peak RSS after.
      '0.89× / 1.60× / 2.93× (120 MiB)',
    ]);
    expect(tuned[2]).toBe('5.00 (4.00–6.00)');
    expect(tuned[tuned.length - 2]).toBe('0.99× / 1.60× / 2.93× (120 MiB)');
    expect(md).toContain('AWS CLI: the AWS CLI is not installed.');
  });

  it('refuses to publish a quick, short, interrupted or dirty run unless forced, and says so in the block', () => {
    const clean = resultsFile();
    expect(unfitToPublish(clean)).toEqual([]);
    const quick = { ...clean, options: { ...clean.options, quick: true, runs: 1, sizes: { ...QUICK_SIZES } } };
    expect(unfitToPublish(quick)).toEqual(['it ran the --quick sizes', 'only 1 measured run(s); publish 3 or more']);
    const dirty = { ...clean, interrupted: true, ferry_commit: 'abc1234 + uncommitted changes in app/' };
    expect(unfitToPublish(dirty).join('; ')).toMatch(/interrupted.*uncommitted/);
    const busy = { ...clean, machine: { ...clean.machine, loadavg_at_start: [12.5, 9, 8] } };
    expect(unfitToPublish(busy)).toEqual(['the machine was busy at the start (load average 12.5 on 8 cores)']);
    const small = { ...clean, options: { ...clean.options, sizes: { ...FULL_SIZES, smallCount: 100 } } };
    expect(unfitToPublish(small)).toEqual(['sizes below the full ones: smallCount']);
    const forced = renderEngine({ ...quick, published_despite: unfitToPublish(quick) }, 'bench/published/engine.json');
    expect(forced).toContain('**Not a clean run:** published with --force although it ran the --quick sizes');
  });

  it('holds the window figures to full sizes as well, and prints G3 with whether the copy was still running', () => {
    const g3 = {
      kind: 'ui' as const,
      started_at: '2026-12-07T13:00:00.000Z',
      machine: {
        cpus: 8,
        cpu_model: 'Test CPU 9000',
        memory_gib: 31.2,
        kernel: '6.1.0',
        loadavg_at_start: [0.1, 0.1, 0.1],
        loadavg_at_end: [],
      },
      ferry_commit: 'abc1234',
      node: 'v24.22.3',
      keys: 100_000,
      chromium: '156.0',
      g3: {
        rows: 100_000,
        panes: 6,
        copyObjects: 10_000,
        copiedAfterWheel: 6_000,
        copiedAfter: 10_000,
        copyRunningThroughout: false,
        wheel: { frames: 600, p50: 16.6, p95: 16.8, p99: 20, max: 33.4, dropped: 2 },
        jumps: { frames: 300, p50: 16.6, p95: 18.2, p99: 25, max: 40, dropped: 3 },
      },
    };
    expect(unfitToPublish(g3)).toEqual([]);
    expect(unfitToPublish({ ...g3, g3: { ...g3.g3, rows: 3_000 } })).toEqual(['G3 ran below 100,000 rows and a 10,000-object copy']);
    const md = renderBlock([{ path: 'bench/published/ui-g3.json', body: g3 }]);
    expect(md).toContain('core on node 24.22.3');
    expect(md).toContain('| G3 wheel scroll through 100,000 rows, 6 panes open, a 10,000-object copy running | p95 16.8 ms');
    expect(md).toContain('| G3 scrollbar jumps, 6 panes open, a 10,000-object copy, which ended before this measurement did | p95 18.2 ms');
  });

  it('refuses a README without its markers', async () => {
    await expect(withBlock('# Ferry\n', 'x', join(REPO_ROOT, 'README.md'))).rejects.toThrow(/marker lines/);
  });
});
