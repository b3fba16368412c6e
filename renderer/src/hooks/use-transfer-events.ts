/**
 * Folds pushed transfer progress into the react-query cache, and refreshes a
 * destination's listing the moment a copy into it finishes.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { JobSnapshot, Location } from '../../../app/api/types';
import { onEvent } from '../bridge/ferry-client';
import { queryKeys } from './queries';

function sameLocation(a: Location, b: Location): boolean {
  if (a.kind === 'local' && b.kind === 'local') return a.path === b.path;
  if (a.kind === 's3' && b.kind === 's3') return a.connectionId === b.connectionId && a.bucket === b.bucket && a.prefix === b.prefix;
  return false;
}

export function useTransferEvents(): void {
  const client = useQueryClient();
  useEffect(
    () =>
      onEvent('transfer.progress', (batch) => {
        client.setQueryData<JobSnapshot[]>(queryKeys.jobs, (jobs = []) => {
          const changed = new Map(batch.map((j) => [j.id, j]));
          const next = jobs.map((j) => changed.get(j.id) ?? j);
          for (const job of batch) if (!jobs.some((j) => j.id === job.id)) next.push(job);
          return next;
        });
        for (const job of batch) {
          if (job.state !== 'done') continue;
          void client.invalidateQueries({
            predicate: (q) =>
              q.queryKey[0] === 'listing' && typeof q.queryKey[1] === 'object' && sameLocation(q.queryKey[1] as Location, job.destination),
          });
        }
      }),
    [client],
  );
  useEffect(() => onEvent('connections.changed', (list) => client.setQueryData(queryKeys.connections, list)), [client]);
}
