/**
 * The shape of bench/results/<timestamp>.json, as `npm run bench` writes it
 * and `npm run bench:report` reads it back (a published copy lives in
 * bench/published/). Raw runs are kept, so every figure of the README can be
 * recomputed from the file alone.
 */
import type { CellFigures, SummaryEntry } from './report';
import type { BenchOptions } from './options';
import type { Cell, WorkloadResult } from './runner';

export interface Machine {
  cpus: number;
  cpu_model?: string;
  memory_gib: number;
  kernel: string;
  /** Load averages (1, 5, 15 min): a busy machine's figures say so. */
  loadavg_at_start?: number[];
  loadavg_at_end: number[];
}

export interface ResultsFile {
  started_at: string;
  finished_at: string;
  interrupted: boolean;
  machine: Machine;
  ferry_commit: string;
  /** The Node that ran the benchmark itself (and the bare SDK script). */
  node: string;
  /** One line per tool: its version, and for Ferry's columns the Node it ran on. */
  versions: Record<string, string>;
  options: BenchOptions;
  /** The command as typed after `npm run bench --`. */
  argv?: string[];
  results: (WorkloadResult & { cells: (Cell & { figures: CellFigures })[] })[];
  summary: SummaryEntry[];
  table: string;
  /** Set by `npm run bench:report -- --publish --force`: why this run is not a clean one. */
  published_despite?: string[];
}
