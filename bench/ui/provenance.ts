/** What a UI results file records about its run, so `npm run bench:report` can publish it: when, where, which commit. */
import { spawnSync } from 'node:child_process';
import { cpus, loadavg, release, totalmem } from 'node:os';
import type { Machine } from '../lib/results-file';
import { REPO_ROOT } from '../lib/repo';

export interface Provenance {
  kind: 'ui';
  started_at: string;
  machine: Machine;
  ferry_commit: string;
  /** The Node Ferry's core (serve mode) ran on. */
  node: string;
}

export function provenanceAtStart(): Provenance {
  const git = (args: string[]): string => spawnSync('git', args, { cwd: REPO_ROOT, encoding: 'utf8' }).stdout?.trim() ?? '';
  const head = git(['rev-parse', '--short', 'HEAD']);
  const dirty = git(['status', '--porcelain', '--', 'app', 'renderer']) !== '';
  return {
    kind: 'ui',
    started_at: new Date().toISOString(),
    machine: {
      cpus: cpus().length,
      cpu_model: cpus()[0]?.model,
      memory_gib: +(totalmem() / 1024 ** 3).toFixed(1),
      kernel: release(),
      loadavg_at_start: loadavg(),
      loadavg_at_end: [],
    },
    ferry_commit: head ? `${head}${dirty ? ' + uncommitted changes in app/ or renderer/' : ''}` : '',
    node: process.version,
  };
}

/** The same, closed when the run ends. */
export function provenanceAtEnd(p: Provenance): Provenance & { finished_at: string } {
  return { ...p, machine: { ...p.machine, loadavg_at_end: loadavg() }, finished_at: new Date().toISOString() };
}
