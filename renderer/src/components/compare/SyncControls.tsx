/**
 * Running the sync the compare just showed, in the direction chosen: one
 * pane onto the other (copy what is missing or different, optionally
 * deleting what only the destination holds, with the count and typing
 * "delete" to confirm), or both ways. The job is pinned to the plan's digest,
 * so it stops before changing anything if either side moved.
 */
import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { CompareProgress } from '../../../../app/api/calls/sync-calls';
import type { CompareOptions, Location, SyncMode } from '../../../../app/api/types';
import { call, CallError } from '../../bridge/ferry-client';
import { formatBytes } from '../../format';
import { queryKeys } from '../../hooks/queries';
import type { ResolvedTally } from './conflict-choices';

interface Props {
  left: Location;
  right: Location;
  leftName: string;
  rightName: string;
  mode: SyncMode;
  /** The options of the compare that made `plans`: the job must find the same plan with them. */
  compare: CompareOptions;
  /** Once the compare is done. */
  plans: CompareProgress['plans'];
  withDelete: boolean;
  onWithDelete(on: boolean): void;
  /** Two-way: the conflicts the user resolved in the rows, which the sync carries out. */
  resolved?: ResolvedTally | undefined;
  onJobEnded(): void;
}

const objects = (n: number) => (n === 1 ? '1 object' : `${n.toLocaleString('en-US')} objects`);

const none = { count: 0, bytes: 0 };
const plus = (a: { count: number; bytes: number }, b: { count: number; bytes: number }) => ({
  count: a.count + b.count,
  bytes: a.bytes + b.bytes,
});

export function SyncControls(props: Props) {
  const { left, right, leftName, rightName, mode, compare, plans, withDelete, onWithDelete, resolved, onJobEnded } = props;
  const [typed, setTyped] = useState('');
  const [jobId, setJobId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const confirmId = useId();
  const jobs = useQuery({ queryKey: queryKeys.jobs, queryFn: () => call('transfer.list', {}), staleTime: Infinity });
  const job = jobId ? jobs.data?.find((j) => j.id === jobId) : undefined;

  const twoWay = mode === 'newer';
  const deleting = withDelete && !twoWay;
  const plan = plans ? (deleting ? plans.delete : plans.keep) : undefined;
  // A resolved conflict is a copy like the others: the side kept goes over the other one.
  const copies = plus(plan?.actions['copy-right'] ?? none, (twoWay && resolved?.left) || none);
  const back = plus(plan?.actions['copy-left'] ?? none, (twoWay && resolved?.right) || none);
  const skipped = twoWay ? (resolved?.skipped ?? 0) : 0;
  const conflicts = (plan?.actions.conflict.count ?? 0) - (twoWay && resolved ? resolved.left.count + resolved.right.count + skipped : 0);
  const conflictNote =
    (skipped === 0 ? '' : `; ${objects(skipped)} skipped`) +
    (conflicts <= 0 ? '' : `; ${objects(conflicts)} in conflict ${conflicts === 1 ? 'stays as it is' : 'stay as they are'}`);
  const resolve = twoWay && resolved && Object.keys(resolved.resolve).length > 0 ? resolved.resolve : undefined;
  const deletes = plans?.delete.actions['delete-right'] ?? { count: 0, bytes: 0 };
  const nothing = copies.count === 0 && back.count === 0 && (!deleting || deletes.count === 0);
  const confirmed = !deleting || deletes.count === 0 || typed.trim().toLowerCase() === 'delete';
  const running = job !== undefined && !['done', 'failed', 'cancelled'].includes(job.state);

  const start = async () => {
    if (!plan) return;
    setError(null);
    try {
      // The digest is the compare's: a resolved conflict hashes as the conflict it was, and its resolution is in the request.
      const sync = { left, right, mode, delete: deleting, compare, ...(resolve ? { resolve } : {}) };
      const snap = await call('sync.start', { sync, expect: plan.digest });
      setJobId(snap.id);
    } catch (err) {
      setError(err instanceof CallError ? err.data.message : String(err));
    }
  };

  const ended = job && ['done', 'failed', 'cancelled'].includes(job.state);
  const summary = !plan
    ? 'The plan is ready when the compare ends.'
    : twoWay
      ? nothing
        ? `Nothing to copy either way${conflictNote}.`
        : `Copy ${objects(copies.count)} (${formatBytes(copies.bytes)}) to ${rightName} and ${objects(back.count)} (${formatBytes(back.bytes)}) to ${leftName}${conflictNote}.`
      : `${copies.count === 0 ? `Nothing to copy to ${rightName}` : `Copy ${objects(copies.count)} (${formatBytes(copies.bytes)}) to ${rightName}`}${
          deleting && deletes.count > 0 ? `; delete ${objects(deletes.count)} (${formatBytes(deletes.bytes)}) from it` : ''
        }.`;
  return (
    <div className="sync-controls" role="group" aria-label="Sync">
      <p>{summary}</p>
      {!twoWay && deletes.count > 0 && (
        <label className="check">
          <input type="checkbox" checked={withDelete} onChange={(e) => onWithDelete(e.target.checked)} disabled={running} />
          Also delete {deletes.count === 1 ? 'the object' : `the ${objects(deletes.count)}`} only in {rightName}
        </label>
      )}
      {deleting && deletes.count > 0 && (
        <label htmlFor={confirmId} className="confirm">
          Type <strong>delete</strong> to confirm
          <input id={confirmId} value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" disabled={running} />
        </label>
      )}
      <div className="dialog-buttons">
        <button type="button" disabled={!plan || nothing || !confirmed || running} onClick={() => void start()}>
          {twoWay ? `Sync both ways` : `Sync to ${rightName}`}
        </button>
      </div>
      {job && (
        <p role="status" className={job.state === 'failed' ? 'inline-error' : 'muted'}>
          {job.state === 'done'
            ? `Sync finished: ${objects(job.itemsDone)}${leftOutNote(job.leftOut?.count ?? 0)}.`
            : job.state === 'failed'
              ? `Sync stopped: ${job.error?.message ?? 'failed'}`
              : `Syncing… ${job.itemsDone.toLocaleString('en-US')} of ${job.itemsTotal === null ? '…' : objects(job.itemsTotal)}`}
          {ended && (
            <>
              {' '}
              <button type="button" className="link" onClick={onJobEnded}>
                Compare again
              </button>
            </>
          )}
        </p>
      )}
      {error && (
        <p role="alert" className="inline-error">
          {error}
        </p>
      )}
    </div>
  );
}

/** The entries the compare named above the results as left out: the finished sync did not send them either. */
function leftOutNote(count: number): string {
  if (count === 0) return '';
  return count === 1 ? '; 1 local entry left out (named above)' : `; ${count.toLocaleString('en-US')} local entries left out (named above)`;
}
