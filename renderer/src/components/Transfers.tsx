/** The transfer queue, fed by pushed progress events (see use-transfer-events). */
import { useQuery } from '@tanstack/react-query';
import type { JobSnapshot } from '../../../app/api/types';
import { call } from '../bridge/ferry-client';
import { formatBytes, visibleName } from '../format';
import { queryKeys } from '../hooks/queries';

const stateLabel: Record<JobSnapshot['state'], string> = {
  planning: 'Planning',
  running: 'Copying',
  paused: 'Paused',
  waiting: 'Waiting',
  done: 'Done',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

function percent(job: JobSnapshot): number {
  if (job.state === 'done') return 100;
  return job.bytesTotal > 0 ? Math.floor((job.bytesDone / job.bytesTotal) * 100) : 0;
}

/** The label reads "source → destination"; the queue shows the source's name. */
function sourceName(job: JobSnapshot): string {
  return job.label.split(' → ')[0] ?? job.label;
}

export function Transfers() {
  const jobs = useQuery({ queryKey: queryKeys.jobs, queryFn: () => call('transfer.list', {}), staleTime: Infinity });
  const list = [...(jobs.data ?? [])].reverse();
  return (
    <section aria-label="Transfers" className="transfers">
      <h2>Transfers</h2>
      {list.length === 0 && <p className="muted">Drag an object from one pane to the other to copy it.</p>}
      <ul>
        {list.map((job) => (
          <li key={job.id} className={`job job-${job.state}`}>
            <span className="job-name">{visibleName(sourceName(job))}</span>
            <progress max={100} value={percent(job)} aria-label={`Copy of ${sourceName(job)}`} />
            <span className="job-bytes">
              {formatBytes(job.bytesDone)} / {formatBytes(job.bytesTotal)}
            </span>
            <span className="job-state">{stateLabel[job.state]}</span>
            {job.error && (
              <span role="alert" className="inline-error">
                {job.error.message}
              </span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
