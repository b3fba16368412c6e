/**
 * The README's window figures (L2, G1, G2, G3) from a results file of
 * `node bench/ui-listing.mjs`, with their budgets from benchmarks.md.
 */
import type { Machine } from '../lib/results-file';

interface Frames {
  frames: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  dropped: number;
}

/** What bench/ui/listing.ts writes; the G3 part is there when --g3 ran. */
export interface UiResultsFile {
  kind?: 'ui';
  started_at?: string;
  finished_at?: string;
  machine?: Machine;
  ferry_commit?: string;
  node?: string;
  keys: number;
  chromium: string;
  l2?: { runsMs: number[]; medianMs: number; serverFirstPageMs: number };
  g1?: { steady: Frames; jumps: Frames };
  g2?: { rows: number; jsHeapUsed: number; domNodes: number; coreRss: number | null };
  published_despite?: string[];
  g3?: {
    rows: number;
    panes: number;
    copyObjects: number;
    copiedAfterWheel: number;
    copiedAfter: number;
    copyRunningThroughout: boolean;
    wheel: Frames;
    jumps: Frames;
  };
}

export function isUiResults(x: unknown): x is UiResultsFile {
  return typeof x === 'object' && x !== null && 'chromium' in x && 'keys' in x;
}

const ms = (v: number): string => `${v.toFixed(1)} ms`;
const count = (n: number): string => n.toLocaleString('en-US');
const frames = (f: Frames): string =>
  `p95 ${ms(f.p95)} (p50 ${ms(f.p50)}, max ${ms(f.max)}; ${f.dropped} of ${count(f.frames)} frames over 25 ms)`;

/** A run published with --force says so above its figures. */
export function forcedNote(why: string[]): string {
  return `**Not a clean run:** published with --force although ${why.join('; ')}.`;
}

export function renderUi(file: UiResultsFile, source: string): string {
  const m = file.machine;
  const when = file.started_at ? `**${file.started_at.slice(0, 10)}**, ${file.started_at.slice(11, 16)} UTC` : '**undated**';
  const load = m?.loadavg_at_start ? `; load average ${m.loadavg_at_start.map((x) => x.toFixed(1)).join(' / ')} at the start` : '';
  const rows: string[][] = [];
  if (file.l2) {
    rows.push([
      `L2 first 1,000 rows on screen, ${count(file.keys)} keys in the folder`,
      `${ms(file.l2.medianMs)} median of ${file.l2.runsMs.length} (server's own first page ${ms(file.l2.serverFirstPageMs)})`,
      '≤ 250 ms, or 1.2 × the server',
    ]);
  }
  if (file.g1) {
    rows.push([`G1 wheel scroll through ${count(file.keys)} rows`, frames(file.g1.steady), 'p95 ≤ 16.7 ms']);
    rows.push([`G1 scrollbar jumps through ${count(file.keys)} rows`, frames(file.g1.jumps), 'p95 ≤ 16.7 ms']);
  }
  if (file.g2) {
    const heap = `${Math.round(file.g2.jsHeapUsed / 1048576)} MiB`;
    const core = file.g2.coreRss === null ? 'not measured' : `${Math.round(file.g2.coreRss / 1048576)} MiB`;
    rows.push([
      `G2 memory with ${count(file.g2.rows)} rows loaded`,
      `window JS heap ${heap}, ${count(file.g2.domNodes)} DOM nodes; core RSS ${core}`,
      '—',
    ]);
  }
  if (file.g3) {
    const g = file.g3;
    const copy = (done: number): string =>
      done < g.copyObjects
        ? `a ${count(g.copyObjects)}-object copy running`
        : `a ${count(g.copyObjects)}-object copy, which ended before this measurement did`;
    rows.push([
      `G3 wheel scroll through ${count(g.rows)} rows, ${g.panes} panes open, ${copy(g.copiedAfterWheel)}`,
      frames(g.wheel),
      'p95 ≤ 16.7 ms',
    ]);
    rows.push([`G3 scrollbar jumps, ${g.panes} panes open, ${copy(g.copiedAfter)}`, frames(g.jumps), 'p95 ≤ 16.7 ms']);
  }
  const table = [['measurement', 'Ferry', 'target'], ['---', '---', '---'], ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
  return [
    `The window: ${when}, from [${source}](${source}), serve mode in Chromium ${file.chromium} without GPU` +
      (m ? `, ${m.cpus} cores (${m.cpu_model ?? 'CPU model not recorded'}), ${m.memory_gib} GiB RAM${load}` : '') +
      (file.ferry_commit ? `; Ferry at commit ${file.ferry_commit}` : '') +
      (file.node ? `, core on node ${file.node.replace(/^v/, '')}` : '') +
      '.',
    ...(file.published_despite ? [forcedNote(file.published_despite)] : []),
    table,
  ].join('\n\n');
}
