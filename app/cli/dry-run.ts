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
import { whyNotAFile } from '../local/not-a-file.js';
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
    moving: args.command === 'mv',
  };
  const verb = args.command === 'mv' ? 'move' : 'copy';
  let count = 0;
  let bytes = 0;
  let lines: string[] = [];
  let refused = 0;
  for await (const item of planSources(sources, deps, undefined, makeFilter(args.filters))) {
    // What the job would name among its failures (a link to nothing, a pipe), named here too.
    const why = item.source.kind === 'local' && item.size === null ? await whyNotAFile(item.source.path, deps.moving) : undefined;
    if (why && item.source.kind === 'local') {
      refused++;
      lines.push(
        args.json
          ? JSON.stringify({ action: 'refuse', from: item.source.path, reason: why })
          : `would not ${verb} ${visible(item.source.path)}: ${why}`,
      );
      continue;
    }
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
  if (args.json) io.out(JSON.stringify({ command: args.command, dryRun: true, objects: count, bytes, refused }));
  else {
    const left = refused > 0 ? `; ${refused} would fail, named above` : '';
    io.out(`would ${verb} ${count} objects, ${bytes} bytes${left} (dry run: nothing was changed)`);
  }
  return 0;
}
