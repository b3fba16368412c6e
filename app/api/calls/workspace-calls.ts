import { z } from 'zod';
import { call } from '../define-call.js';
import { noArgs } from '../schemas.js';
import { settingsSchema, workspaceSchema, type Settings, type WorkspaceState } from '../workspace-types.js';

export const workspaceCalls = {
  /** The window as it was left (null on a first start) and the settings (defaults where none were saved). */
  'workspace.load': call<{ workspace: WorkspaceState | null; settings: Settings }>()(noArgs),
  'workspace.save': call<{ saved: true }>()(z.object({ workspace: workspaceSchema }).strict()),
  'settings.save': call<Settings>()(z.object({ settings: settingsSchema }).strict()),
} as const;
