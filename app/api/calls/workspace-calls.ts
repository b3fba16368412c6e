import { z } from 'zod';
import { call } from '../define-call.js';
import { noArgs } from '../schemas.js';
import { bookmarksSchema, settingsSchema, workspaceSchema, type Bookmark, type Settings, type WorkspaceState } from '../workspace-types.js';

export const workspaceCalls = {
  /** The window as it was left (null on a first start) and the settings (defaults where none were saved). */
  'workspace.load': call<{ workspace: WorkspaceState | null; settings: Settings }>()(noArgs),
  'workspace.save': call<{ saved: true }>()(z.object({ workspace: workspaceSchema }).strict()),
  'settings.save': call<Settings>()(z.object({ settings: settingsSchema }).strict()),
  'bookmarks.list': call<Bookmark[]>()(noArgs),
  /** The whole list, in the user's order: adding, renaming, removing and re-ordering are all one write. */
  'bookmarks.save': call<Bookmark[]>()(z.object({ bookmarks: bookmarksSchema }).strict()),
} as const;
