/** One job in the queue: progress, bytes, speed, ETA, state, and the actions that fit its state. */
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import type { JobFigures, JobSnapshot } from '../../../../app/api/types';
import { call, CallError } from '../../bridge/ferry-client';
import { formatBytes, formatDuration, formatRate } from '../../format';
import { LeftOut } from '../compare/LeftOut';
import { ConflictQuestion } from './ConflictQuestion';
import { JobItems } from './JobItems';
import { jobPercent, jobVerb } from './job-kind';

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

function itemsText(job: JobSnapshot): string {
  const total = job.itemsTotal === null ? `${job.itemsDone + job.itemsFailed + job.itemsSkipped}+` : String(job.itemsTotal);
  const extra = [job.itemsSkipped ? `${job.itemsSkipped} skipped` : '', job.itemsFailed ? `${job.itemsFailed} failed` : '']
    .filter(Boolean)
    .join(', ');
  const noun = job.mode === 'edit' ? 'object' : 'item';
  return `${job.itemsDone} of ${total} ${job.itemsTotal === 1 ? noun : `${noun}s`}${extra ? ` (${extra})` : ''}`;
}

/** The limits the job ran under and what it reached: how a change in Settings shows in the job itself. */
function figuresText(job: JobSnapshot, f: JobFigures): string {
  // An edit moves no bytes through Ferry: parts and bandwidth do not apply to it.
  if (job.mode === 'edit') return `up to ${f.objectsInFlight} objects at once; most at once: ${f.peakItemsInFlight}`;
  const limit = f.bandwidthBytesPerSecond ? `, at most ${formatRate(f.bandwidthBytesPerSecond)}` : '';
  return `up to ${f.objectsInFlight} objects and ${f.partsInFlight} parts in flight, ${formatBytes(f.partSize)} parts${limit}; most at once: ${f.peakItemsInFlight}`;
}

/**
 * A finished job's own average: the bytes it moved over the time from its
 * start to its end, as the engine recorded them. The exact figures are one
 * hover away, so a limit set in Settings can be checked against them.
 */
function averageOf(job: JobSnapshot): { text: string; exact: string } | null {
  if (job.endedAt === undefined || job.bytesDone === 0) return null;
  const ms = Math.max(1, job.endedAt - job.startedAt);
  return {
    text: `${formatRate((job.bytesDone * 1000) / ms)} average`,
    exact: `${job.bytesDone.toLocaleString('en-US')} bytes in ${ms.toLocaleString('en-US')} ms`,
  };
}

export function JobRow({ job }: { job: JobSnapshot }) {
  const [expanded, setExpanded] = useState(false);
  const act = useMutation({ mutationFn: (action: Action) => call(action, { jobId: job.id }) });
  const running = job.state === 'running' || job.state === 'planning' || job.state === 'waiting';
  const ended = job.state === 'done' || job.state === 'failed' || job.state === 'cancelled';
  const verb = jobVerb(job.mode);
  // An edit rewrites objects inside the server: its rate and ETA in bytes would say nothing true.
  const edit = job.mode === 'edit';
  // A delete job's label already says what it does ("Delete photos/ in bucket").
  const name = job.mode === 'delete' ? job.label : `${verb} ${job.label}`;
  const average = ended ? averageOf(job) : null;
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
        <progress max={100} value={jobPercent(job)} aria-label={`Progress of ${name}`} />
        <span className="job-bytes">
          {edit && job.bytesTotal === 0
            ? ''
            : `${formatBytes(job.bytesDone)} / ${job.bytesTotalEstimated ? '~' : ''}${formatBytes(job.bytesTotal)}`}
        </span>
        <span className="job-rate">{running && !edit ? formatRate(job.bytesPerSecond) : ''}</span>
        <span className="job-eta">{running && !edit && job.etaSeconds !== null ? `${formatDuration(job.etaSeconds)} left` : ''}</span>
        <span className="job-state">{stateLabel[job.state]}</span>
        <span className="job-actions">
          {running && button('transfer.pause', 'Pause')}
          {job.state === 'paused' && button('transfer.resume', 'Resume')}
          {!ended && button('transfer.cancel', 'Cancel')}
          {job.itemsFailed > 0 && (job.state === 'failed' || job.state === 'done') && button('transfer.retry', 'Retry failed')}
          {/* Stopped whole (a server out of reach, a missing bucket): no item failed, the rest wait for a retry. */}
          {job.state === 'failed' && job.itemsFailed === 0 && job.error && button('transfer.retry', 'Retry')}
          {ended && button('transfer.dismiss', 'Dismiss')}
        </span>
      </div>
      <p className="job-detail muted">
        {itemsText(job)}
        {job.figures && ` · ${figuresText(job, job.figures)}`}
        {average && !edit && (
          <>
            {' · '}
            <span className="job-average" title={average.exact}>
              {average.text}
            </span>
          </>
        )}
      </p>
      {job.leftOut && <LeftOut leftOut={job.leftOut} className="job-left-out" />}
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
