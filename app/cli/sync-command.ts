/**
 * `ferry diff` and `ferry sync`. diff prints what differs and exits like
 * diff(1): 0 equal, 1 different, 2 trouble. sync is an ordinary transfer job
 * (journalled, resumable); --dry-run walks the same plan and prints it with
 * its digest, and `--plan <digest>` runs only that plan.
 */
import { stat } from 'node:fs/promises';
import type { CompareRow, SyncPlanSummary, SyncRequest } from '../api/types.js';
import { defaultUserDataDir } from '../core/user-data-dir.js';
import { compareBatches } from '../sync/compare.js';
import { listDepsOf } from './engine-deps.js';
import { emptyCounts } from '../sync/sync-plan.js';
import { dryRun } from '../transfer/plan/sync-items.js';
import { TransferEngine } from '../transfer/engine.js';
import type { Job } from '../transfer/job/job.js';
import { clientOptions } from '../transfer/tuning.js';
import { UsageError, type ParsedArgs } from './args.js';
import { folderLocation } from './cli-location.js';
import { CliConnections } from './connections.js';
import { visible } from './visible.js';
import { human, leftOutLine } from './report.js';
import type { CliIO } from './cli-io.js';

const MARK: Record<CompareRow['cls'], string> = { 'only-left': '<', 'only-right': '>', different: '!', unknown: '?', same: '=' };

export async function syncRequest(conns: CliConnections, args: ParsedArgs, io: CliIO): Promise<SyncRequest> {
  const [l, r] = args.operands as [string, string];
  const left = folderLocation(conns, l, args, io);
  const right = folderLocation(conns, r, args, io);
  await conns.ready();
  if (left.kind === 'local' && !(await stat(left.path).catch(() => null))?.isDirectory()) {
    throw new UsageError(`${left.path} is not a folder: ferry ${args.command} compares folders and prefixes.`);
  }
  return {
    left,
    right,
    mode: args.sync.twoWay ? 'newer' : 'mirror',
    delete: args.sync.delete,
    compare: { ...(args.sync.deep ? { deep: true } : {}), ...(args.sync.mtime ? { mtime: true } : {}), ...args.filters },
  };
}

export async function runDiff(args: ParsedArgs, io: CliIO): Promise<number> {
  const conns = new CliConnections(defaultUserDataDir(io.env), io.env, clientOptions(args.tuning), io.askSecret);
  const engine = new TransferEngine({
    connections: conns,
    clientFor: (id) => conns.client(id),
    rememberLearnt: (id, learnt) => conns.rememberLearnt(id, learnt),
    journalDir: null,
    tuning: args.tuning,
    publish: () => undefined,
  });
  const stop = new AbortController();
  const onSigint = () => stop.abort();
  process.once('SIGINT', onSigint);
  try {
    const req = await syncRequest(conns, args, io);
    const counts = emptyCounts();
    let lines: string[] = [];
    const deps = { ...listDepsOf(engine, stop.signal), leftOut: reportLeftOut(args, io) };
    for await (const batch of compareBatches(deps, req.left, req.right, req.compare)) {
      for (const row of batch) {
        const c = counts[row.cls];
        c.count++;
        c.bytes += row.left?.size ?? row.right?.size ?? 0;
        if (row.cls === 'same') continue;
        lines.push(args.json ? JSON.stringify(row) : `${MARK[row.cls]} ${visible(row.key)}  (${row.reason})`);
      }
      // One write per thousand rows or so: a line at a time costs more than the listing on a million keys.
      if (lines.length >= 1000) {
        io.out(lines.join('\n'));
        lines = [];
      }
    }
    if (lines.length > 0) io.out(lines.join('\n'));
    const equal = counts['only-left'].count + counts['only-right'].count + counts.different.count + counts.unknown.count === 0;
    if (args.json) io.out(JSON.stringify({ summary: counts, equal }));
    else {
      const parts = Object.entries(counts).map(([k, v]) => `${v.count} ${k}`);
      io.err(`ferry: ${parts.join(', ')}`);
      if (counts.unknown.count > 0) io.err('ferry: "unknown" keys have multipart ETags of equal size; --deep compares their content.');
    }
    return equal ? 0 : 1;
  } catch (err) {
    if (stop.signal.aborted) {
      io.err('ferry: interrupted; nothing was changed.');
      return 130;
    }
    if (err instanceof UsageError) throw err;
    // diff(1)'s convention: 2 is trouble, so 1 keeps meaning "they differ".
    io.err(`ferry: ${conns.redact(err instanceof Error ? err.message : String(err))}`);
    return 2;
  } finally {
    process.off('SIGINT', onSigint);
    await engine.dispose();
    conns.dispose();
  }
}

/** Local entries a compare leaves out (not files), named as they are met: a line on stderr, or a JSON line. */
function reportLeftOut(args: ParsedArgs, io: CliIO): (file: string, reason: string) => void {
  return (file, reason) => (args.json ? io.out(JSON.stringify({ leftOut: file, reason })) : io.err(leftOutLine(file, reason)));
}

export function printPlan(plan: SyncPlanSummary, args: ParsedArgs, io: CliIO): void {
  if (args.json) {
    io.out(JSON.stringify({ command: 'sync', dryRun: true, ...plan }));
    return;
  }
  const verbs = { 'copy-right': 'copy', 'copy-left': 'copy back', 'delete-right': 'delete', conflict: 'conflict (left alone)' };
  for (const [kind, verb] of Object.entries(verbs) as [keyof typeof verbs, string][]) {
    const a = plan.actions[kind];
    if (a.count === 0) continue;
    io.out(`${verb}: ${a.count} objects, ${human(a.bytes)}`);
    for (const x of plan.first[kind]) io.out(`  ${visible(x.key)}  (${x.cls}, ${x.reason})`);
    if (a.count > plan.first[kind].length) io.out(`  … and ${a.count - plan.first[kind].length} more`);
  }
  if (plan.compared.unknown.count > 0) io.out(`unknown (left alone; --deep compares them): ${plan.compared.unknown.count} objects`);
  io.out(`plan ${plan.digest}: run exactly this with: ferry sync --plan ${plan.digest} ${args.operands.join(' ')}`);
}

/** The dry run: the whole plan, nothing changed. */
export async function syncDryRun(engine: TransferEngine, conns: CliConnections, args: ParsedArgs, io: CliIO): Promise<number> {
  const sync = await syncRequest(conns, args, io);
  const deps = { ...listDepsOf(engine, new AbortController().signal), leftOut: reportLeftOut(args, io) };
  printPlan(await dryRun(deps, { kind: 'sync', sync }), args, io);
  return 0;
}

export async function startSync(engine: TransferEngine, conns: CliConnections, args: ParsedArgs, io: CliIO): Promise<Job> {
  const sync = await syncRequest(conns, args, io);
  return engine.start({
    sources: [{ kind: 'sync', sync, ...(args.sync.plan ? { expect: args.sync.plan } : {}) }],
    destination: sync.right,
    mode: 'copy',
    conflict: 'overwrite',
  });
}
