/** The window's settings as loaded with the workspace, kept current after a save, with the theme applied as they change. */
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect } from 'react';
import type { CallResult } from '../../../app/api/contract';
import type { Settings } from '../../../app/api/workspace-types';
import { applyTheme } from '../theme';
import { useSavedWorkspace } from './queries';

type SavedWorkspace = CallResult<'workspace.load'>;

export function useSettings() {
  const saved = useSavedWorkspace();
  const client = useQueryClient();
  const settings = saved.data?.settings;
  const theme = settings?.theme;
  useEffect(() => {
    if (theme) applyTheme(theme);
  }, [theme]);
  const update = useCallback(
    (next: Settings) =>
      client.setQueryData<SavedWorkspace>(['workspace.load'], (old) =>
        old ? { ...old, settings: next } : { workspace: null, settings: next },
      ),
    [client],
  );
  return { saved, settings, update };
}
