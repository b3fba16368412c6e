import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type WorkspaceState } from '../../app/api/workspace-types';
import { SETTINGS_FILE, WORKSPACE_FILE, WORKSPACE_SCHEMA_VERSION, WorkspaceStore } from '../../app/workspace/workspace-store';

const dir = () => mkdtempSync(path.join(tmpdir(), 'ferry-ws-'));
const state: WorkspaceState = {
  panes: [
    { location: { kind: 'local', path: '/home/ann' }, columns: ['name', 'size'], widths: { size: 90 }, sort: null },
    {
      location: { kind: 's3', connectionId: 'c1', bucket: 'b', prefix: 'x/' },
      columns: ['name'],
      widths: {},
      sort: { column: 'size', descending: true },
    },
  ],
  activePane: 1,
};

describe('workspace store', () => {
  it('writes the workspace with its schema version and reads it back', () => {
    const d = dir();
    const store = new WorkspaceStore(d);
    expect(store.loadWorkspace()).toBeNull();
    store.saveWorkspace(state);
    const raw = JSON.parse(readFileSync(path.join(d, WORKSPACE_FILE), 'utf8')) as { schemaVersion: number };
    expect(raw.schemaVersion).toBe(WORKSPACE_SCHEMA_VERSION);
    expect(new WorkspaceStore(d).loadWorkspace()).toEqual(state);
  });

  it('sets aside a file it cannot read (a newer version, a broken edit) and starts from nothing', () => {
    for (const content of ['{"schemaVersion": 99, "data": {}}', '{ not json', '{"schemaVersion": 1, "data": {"panes": []}}']) {
      const d = dir();
      writeFileSync(path.join(d, WORKSPACE_FILE), content);
      expect(new WorkspaceStore(d).loadWorkspace()).toBeNull();
      expect(readFileSync(path.join(d, `${WORKSPACE_FILE}.unreadable`), 'utf8')).toBe(content);
      expect(existsSync(path.join(d, WORKSPACE_FILE))).toBe(false);
    }
  });

  it('gives settings their defaults, keeps saved ones, and fills in a setting added later', () => {
    const d = dir();
    const store = new WorkspaceStore(d);
    expect(store.loadSettings()).toEqual(DEFAULT_SETTINGS);
    store.saveSettings({ ...DEFAULT_SETTINGS, objectsInFlight: 3, theme: 'dark' });
    expect(store.loadSettings()).toMatchObject({ objectsInFlight: 3, theme: 'dark', confirmDelete: true });
    writeFileSync(path.join(d, SETTINGS_FILE), JSON.stringify({ schemaVersion: 1, data: { partsInFlight: 7 } }));
    expect(store.loadSettings()).toEqual({ ...DEFAULT_SETTINGS, partsInFlight: 7 });
  });

  it('keeps bookmarks in order', () => {
    const d = dir();
    const store = new WorkspaceStore(d);
    const list = [
      { name: 'logs', location: { kind: 's3' as const, connectionId: 'c', bucket: 'logs', prefix: '' } },
      { name: 'home', location: { kind: 'local' as const, path: '/home/ann' } },
    ];
    store.saveBookmarks(list);
    expect(new WorkspaceStore(d).loadBookmarks()).toEqual(list);
  });

  it('reads a version 1 file (no history, no layout) and keeps history and layout from version 2 on', () => {
    const d = dir();
    writeFileSync(path.join(d, WORKSPACE_FILE), JSON.stringify({ schemaVersion: 1, data: state }));
    const store = new WorkspaceStore(d);
    expect(store.loadWorkspace()).toEqual(state);
    const next: WorkspaceState = {
      ...state,
      panes: state.panes.map((p) => ({ ...p, history: [{ kind: 'local', path: '/' }, p.location], at: 1 })),
      layout: { dockHeight: 240, dockCollapsed: true, placesOpen: false, placesWidth: 260 },
    };
    store.saveWorkspace(next);
    expect(new WorkspaceStore(d).loadWorkspace()).toEqual(next);
  });
});
