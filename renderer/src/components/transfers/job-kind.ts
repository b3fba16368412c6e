/** How a job reads in Transfers: its verb, and what its progress counts. */
import type { JobSnapshot, TransferMode } from '../../../../app/api/types';

const verbs: Record<TransferMode, string> = { copy: 'Copy', move: 'Move', edit: 'Edit', delete: 'Delete' };

export function jobVerb(mode: TransferMode): string {
  return verbs[mode];
}

/** An edit changes objects in place: its progress is objects done, not bytes moved. */
export function jobPercent(job: JobSnapshot): number {
  if (job.state === 'done') return 100;
  if (job.mode === 'edit') {
    const total = job.itemsTotal ?? 0;
    return total > 0 ? Math.min(100, Math.floor(((job.itemsDone + job.itemsFailed + job.itemsSkipped) / total) * 100)) : 0;
  }
  return job.bytesTotal > 0 ? Math.min(100, Math.floor((job.bytesDone / job.bytesTotal) * 100)) : 0;
}
