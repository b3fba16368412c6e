/**
 * The window's lasting state in the user-data folder, beside connections.json:
 * workspace.json (panes, locations, columns, sort) and settings.json. Each is
 * written atomically with a schema version. A file Ferry cannot read back (a
 * newer version, a hand edit gone wrong) is set aside as *.unreadable rather
 * than lost, and the window starts from defaults.
 */
import { readFileSync, renameSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { writeFileAtomicSync } from '../base/atomic-file.js';
import {
  bookmarksSchema,
  DEFAULT_SETTINGS,
  settingsSchema,
  workspaceSchema,
  type Bookmark,
  type Settings,
  type WorkspaceState,
} from '../api/workspace-types.js';

export const WORKSPACE_FILE = 'workspace.json';
export const SETTINGS_FILE = 'settings.json';
export const BOOKMARKS_FILE = 'bookmarks.json';
/** 2 added each pane's history and the window's layout; a version 1 file still loads (both are optional). */
export const WORKSPACE_SCHEMA_VERSION = 2;
const WORKSPACE_VERSIONS_READ = [1, 2];
/** settings.json and bookmarks.json have not changed shape since version 1. */
const OTHER_SCHEMA_VERSION = 1;

function readVersioned<S extends z.ZodType>(file: string, schema: S, versions: number[] = [OTHER_SCHEMA_VERSION]): z.infer<S> | null {
  let raw: string;
  try {
    raw = readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  try {
    const parsed = JSON.parse(raw) as { schemaVersion?: unknown; data?: unknown };
    if (typeof parsed.schemaVersion !== 'number' || !versions.includes(parsed.schemaVersion)) throw new Error('unknown schema version');
    return schema.parse(parsed.data);
  } catch {
    try {
      renameSync(file, `${file}.unreadable`);
    } catch {
      // Nothing more to save; defaults it is.
    }
    return null;
  }
}

function writeVersioned(file: string, data: unknown, schemaVersion = OTHER_SCHEMA_VERSION): void {
  writeFileAtomicSync(file, `${JSON.stringify({ schemaVersion, data }, null, 2)}\n`);
}

export class WorkspaceStore {
  constructor(private readonly dir: string) {}

  loadWorkspace(): WorkspaceState | null {
    return readVersioned(path.join(this.dir, WORKSPACE_FILE), workspaceSchema, WORKSPACE_VERSIONS_READ);
  }

  saveWorkspace(workspace: WorkspaceState): void {
    writeVersioned(path.join(this.dir, WORKSPACE_FILE), workspace, WORKSPACE_SCHEMA_VERSION);
  }

  /** Saved settings over the defaults, so a setting added later gets its default. */
  loadSettings(): Settings {
    const file = path.join(this.dir, SETTINGS_FILE);
    let raw: unknown;
    try {
      raw = (JSON.parse(readFileSync(file, 'utf8')) as { data?: unknown }).data;
    } catch {
      return { ...DEFAULT_SETTINGS };
    }
    const merged = settingsSchema.safeParse({ ...DEFAULT_SETTINGS, ...(typeof raw === 'object' && raw ? raw : {}) });
    return merged.success ? merged.data : { ...DEFAULT_SETTINGS };
  }

  saveSettings(settings: Settings): void {
    writeVersioned(path.join(this.dir, SETTINGS_FILE), settings);
  }

  loadBookmarks(): Bookmark[] {
    return readVersioned(path.join(this.dir, BOOKMARKS_FILE), bookmarksSchema) ?? [];
  }

  saveBookmarks(bookmarks: Bookmark[]): void {
    writeVersioned(path.join(this.dir, BOOKMARKS_FILE), bookmarks);
  }
}
