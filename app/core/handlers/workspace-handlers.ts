import { FerryError } from '../../api/errors.js';
import type { Settings } from '../../api/workspace-types.js';
import { searchFolder } from '../../s3/s3-search.js';
import { WorkspaceStore } from '../../workspace/workspace-store.js';
import type { Handlers } from '../dispatcher.js';
import type { CoreContext } from '../core-context.js';

type WorkspaceCalls = 'workspace.load' | 'workspace.save' | 'settings.save' | 'browse.search' | 'bookmarks.list' | 'bookmarks.save';

/** `onSettings` hands every saved (and the first loaded) settings to whoever applies them: the transfer engine. */
export function workspaceHandlers(ctx: CoreContext, onSettings: (settings: Settings) => void): Pick<Handlers, WorkspaceCalls> {
  const store = new WorkspaceStore(ctx.userDataDir);
  const shutdown = new AbortController();
  ctx.onDispose(() => shutdown.abort(new FerryError('cancelled', 'Ferry is shutting down.')));
  onSettings(store.loadSettings());
  return {
    'browse.search': async ({ location, term, mode, cursor }) =>
      searchFolder(ctx.clients.get(location.connectionId), location, term, mode, shutdown.signal, cursor),
    'workspace.load': async () => ({ workspace: store.loadWorkspace(), settings: store.loadSettings() }),
    'workspace.save': async ({ workspace }) => {
      store.saveWorkspace(workspace);
      return { saved: true };
    },
    'bookmarks.list': async () => store.loadBookmarks(),
    'bookmarks.save': async ({ bookmarks }) => {
      store.saveBookmarks(bookmarks);
      return bookmarks;
    },
    'settings.save': async ({ settings }) => {
      store.saveSettings(settings);
      onSettings(settings);
      return settings;
    },
  };
}
