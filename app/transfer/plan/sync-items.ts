/**
 * A sync job's items: the compare runs inside the job's planner, and each row
 * that needs an action becomes an item right away (a copy towards the side
 * that must change, or a delete), so a sync of a million keys starts at once
 * and never holds its plan. Items are keyed by their relative key, so a job
 * that resumes restarts the compare just after the last key handed out.
 */
import path from 'node:path';
import { FerryError } from '../../api/errors.js';
import type { ItemRef, Location, SyncSource } from '../../api/types.js';
import type { PlannedItem } from './planned-item.js';
import { compareBatches } from '../../sync/compare.js';
import { s3Root, type ListDeps } from '../../sync/side-listing.js';
import { actionFor, PlanTally } from '../../sync/sync-plan.js';

/** A location as a copy's destination: an S3 prefix always ends in '/'. */
export function asFolder(loc: Location): Location {
  return loc.kind === 's3' ? { ...loc, prefix: s3Root(loc.prefix) } : loc;
}

function refAt(loc: Location, key: string): ItemRef {
  return loc.kind === 's3'
    ? { kind: 's3', connectionId: loc.connectionId, bucket: loc.bucket, key: s3Root(loc.prefix) + key }
    : { kind: 'local', path: path.join(loc.path, ...key.split('/')) };
}

/** Walks the whole plan once, changing nothing: its summary (counts, first rows, digest). */
export async function dryRun(deps: ListDeps, src: SyncSource) {
  const tally = new PlanTally();
  const presume = src.sync.mode !== 'newer';
  for await (const batch of compareBatches(deps, src.sync.left, src.sync.right, src.sync.compare, undefined, presume)) {
    for (const row of batch) tally.add(row, actionFor(row, src.sync));
  }
  return tally.summary();
}

export async function* planSync(srcIndex: number, src: SyncSource, deps: ListDeps, after: string | undefined): AsyncGenerator<PlannedItem> {
  const { left, right } = src.sync;
  if (src.expect !== undefined && after === undefined) {
    const found = await dryRun(deps, src);
    if (found.digest !== src.expect) {
      throw new FerryError(
        'conflict',
        'The locations changed since the plan was made; nothing was changed. Compare again (or run a new dry run) and sync from that.',
        {
          details: { expected: src.expect, found: found.digest },
        },
      );
    }
  }
  // A batch at a time: the rows that need nothing (most of a sync that is nearly done) cost no await each.
  for await (const batch of compareBatches(deps, left, right, src.sync.compare, after, src.sync.mode !== 'newer')) {
    for (const row of batch) {
      const action = actionFor(row, src.sync);
      if (!action || action.kind === 'conflict') continue;
      const from = action.kind === 'copy-left' ? right : left;
      const to = action.kind === 'copy-left' ? left : right;
      const entry = action.kind === 'copy-left' || action.kind === 'delete-right' ? row.right : row.left;
      const base = {
        id: `${srcIndex}:${row.key}`,
        srcIndex,
        cursor: row.key,
        relative: row.key,
        size: entry?.size ?? 0,
        ...(entry?.etag ? { etag: entry.etag } : {}),
        ...(entry?.mtime !== undefined ? { lastModified: entry.mtime } : {}),
      };
      if (action.kind === 'delete-right') yield { ...base, size: 0, source: refAt(right, row.key), remove: true };
      else yield { ...base, source: refAt(from, row.key), destination: asFolder(to) };
    }
  }
}
