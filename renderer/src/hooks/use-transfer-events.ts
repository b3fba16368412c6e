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
      onEvent('transfer.progress', (job) => {
        client.setQueryData<JobSnapshot[]>(queryKeys.jobs, (jobs = []) => {
          const i = jobs.findIndex((j) => j.id === job.id);
          return i < 0 ? [...jobs, job] : jobs.map((j) => (j.id === job.id ? job : j));
        });
        if (job.state === 'done') {
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
