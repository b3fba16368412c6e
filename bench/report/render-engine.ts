/**
 * The README's engine table, from one results file of `npm run bench`: who
 * ran what, where, and for each workload and budget every tool's median wall
 * time (with the range when its runs disagree), the best peer, and Ferry ÷
 * that peer for time, CPU and peak RSS. Figures are recomputed from the raw
 * runs in the file, with the same code that printed them.
 */
import { isFerry, QUICK_SIZES, TOOL_IDS, type BudgetName } from '../lib/options';
import { figures, summarize, type CellFigures, type Stats } from '../lib/report';
import type { ResultsFile } from '../lib/results-file';
import { forcedNote } from './render-ui';

/** Runs whose fastest and slowest differ by more than this share of the median show their range. */
export const RANGE_SHOWN_ABOVE = 0.05;

const LABELS: Record<string, string> = {
  ferry: 'Ferry',
  'ferry-node20': 'Ferry (Node 20)',
  'bare-sdk': 'bare SDK',
  rclone: 'rclone',
  s5cmd: 's5cmd',
  mc: 'mc',
  aws: 'AWS CLI',
};
export const labelOf = (tool: string): string => LABELS[tool] ?? tool;

export function seconds(s: Stats): string {
  const median = s.median.toFixed(2);
  if (s.median <= 0 || (s.max - s.min) / s.median <= RANGE_SHOWN_ABOVE) return median;
  return `${median} (${s.min.toFixed(2)}–${s.max.toFixed(2)})`;
}

function cellText(c: CellFigures | undefined): string {
  if (!c) return '';
  if (c.status === 'missing') return 'not run';
  if (c.status === 'unsupported') return 'n/a';
  if (!c.correct || !c.wall_s) return c.wrong_runs > 0 ? `failed (${c.wrong_runs})` : 'no runs';
  return `${seconds(c.wall_s)}${c.staged ? ' †' : ''}`;
}

const ratio = (x: number | null): string => (x === null ? '—' : `${x.toFixed(2)}×`);

function mib(bytes: number): string {
  return `${Math.round(bytes / 1048576)} MiB`;
}

/** One line each for the machine, the checkout and the versions, as prose above the tables. */
export function provenance(file: ResultsFile, source: string): string[] {
  const m = file.machine;
  const day = file.started_at.slice(0, 10);
  const time = `${file.started_at.slice(11, 16)}–${file.finished_at.slice(11, 16)} UTC`;
  const load = (l: number[] | undefined): string => (l ? l.map((x) => x.toFixed(1)).join(' / ') : 'not recorded');
  const full = Object.entries(file.options.sizes).every(([k, v]) => v >= QUICK_SIZES[k as keyof typeof QUICK_SIZES]);
  const sizes = file.options.quick ? 'quick sizes (not comparable with full runs)' : full ? 'full sizes' : 'sizes set by hand';
  const command = file.argv ? `\`npm run bench -- ${file.argv.join(' ')}\`` : 'npm run bench';
  const tools = Object.entries(file.versions)
    .map(([id, v]) => `${labelOf(id)}: ${v}`)
    .join('; ');
  const tuned = file.options.tuned;
  return [
    `**${day}**, ${time}, from [${source}](${source}). ${command}: ${sizes}, ${file.options.runs} measured run(s) of each tool ` +
      `after ${file.options.warmups} warm-up(s), every run verified byte for byte.`,
    `Machine: ${m.cpus} cores (${m.cpu_model ?? 'CPU model not recorded'}), ${m.memory_gib} GiB RAM, Linux ${m.kernel}; ` +
      `load average (1 / 5 / 15 min) ${load(m.loadavg_at_start)} at the start, ${load(m.loadavg_at_end)} at the end.`,
    `Ferry at commit ${file.ferry_commit || 'unknown'}; the benchmark ran on node ${file.node.replace(/^v/, '')}. ${tools}.`,
    `Budgets: **default** runs every tool as installed; **tuned** gives every tool ${tuned.inFlight} requests in flight and ` +
      `${tuned.partBytes / 1048576} MiB parts, with checksums on where the tool has them.`,
  ];
}

/** The markdown table for one budget; undefined when the file has no workload at that budget. */
export function budgetTable(file: ResultsFile, budget: BudgetName): string | undefined {
  const results = file.results.filter((r) => r.budget === budget);
  if (results.length === 0) return undefined;
  const present = new Set(results.flatMap((r) => r.cells.map((c) => c.tool)));
  const tools = TOOL_IDS.filter((t) => present.has(t));
  const header = ['workload', ...tools.map(labelOf), 'best peer', 'Ferry ÷ best: time / CPU / RSS'];
  const align = ['---', ...tools.map(() => '--:'), '---', '---'];
  const rows = results.map((r) => {
    const cells = new Map(r.cells.map((c) => [c.tool, figures(c)]));
    const s = summarize(r);
    const ferry = cells.get('ferry');
    const rss = ferry?.correct && ferry.max_rss_mib ? ` (${mib(ferry.max_rss_mib.median * 1048576)})` : '';
    return [
      `${r.id} ${r.title}`,
      ...tools.map((t) => cellText(cells.get(t))),
      s.best_peer ? labelOf(s.best_peer) : '—',
      `${ratio(s.ratio)} / ${ratio(s.cpu_ratio)} / ${ratio(s.rss_ratio)}${rss}`,
    ];
  });
  return [header, align, ...rows].map((row) => `| ${row.join(' | ')} |`).join('\n');
}

/** Reasons tools did not run, and the workloads' own notes, once each. */
function notes(file: ResultsFile): string[] {
  const out = new Set<string>();
  for (const r of file.results) {
    if (r.note) out.add(`${r.id}: ${r.note}.`);
    for (const c of r.cells) {
      if (c.reason && c.reason !== 'not selected')
        out.add(`${labelOf(c.tool)}${c.status === 'unsupported' ? ` (${r.id})` : ''}: ${c.reason}.`);
    }
  }
  return [...out].map((n) => n.replace(/\.\.$/, '.'));
}

export function renderEngine(file: ResultsFile, source: string): string {
  const ferryColumns = file.results.some((r) => r.cells.some((c) => isFerry(c.tool) && c.tool !== 'ferry' && c.status === 'ran'));
  const ferryNode = /on node (v[\d.]+)/.exec(file.versions.ferry ?? '')?.[1] ?? file.node;
  const parts = [provenance(file, source).join('\n')];
  if (file.published_despite) parts.push(forcedNote(file.published_despite));
  for (const budget of ['default', 'tuned'] as const) {
    const t = budgetTable(file, budget);
    if (t) parts.push(`${budget === 'default' ? 'Default budget' : 'Tuned budget'}, median wall seconds:\n\n${t}`);
  }
  parts.push(
    [
      `Cells: median wall seconds of the measured runs; a range follows when the fastest and slowest run differ by more than ${RANGE_SHOWN_ABOVE * 100}% of the median.`,
      `Best peer: the fastest other tool whose every run verified; the CPU and RSS ratios compare with the lowest such peer, and Ferry's own peak RSS follows in brackets.`,
      `Ferry ran on node ${ferryNode.replace(/^v/, '')}${ferryColumns ? '; "Ferry (Node 20)" is the same command line on the machine\'s Node 20' : ''}.`,
      '† staged through tmpfs: the tool cannot copy between two endpoints, so it downloads and then uploads, and both steps count.',
      ...notes(file),
    ]
      .map((line) => `- ${line}`)
      .join('\n'),
  );
  return parts.join('\n\n');
}
