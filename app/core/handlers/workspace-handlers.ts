import type { Settings } from '../../api/workspace-types.js';
import { WorkspaceStore } from '../../workspace/workspace-store.js';
import type { Handlers } from '../dispatcher.js';
import type { CoreContext } from '../core-context.js';

type WorkspaceCalls = 'workspace.load' | 'workspace.save' | 'settings.save';

/** `onSettings` hands every saved (and the first loaded) settings to whoever applies them: the transfer engine. */
export function workspaceHandlers(ctx: CoreContext, onSettings: (settings: Settings) => void): Pick<Handlers, WorkspaceCalls> {
  const store = new WorkspaceStore(ctx.userDataDir);
  onSettings(store.loadSettings());
  return {
    'workspace.load': async () => ({ workspace: store.loadWorkspace(), settings: store.loadSettings() }),
    'workspace.save': async ({ workspace }) => {
      store.saveWorkspace(workspace);
      return { saved: true };
    },
    'settings.save': async ({ settings }) => {
      store.saveSettings(settings);
      onSettings(settings);
      return settings;
    },
  };
}
