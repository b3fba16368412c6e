/**
 * Folds pushed transfer progress (a batch of job snapshots, about ten a
 * second at most) into the react-query cache; refreshes the panes when a job
 * ends, since a copy adds objects and a move also removes them, and small
 * ones every few seconds while it runs (live-refresh.ts); and tells the
 * user through a system notification when a long job ends. Only the panes
 * showing a place the job changed (its `touches`) are refreshed.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import type { JobSnapshot } from '../../../app/api/types';
import { onEvent } from '../bridge/ferry-client';
import { notifyJobEnded } from '../notify';
import { queryKeys } from './queries';
import { refreshPlaces } from '../components/manage/use-manage';
import { liveRefreshDue, refreshWhileRunning, type LiveMark } from './live-refresh';

const ended = (state: JobSnapshot['state']) => state === 'done' || state === 'failed' || state === 'cancelled';

export function useTransferEvents(): void {
  const client = useQueryClient();
  const marks = useRef(new Map<string, LiveMark>());
  useEffect(
    () =>
      onEvent('transfer.progress', (batch) => {
        const before = new Map((client.getQueryData<JobSnapshot[]>(queryKeys.jobs) ?? []).map((j) => [j.id, j]));
        client.setQueryData<JobSnapshot[]>(queryKeys.jobs, (jobs = []) => {
          const byId = new Map(jobs.map((j) => [j.id, j]));
          for (const job of batch) byId.set(job.id, job);
          return [...byId.values()];
        });
        const finished = batch.filter((job) => ended(job.state) && !ended(before.get(job.id)?.state ?? 'running'));
        const now = Date.now();
        for (const job of batch) {
          if (ended(job.state)) {
            marks.current.delete(job.id);
            continue;
          }
          let mark = marks.current.get(job.id);
          if (!mark) marks.current.set(job.id, (mark = { at: now, itemsDone: 0 }));
          if (job.touches && liveRefreshDue(job, mark, now)) {
            marks.current.set(job.id, { at: now, itemsDone: job.itemsDone });
            refreshWhileRunning(client, job.touches);
          }
        }
        for (const job of finished) {
          // Only the panes showing what the job changed; a job from before `touches` existed refreshes every pane.
          if (job.touches) void refreshPlaces(client, job.touches);
          else {
            void client.invalidateQueries({ queryKey: ['listing'] });
            // A move (a rename) or an overwrite changes objects an inspector may be showing.
            void client.invalidateQueries({ queryKey: ['inspection'] });
          }
          notifyJobEnded(job);
        }
      }),
    [client],
  );
  useEffect(() => onEvent('connections.changed', (list) => client.setQueryData(queryKeys.connections, list)), [client]);
}
