/** react-query over the inspector's calls: one query per object, and writes that refresh it and the listings. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CallArgs } from '../../../../app/api/contract';
import type { S3ItemRef } from '../../../../app/api/inspect-types';
import { call } from '../../bridge/ferry-client';

export const inspectionKey = (item: S3ItemRef) => ['inspection', item] as const;

export function useInspection(item: S3ItemRef) {
  return useQuery({ queryKey: inspectionKey(item), queryFn: () => call('inspect.object', { item }), retry: false });
}

/** After a write the object, its listing row (size, date) and any open inspector of it are stale. */
function useRefreshAfterWrite() {
  const client = useQueryClient();
  return () => Promise.all([client.invalidateQueries({ queryKey: ['inspection'] }), client.invalidateQueries({ queryKey: ['listing'] })]);
}

export function useEditAttributes() {
  const refresh = useRefreshAfterWrite();
  return useMutation({ mutationFn: (args: CallArgs<'inspect.edit'>) => call('inspect.edit', args), onSuccess: refresh });
}

export function useEditTags() {
  const refresh = useRefreshAfterWrite();
  return useMutation({ mutationFn: (args: CallArgs<'inspect.editTags'>) => call('inspect.editTags', args), onSuccess: refresh });
}

/** An edit of many objects: a job in Transfers, which refreshes the inspector and listings when it ends. */
export function useStartEditJob() {
  return useMutation({ mutationFn: (args: CallArgs<'inspect.startEditJob'>) => call('inspect.startEditJob', args) });
}

export function useRestoreVersion() {
  const refresh = useRefreshAfterWrite();
  return useMutation({
    mutationFn: (args: CallArgs<'inspect.restoreVersion'>) => call('inspect.restoreVersion', args),
    onSuccess: refresh,
  });
}

export function useDeleteVersion() {
  const refresh = useRefreshAfterWrite();
  return useMutation({ mutationFn: (args: CallArgs<'inspect.deleteVersion'>) => call('inspect.deleteVersion', args), onSuccess: refresh });
}
