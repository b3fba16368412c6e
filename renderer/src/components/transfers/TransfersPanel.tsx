/**
 * The transfer queue: a region named "Transfers" with a status line that
 * totals every job, and one row per job. Everything here is fed by pushed
 * progress events (see use-transfer-events); nothing polls.
 */
import { useQuery } from '@tanstack/react-query';
import type { JobSnapshot } from '../../../../app/api/types';
import { call } from '../../bridge/ferry-client';
import { formatBytes, formatRate } from '../../format';
import { queryKeys } from '../../hooks/queries';
import { JobRow } from './JobRow';

const active = (job: JobSnapshot) => job.state === 'planning' || job.state === 'running' || job.state === 'waiting';

function totals(jobs: JobSnapshot[]) {
  const running = jobs.filter(active);
  return {
    running: running.length,
    paused: jobs.filter((j) => j.state === 'paused').length,
    failed: jobs.filter((j) => j.state === 'failed').length,
    bytesDone: running.reduce((n, j) => n + j.bytesDone, 0),
    bytesTotal: running.reduce((n, j) => n + j.bytesTotal, 0),
    estimated: running.some((j) => j.bytesTotalEstimated),
    rate: running.reduce((n, j) => n + j.bytesPerSecond, 0),
  };
}

export function TransfersPanel() {
  const jobs = useQuery({ queryKey: queryKeys.jobs, queryFn: () => call('transfer.list', {}), staleTime: Infinity });
  const list = [...(jobs.data ?? [])].sort((a, b) => b.startedAt - a.startedAt);
  const t = totals(list);
  const status =
    t.running > 0
      ? `${t.running} running · ${formatBytes(t.bytesDone)} of ${t.estimated ? '~' : ''}${formatBytes(t.bytesTotal)} · ${formatRate(t.rate)}`
      : list.length > 0
        ? 'Nothing running'
        : 'No transfers yet';
  return (
    <section aria-label="Transfers" className="transfers">
      <header className="transfers-header">
        <h2>Transfers</h2>
        <p role="status" className="transfers-status">
          {status}
          {t.paused > 0 && ` · ${t.paused} paused`}
          {t.failed > 0 && ` · ${t.failed} failed`}
        </p>
      </header>
      {list.length === 0 && (
        <p className="muted">Drag objects or folders from one pane to the other to copy them; hold Shift (⌘ on macOS) to move.</p>
      )}
      <ul className="jobs">
        {list.map((job) => (
          <JobRow key={job.id} job={job} />
        ))}
      </ul>
    </section>
  );
}
