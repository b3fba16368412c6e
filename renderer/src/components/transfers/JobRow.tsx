/** One job in the queue: progress, bytes, speed, ETA, state, and the actions that fit its state. */
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import type { JobFigures, JobSnapshot } from '../../../../app/api/types';
import { call, CallError } from '../../bridge/ferry-client';
import { formatBytes, formatDuration, formatRate } from '../../format';
import { ConflictQuestion } from './ConflictQuestion';
import { JobItems } from './JobItems';

const stateLabel: Record<JobSnapshot['state'], string> = {
  planning: 'Listing',
  running: 'Running',
  paused: 'Paused',
  waiting: 'Needs you',
  done: 'Done',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

type Action = 'transfer.pause' | 'transfer.resume' | 'transfer.cancel' | 'transfer.retry' | 'transfer.dismiss';

function percent(job: JobSnapshot): number {
  if (job.state === 'done') return 100;
  return job.bytesTotal > 0 ? Math.min(100, Math.floor((job.bytesDone / job.bytesTotal) * 100)) : 0;
}

function itemsText(job: JobSnapshot): string {
  const total = job.itemsTotal === null ? `${job.itemsDone + job.itemsFailed + job.itemsSkipped}+` : String(job.itemsTotal);
  const extra = [job.itemsSkipped ? `${job.itemsSkipped} skipped` : '', job.itemsFailed ? `${job.itemsFailed} failed` : '']
    .filter(Boolean)
    .join(', ');
  return `${job.itemsDone} of ${total} items${extra ? ` (${extra})` : ''}`;
}

/** The limits the job ran under and what it reached: how a change in Settings shows in the job itself. */
function figuresText(f: JobFigures): string {
  const limit = f.bandwidthBytesPerSecond ? `, at most ${formatRate(f.bandwidthBytesPerSecond)}` : '';
  return `up to ${f.objectsInFlight} objects and ${f.partsInFlight} parts in flight, ${formatBytes(f.partSize)} parts${limit}; most at once: ${f.peakItemsInFlight}`;
}

export function JobRow({ job }: { job: JobSnapshot }) {
  const [expanded, setExpanded] = useState(false);
  const act = useMutation({ mutationFn: (action: Action) => call(action, { jobId: job.id }) });
  const running = job.state === 'running' || job.state === 'planning' || job.state === 'waiting';
  const ended = job.state === 'done' || job.state === 'failed' || job.state === 'cancelled';
  const verb = job.mode === 'move' ? 'Move' : 'Copy';
  // A delete job's label already says what it does ("Delete photos/ in bucket").
  const name = job.mode === 'delete' ? job.label : `${verb} ${job.label}`;
  const button = (action: Action, text: string) => (
    <button type="button" aria-label={`${text} ${name}`} onClick={() => act.mutate(action)} disabled={act.isPending}>
      {text}
    </button>
  );

  return (
    <li className={`job job-${job.state}`} aria-label={name}>
      <div className="job-line">
        <button
          type="button"
          className="icon-button"
          aria-expanded={expanded}
          aria-label={`Items of ${name}`}
          onClick={() => setExpanded(!expanded)}
        >
          {expanded ? '▾' : '▸'}
        </button>
        <span className="job-name" title={job.label}>
          {name}
        </span>
        <progress max={100} value={percent(job)} aria-label={`Progress of ${name}`} />
        <span className="job-bytes">
          {formatBytes(job.bytesDone)} / {formatBytes(job.bytesTotal)}
        </span>
        <span className="job-rate">{running ? formatRate(job.bytesPerSecond) : ''}</span>
        <span className="job-eta">{running && job.etaSeconds !== null ? `${formatDuration(job.etaSeconds)} left` : ''}</span>
        <span className="job-state">{stateLabel[job.state]}</span>
        <span className="job-actions">
          {running && button('transfer.pause', 'Pause')}
          {job.state === 'paused' && button('transfer.resume', 'Resume')}
          {!ended && button('transfer.cancel', 'Cancel')}
          {job.itemsFailed > 0 && (job.state === 'failed' || job.state === 'done') && button('transfer.retry', 'Retry failed')}
          {ended && button('transfer.dismiss', 'Dismiss')}
        </span>
      </div>
      <p className="job-detail muted">
        {itemsText(job)}
        {job.figures && ` · ${figuresText(job.figures)}`}
      </p>
      {job.error && (
        <p role="alert" className="inline-error">
          {job.error.message}
        </p>
      )}
      {act.error && (
        <p role="alert" className="inline-error">
          {act.error instanceof CallError ? act.error.data.message : String(act.error)}
        </p>
      )}
      {job.question && <ConflictQuestion job={job} question={job.question} />}
      {expanded && <JobItems job={job} />}
    </li>
  );
}
