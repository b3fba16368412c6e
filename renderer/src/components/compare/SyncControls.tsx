/**
 * Running the sync the compare just showed: copy what is missing or
 * different onto the right, optionally deleting what only the right holds
 * (with the count, and typing "delete" to confirm). The job is pinned to the
 * plan's digest, so it stops before changing anything if either side moved.
 */
import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import type { CompareProgress } from '../../../../app/api/calls/sync-calls';
import type { CompareOptions, Location } from '../../../../app/api/types';
import { call, CallError } from '../../bridge/ferry-client';
import { formatBytes } from '../../format';
import { queryKeys } from '../../hooks/queries';

interface Props {
  left: Location;
  right: Location;
  rightName: string;
  /** The options of the compare that made `plans`: the job must find the same plan with them. */
  compare: CompareOptions;
  plans: NonNullable<CompareProgress['plans']>;
  onJobEnded(): void;
}

const objects = (n: number) => (n === 1 ? '1 object' : `${n.toLocaleString('en-US')} objects`);

export function SyncControls({ left, right, rightName, compare, plans, onJobEnded }: Props) {
  const [withDelete, setWithDelete] = useState(false);
  const [typed, setTyped] = useState('');
  const [jobId, setJobId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const confirmId = useId();
  const jobs = useQuery({ queryKey: queryKeys.jobs, queryFn: () => call('transfer.list', {}), staleTime: Infinity });
  const job = jobId ? jobs.data?.find((j) => j.id === jobId) : undefined;

  const plan = withDelete ? plans.delete : plans.keep;
  const copies = plan.actions['copy-right'];
  const deletes = plans.delete.actions['delete-right'];
  const nothing = copies.count === 0 && (!withDelete || deletes.count === 0);
  const confirmed = !withDelete || deletes.count === 0 || typed.trim().toLowerCase() === 'delete';
  const running = job !== undefined && !['done', 'failed', 'cancelled'].includes(job.state);

  const start = async () => {
    setError(null);
    try {
      const snap = await call('sync.start', { sync: { left, right, mode: 'mirror', delete: withDelete, compare }, expect: plan.digest });
      setJobId(snap.id);
    } catch (err) {
      setError(err instanceof CallError ? err.data.message : String(err));
    }
  };

  const ended = job && ['done', 'failed', 'cancelled'].includes(job.state);
  return (
    <div className="sync-controls" role="group" aria-label="Sync">
      <p>
        {copies.count === 0
          ? `Nothing to copy to ${rightName}.`
          : `Copy ${objects(copies.count)} (${formatBytes(copies.bytes)}) to ${rightName}.`}
      </p>
      {deletes.count > 0 && (
        <label className="check">
          <input type="checkbox" checked={withDelete} onChange={(e) => setWithDelete(e.target.checked)} disabled={running} />
          Also delete {deletes.count === 1 ? 'the object' : `the ${objects(deletes.count)}`} only in {rightName}
        </label>
      )}
      {withDelete && deletes.count > 0 && (
        <label htmlFor={confirmId} className="confirm">
          Type <strong>delete</strong> to confirm
          <input id={confirmId} value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" disabled={running} />
        </label>
      )}
      <div className="dialog-buttons">
        <button type="button" disabled={nothing || !confirmed || running} onClick={() => void start()}>
          Sync to {rightName}
        </button>
      </div>
      {job && (
        <p role="status" className={job.state === 'failed' ? 'inline-error' : 'muted'}>
          {job.state === 'done'
            ? `Sync finished: ${objects(job.itemsDone)}.`
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
