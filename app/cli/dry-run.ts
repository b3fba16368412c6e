/**
 * `ferry cp|mv --dry-run`: the planner lists exactly what the job would take
 * (filters included) and each item's destination is worked out the way the
 * job would, but nothing is read or written.
 */
import type { Location, TransferSource } from '../api/types.js';
import { makeFilter } from '../sync/glob.js';
import { destinationKey, localTargetPath } from '../transfer/plan/destination.js';
import type { TransferEngine } from '../transfer/engine.js';
import { planSources } from '../transfer/plan/planner.js';
import type { ParsedArgs } from './args.js';
import { visible } from './visible.js';
import type { CliIO } from './cli-io.js';

export async function planOnly(
  engine: TransferEngine,
  sources: TransferSource[],
  destination: Location,
  args: ParsedArgs,
  io: CliIO,
): Promise<number> {
  const signal = new AbortController().signal;
  const deps = {
    env: { scheduler: engine.scheduler, tuning: engine.tuning, stats: { requests: 0, retries: 0, stalls: 0 } },
    conn: (id: string) => engine.conn(id),
    signal,
  };
  const verb = args.command === 'mv' ? 'move' : 'copy';
  let count = 0;
  let bytes = 0;
  let lines: string[] = [];
  for await (const item of planSources(sources, deps, undefined, makeFilter(args.filters))) {
    count++;
    bytes += item.size ?? 0;
    const from = item.source.kind === 'local' ? item.source.path : `${item.source.bucket}/${item.source.key}`;
    const to =
      destination.kind === 's3'
        ? `${destination.bucket}/${destinationKey(destination.prefix, item.relative, engine.conn(destination.connectionId).summary.probe?.keySegments)}`
        : localTargetPath(destination.path, item.relative).target;
    lines.push(args.json ? JSON.stringify({ action: verb, from, to, size: item.size }) : `would ${verb} ${visible(from)} → ${visible(to)}`);
    if (lines.length >= 1000) {
      io.out(lines.join('\n'));
      lines = [];
    }
  }
  if (lines.length > 0) io.out(lines.join('\n'));
  if (args.json) io.out(JSON.stringify({ command: args.command, dryRun: true, objects: count, bytes }));
  else io.out(`would ${verb} ${count} objects, ${bytes} bytes (dry run: nothing was changed)`);
  return 0;
}
