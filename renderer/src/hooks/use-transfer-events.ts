/**
 * Folds pushed transfer progress (a batch of job snapshots, about ten a
 * second at most) into the react-query cache; refreshes the panes when a job
 * ends, since a copy adds objects and a move also removes them; and tells the
 * user through a system notification when a long job ends. Only the panes
 * showing a place the job changed (its `touches`) are refreshed.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { JobSnapshot } from '../../../app/api/types';
import { onEvent } from '../bridge/ferry-client';
import { notifyJobEnded } from '../notify';
import { queryKeys } from './queries';
import { refreshPlaces } from '../components/manage/use-manage';

const ended = (state: JobSnapshot['state']) => state === 'done' || state === 'failed' || state === 'cancelled';

export function useTransferEvents(): void {
  const client = useQueryClient();
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
