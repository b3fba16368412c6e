/**
 * A browser notification when a job that ran a while ends, so the user can
 * look away from a long copy. Serve mode only: the desktop app's main
 * process shows system notifications itself (main/notifications.ts) and the
 * page there is never granted the permission.
 */
import type { JobSnapshot } from '../../app/api/types';
import { jobVerb } from './components/transfers/job-kind';

const LONG_JOB_MS = 30_000;

export function notifyJobEnded(job: JobSnapshot): void {
  if (window.ferry || typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
  if ((job.endedAt ?? Date.now()) - job.startedAt < LONG_JOB_MS) return;
  const verb = jobVerb(job.mode);
  const outcome = job.state === 'done' ? 'finished' : job.state === 'failed' ? `failed (${job.itemsFailed} items)` : 'was cancelled';
  new Notification(`Ferry: ${verb} ${outcome}`, { body: job.label, silent: job.state === 'done' });
}

/** Asked once, on the first transfer, never at page load. */
export function askForNotifications(): void {
  if (!window.ferry && typeof Notification !== 'undefined' && Notification.permission === 'default') void Notification.requestPermission();
}
