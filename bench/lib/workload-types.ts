/**
 * The shape of a workload (bench/lib/workloads.ts has the standard ones; the
 * sync, CRC and remote variants live in their own files and share this).
 */
import type { Expected } from './datasets';
import type { BudgetName, Sizes } from './options';
import type { Endpoint, Op, Tool } from './tools/types';

export interface WorkloadContext {
  a: Endpoint;
  b: Endpoint;
  sizes: Sizes;
  seed: string;
  /** Where generated local data sets live (kept between workloads and runs). */
  dataDir: string;
}

export interface Verification {
  ok: boolean;
  expected: Expected;
  actual: Expected | null;
  detail?: string;
}

export interface RunSetup {
  op: Op;
  verify(tool: Tool): Promise<Verification>;
  cleanup(): Promise<void>;
}

export interface Workload {
  id: string;
  /** The id in benchmarks.md (W6-small belongs to W6). */
  group: string;
  title(sizes: Sizes): string;
  budgets: BudgetName[];
  /** Every tool reaches the servers through Toxiproxy with added latency (bench/lib/remote-workloads.ts). */
  remote?: boolean;
  /** Extra words for the table, e.g. what a size means. */
  note?: (sizes: Sizes) => string | undefined;
  /**
   * Bytes the workload holds at once on the work directory (its sources, the
   * servers' copies and a run's destination), checked against the free space
   * before it starts: a full tmpfs fails a run midway, after minutes.
   */
  spaceNeeded?: (sizes: Sizes, seed: string) => number;
  prepare(ctx: WorkloadContext): Promise<void>;
  setup(ctx: WorkloadContext, tag: string, scratch: string): Promise<RunSetup>;
}
