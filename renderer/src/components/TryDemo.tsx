/**
 * "Try Ferry without an account" in the first-start panel: the host starts
 * its two demo clouds (Ferry's own S3 servers, on this machine) and the two
 * panes open on them, ready for a first drag between clouds.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { call, CallError } from '../bridge/ferry-client';
import { queryKeys } from '../hooks/queries';
import { connectionRoot, requestOpen } from './open-requests';

export function TryDemo() {
  const client = useQueryClient();
  const start = useMutation({
    mutationKey: ['app.startDemo'],
    mutationFn: () => call('app.startDemo', {}),
    onSuccess: async ({ connectionIds }) => {
      await client.invalidateQueries({ queryKey: queryKeys.connections });
      requestOpen(connectionIds.map(connectionRoot));
    },
  });
  return (
    <>
      <button type="button" disabled={start.isPending} onClick={() => start.mutate()}>
        Try Ferry without an account
      </button>{' '}
      starts two sample clouds on this computer, with photos and reports to drag between them.
      {start.isPending && <span role="status"> Starting the demo clouds…</span>}
      {start.error && (
        <span role="alert" className="inline-error">
          {' '}
          The demo did not start: {start.error instanceof CallError ? start.error.data.message : String(start.error)}
        </span>
      )}
    </>
  );
}
