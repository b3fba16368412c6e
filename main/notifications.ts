/**
 * System notifications for transfers, shown by the main process (the page
 * may not ask for the permission): when a job that ran 30 s or more ends,
 * and whenever a job fails, so the user can look away from a long copy.
 * Each job is announced once.
 */
import type { JobSnapshot } from '../app/api/transfer-types.js';

export const LONG_JOB_MS = 30_000;

export interface JobNotice {
  title: string;
  body: string;
  silent: boolean;
}

const ENDED = new Set(['done', 'failed', 'cancelled']);

/** What to announce for a job snapshot, or null. A cancelled job was the user's own doing: no notice. */
export function noticeFor(job: JobSnapshot, now = Date.now()): JobNotice | null {
  if (!ENDED.has(job.state)) return null;
  const ranFor = (job.endedAt ?? now) - job.startedAt;
  const verb = job.mode === 'move' ? 'Move' : 'Copy';
  if (job.state === 'failed' || job.itemsFailed > 0) {
    const reason = job.error?.message ?? `${job.itemsFailed} item${job.itemsFailed === 1 ? '' : 's'} failed`;
    return { title: `Ferry: ${verb} failed`, body: `${job.label}: ${reason}`, silent: false };
  }
  if (job.state === 'done' && ranFor >= LONG_JOB_MS) {
    return { title: `Ferry: ${verb} finished`, body: job.label, silent: true };
  }
  return null;
}

/** Folds progress events into notices, one per job. */
export function createJobNotifier(show: (notice: JobNotice) => void): (jobs: JobSnapshot[]) => void {
  const announced = new Set<string>();
  return (jobs) => {
    for (const job of jobs) {
      if (announced.has(job.id)) continue;
      const notice = noticeFor(job);
      if (!notice) {
        if (ENDED.has(job.state)) announced.add(job.id);
        continue;
      }
      announced.add(job.id);
      show(notice);
    }
  };
}
