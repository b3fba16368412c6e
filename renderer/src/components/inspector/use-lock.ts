import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CallArgs } from '../../../../app/api/contract';
import { call } from '../../bridge/ferry-client';

export function useSetLock() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (args: CallArgs<'inspect.setLock'>) => call('inspect.setLock', args),
    onSuccess: () => client.invalidateQueries({ queryKey: ['inspection'] }),
  });
}
