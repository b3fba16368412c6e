/**
 * Turns runs into figures: median and spread per tool, the best peer per
 * workload and budget (only among tools whose every run verified), Ferry's
 * ratios, one printed table and the summary written to the results file.
 */
import { isFerry } from './options';
import type { Cell, RunRecord, WorkloadResult } from './runner';

export interface Stats {
  n: number;
  median: number;
  min: number;
  max: number;
  /** Half the range, as a percentage of the median. */
  spread_pct: number;
}

export function stats(values: number[]): Stats | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
  const min = sorted[0] as number;
  const max = sorted[sorted.length - 1] as number;
  return { n: sorted.length, median, min, max, spread_pct: median > 0 ? ((max - min) / 2 / median) * 100 : 0 };
}

export interface CellFigures {
  tool: string;
  status: Cell['status'];
  reason?: string;
  staged?: boolean;
  /** Every measured (non-warm-up) run verified. */
  correct: boolean;
  wrong_runs: number;
  wall_s: Stats | null;
  cpu_s: Stats | null;
  max_rss_mib: Stats | null;
}

export function figures(cell: Cell): CellFigures {
  const measured = cell.runs.filter((r) => !r.warmup);
  const good = measured.filter((r) => r.correct);
  const pick = (f: (r: RunRecord) => number | null): Stats | null => {
    const vals = good.map(f).filter((v): v is number => v !== null);
    return vals.length === good.length ? stats(vals) : null;
  };
  return {
    tool: cell.tool,
    status: cell.status,
    ...(cell.reason ? { reason: cell.reason } : {}),
    ...(cell.staged ? { staged: true } : {}),
    correct: cell.status === 'ran' && measured.length > 0 && good.length === measured.length,
    wrong_runs: measured.length - good.length,
    wall_s: pick((r) => r.wall_s),
    cpu_s: pick((r) => r.cpu_s),
    max_rss_mib: pick((r) => r.max_rss_mib),
  };
}

export interface SummaryEntry {
  workload: string;
  budget: string;
  title: string;
  best_peer: string | null;
  /** Ferry's median wall time ÷ the best peer's; null when either is missing. */
  ratio: number | null;
  /** Ferry's median CPU ÷ the lowest median CPU of a correct peer; same for peak RSS. */
  cpu_ratio: number | null;
  rss_ratio: number | null;
  /** Every measured Ferry run verified (false when Ferry could not run). */
  correct: boolean;
  ferry_median_s: number | null;
  best_peer_median_s: number | null;
  ferry_status: string;
}

function best(cells: CellFigures[], metric: (c: CellFigures) => Stats | null): CellFigures | undefined {
  return cells
    .filter((c) => !isFerry(c.tool) && c.correct && metric(c) !== null)
    .sort((x, y) => (metric(x) as Stats).median - (metric(y) as Stats).median)[0];
}

export function summarize(r: WorkloadResult): SummaryEntry {
  const cells = r.cells.map(figures);
  const ferry = cells.find((c) => c.tool === 'ferry');
  const fastest = best(cells, (c) => c.wall_s);
  const ratio = (metric: (c: CellFigures) => Stats | null, peer: CellFigures | undefined): number | null => {
    const f = ferry && ferry.correct ? metric(ferry) : null;
    const p = peer ? metric(peer) : null;
    return f && p && p.median > 0 ? f.median / p.median : null;
  };
  return {
    workload: r.id,
    budget: r.budget,
    title: r.title,
    best_peer: fastest?.tool ?? null,
    ratio: ratio((c) => c.wall_s, fastest),
    cpu_ratio: ratio(
      (c) => c.cpu_s,
      best(cells, (c) => c.cpu_s),
    ),
    rss_ratio: ratio(
      (c) => c.max_rss_mib,
      best(cells, (c) => c.max_rss_mib),
    ),
    correct: ferry?.correct ?? false,
    ferry_median_s: ferry?.correct ? (ferry.wall_s?.median ?? null) : null,
    best_peer_median_s: fastest?.wall_s?.median ?? null,
    ferry_status: !ferry
      ? 'not selected'
      : ferry.status === 'ran'
        ? ferry.correct
          ? 'ran'
          : 'wrong or failed'
        : `${ferry.status}: ${ferry.reason}`,
  };
}

function cellText(c: CellFigures): string {
  if (c.status === 'missing') return 'not run';
  if (c.status === 'unsupported') return 'n/a';
  if (!c.correct) return c.wrong_runs > 0 ? `FAILED ${c.wrong_runs}x` : 'no runs';
  const w = c.wall_s as Stats;
  const cpu = c.cpu_s ? ` ${c.cpu_s.median.toFixed(1)}c` : '';
  const rss = c.max_rss_mib ? ` ${c.max_rss_mib.median.toFixed(0)}M` : '';
  return `${w.median.toFixed(2)}s ±${w.spread_pct.toFixed(0)}%${cpu}${rss}${c.staged ? ' †' : ''}`;
}

const fmtRatio = (x: number | null): string => (x === null ? '—' : `${x.toFixed(2)}×`);

/** One table: workload, budget, Ferry, each peer, the best peer and Ferry ÷ best (time, CPU, memory). */
export function table(results: WorkloadResult[], toolOrder: { id: string; label: string }[]): string {
  const header = ['workload', 'budget', ...toolOrder.map((t) => t.label), 'best peer', 'Ferry ÷ best (time / cpu / rss)'];
  const rows: string[][] = [header];
  const notes = new Set<string>();
  for (const r of results) {
    const cells = r.cells.map(figures);
    const s = summarize(r);
    const byTool = new Map(cells.map((c) => [c.tool, c]));
    rows.push([
      `${r.id} ${r.title}`,
      r.budget,
      ...toolOrder.map((t) => {
        const c = byTool.get(t.id);
        if (!c) return '';
        if (c.reason) notes.add(`${t.label}: ${c.reason}`);
        return cellText(c);
      }),
      s.best_peer ? (toolOrder.find((t) => t.id === s.best_peer)?.label ?? s.best_peer) : '—',
      `${fmtRatio(s.ratio)} / ${fmtRatio(s.cpu_ratio)} / ${fmtRatio(s.rss_ratio)}`,
    ]);
    if (r.note) notes.add(`${r.id}: ${r.note}`);
  }
  const widths = header.map((_, i) => Math.max(...rows.map((row) => (row[i] ?? '').length)));
  const line = (row: string[]): string => row.map((v, i) => v.padEnd(widths[i] as number)).join(' | ');
  const out = [line(rows[0] as string[]), widths.map((w) => '-'.repeat(w)).join('-|-'), ...rows.slice(1).map(line)];
  out.push(
    '',
    'Cells: median wall time ±half the range over the measured runs, median client CPU seconds (user+sys, c) and peak RSS (M = MiB).',
    '† staged through tmpfs: the tool cannot copy between two endpoints, so it downloads and then uploads; both steps are counted.',
    'Best peer: the fastest tool other than Ferry whose every run verified. CPU and RSS ratios compare with the lowest such peer.',
    ...[...notes].map((n) => `Note — ${n}`),
  );
  return out.join('\n');
}
