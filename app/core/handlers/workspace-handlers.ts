import { FerryError } from '../../api/errors.js';
import type { Settings } from '../../api/workspace-types.js';
import { searchLocalFolder } from '../../local/local-search.js';
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
    'browse.search': async ({ location, term, mode, cursor, includeHidden }, signal) => {
      if (location.kind === 's3')
        return searchFolder(ctx.clients.get(location.connectionId), location, term, mode, shutdown.signal, cursor);
      if (mode === 'prefix')
        throw new FerryError('invalid-arguments', 'A local folder has no prefix search: the filter already keeps the names it holds.', {
          details: { field: 'mode' },
        });
      return searchLocalFolder(location.path, term, cursor, {
        includeHidden: includeHidden ?? false,
        // A page the user stopped (or a pane that moved on) stops walking the disk as well.
        signal: signal ? AbortSignal.any([signal, shutdown.signal]) : shutdown.signal,
      });
    },
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
