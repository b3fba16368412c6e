/** react-query hooks for connections and secret storage; the connection list itself lives in hooks/queries.ts. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { CallArgs } from '../../../../app/api/contract';
import { call, onEvent } from '../../bridge/ferry-client';
import { queryKeys } from '../../hooks/queries';

export const connectionKeys = {
  providers: ['connections.providers'] as const,
  secrets: ['secrets.status'] as const,
  awsProfiles: (configFile: string) => ['connections.awsProfiles', configFile] as const,
};

export function useProviders() {
  return useQuery({ queryKey: connectionKeys.providers, queryFn: () => call('connections.providers', {}), staleTime: Infinity });
}

export function useSecretsStatus() {
  const client = useQueryClient();
  useEffect(() => onEvent('secrets.changed', (status) => client.setQueryData(connectionKeys.secrets, status)), [client]);
  return useQuery({ queryKey: connectionKeys.secrets, queryFn: () => call('secrets.status', {}) });
}

export function useAwsProfiles(enabled: boolean) {
  return useQuery({
    queryKey: connectionKeys.awsProfiles(''),
    queryFn: () => call('connections.awsProfiles', {}),
    enabled,
    retry: false,
  });
}

function useRefreshing<A, R>(fn: (args: A) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: queryKeys.connections });
      void client.invalidateQueries({ queryKey: connectionKeys.secrets });
    },
  });
}

export const useSaveConnection = () =>
  useRefreshing((args: { id?: string; draft: CallArgs<'connections.add'> }) =>
    args.id ? call('connections.update', { ...args.draft, id: args.id }) : call('connections.add', args.draft),
  );
export const useRemoveConnection = () => useRefreshing((id: string) => call('connections.remove', { id }));
export const useDuplicateConnection = () => useRefreshing((id: string) => call('connections.duplicate', { id }));
export const useReorderConnections = () => useRefreshing((ids: string[]) => call('connections.reorder', { ids }));
export const useImportRclone = () => useRefreshing((args: CallArgs<'connections.importRclone'>) => call('connections.importRclone', args));
export const useUnlockVault = () => useRefreshing((passphrase: string) => call('secrets.unlock', { passphrase }));
export const useCreateVault = () => useRefreshing((passphrase: string) => call('secrets.createVault', { passphrase }));
export const useLockVault = () => useRefreshing(() => call('secrets.lock', {}));
export const useSessionOnly = () => useRefreshing(() => call('secrets.useSessionOnly', {}));

export function useTestConnection() {
  return useMutation({ mutationFn: (args: CallArgs<'connections.test'>) => call('connections.test', args) });
}
