import { describe, expect, it } from 'vitest';
import type { Location } from '../../app/api/types';
import { workspaceSchema } from '../../app/api/workspace-types';
import { initialWorkspace, savedForm, workspaceReducer as reduce, type WorkspaceModel } from '../../renderer/src/workspace/workspace-model';

const home: Location = { kind: 'local', path: '/home/ann' };
const at = (prefix: string): Location => ({ kind: 's3', connectionId: 'c', bucket: 'b', prefix });
const where = (m: WorkspaceModel) => m.panes.map((p) => p.state.location);

describe('workspace model', () => {
  it('starts with two panes at home, and restores a saved layout as it was', () => {
    const fresh = initialWorkspace(null, home);
    expect(where(fresh)).toEqual([home, home]);
    const saved = savedForm(reduce(reduce(fresh, { type: 'navigate', index: 1, location: at('x/') }), { type: 'add', location: at('y/') }));
    expect(workspaceSchema.parse(saved)).toEqual(saved);
    const restored = initialWorkspace(saved, home);
    expect(where(restored)).toEqual([home, at('x/'), at('y/')]);
    expect(restored.active).toBe(2);
    expect(restored.panes.every((p) => p.restored)).toBe(true);
  });

  it('holds 1 to 6 panes: adding past six and closing the last are no-ops', () => {
    let m = initialWorkspace(null, home);
    for (let i = 0; i < 10; i++) m = reduce(m, { type: 'add', location: at(`${i}/`) });
    expect(m.panes).toHaveLength(6);
    for (let i = 0; i < 10; i++) m = reduce(m, { type: 'close', index: 0 });
    expect(m.panes).toHaveLength(1);
    expect(m.active).toBe(0);
  });

  it('keeps each pane’s history: back, forward, and a new place drops the forward branch', () => {
    let m = initialWorkspace(null, home);
    m = reduce(m, { type: 'navigate', index: 0, location: at('a/') });
    m = reduce(m, { type: 'navigate', index: 0, location: at('a/b/') });
    m = reduce(m, { type: 'back', index: 0 });
    m = reduce(m, { type: 'back', index: 0 });
    expect(where(m)[0]).toEqual(home);
    m = reduce(m, { type: 'back', index: 0 });
    expect(where(m)[0]).toEqual(home);
    m = reduce(m, { type: 'forward', index: 0 });
    expect(where(m)[0]).toEqual(at('a/'));
    m = reduce(m, { type: 'navigate', index: 0, location: at('c/') });
    m = reduce(m, { type: 'forward', index: 0 });
    expect(where(m)[0]).toEqual(at('c/'));
    expect(m.panes[0]?.history).toEqual([home, at('a/'), at('c/')]);
    expect(where(m)[1]).toEqual(home);
  });

  it('re-orders panes and keeps the active one active', () => {
    let m = initialWorkspace(null, home);
    m = reduce(m, { type: 'add', location: at('third/') });
    m = reduce(m, { type: 'move', index: 2, by: -1 });
    expect(where(m)).toEqual([home, at('third/'), home]);
    expect(m.active).toBe(1);
    expect(reduce(m, { type: 'move', index: 0, by: -1 })).toBe(m);
  });

  it('a restored place that is gone is replaced by its parent without a history entry, with the notice kept', () => {
    let m = initialWorkspace({ panes: [{ location: at('gone/deeper/'), columns: ['name'], widths: {}, sort: null }], activePane: 0 }, home);
    m = reduce(m, { type: 'fallback', index: 0, location: at('gone/'), notice: 'gone/deeper/ no longer exists' });
    m = reduce(m, { type: 'fallback', index: 0, location: at(''), notice: 'gone/deeper/ no longer exists' });
    expect(where(m)[0]).toEqual(at(''));
    expect(m.panes[0]?.history).toEqual([at('')]);
    expect(m.panes[0]?.notice).toBe('gone/deeper/ no longer exists');
    m = reduce(m, { type: 'navigate', index: 0, location: at('new/') });
    expect(m.panes[0]?.notice).toBeNull();
  });

  it("keeps each pane's back and forward across a restart, and a file without history restores just the place", () => {
    let m = initialWorkspace(null, home);
    m = reduce(m, { type: 'navigate', index: 0, location: at('a/') });
    m = reduce(m, { type: 'navigate', index: 0, location: at('a/b/') });
    m = reduce(m, { type: 'back', index: 0 });
    const saved = workspaceSchema.parse(savedForm(m));
    let restored = initialWorkspace(JSON.parse(JSON.stringify(saved)) as typeof saved, home);
    expect(where(restored)[0]).toEqual(at('a/'));
    expect(restored.panes[0]?.state).not.toHaveProperty('history');
    restored = reduce(restored, { type: 'forward', index: 0 });
    expect(where(restored)[0]).toEqual(at('a/b/'));
    restored = reduce(reduce(restored, { type: 'back', index: 0 }), { type: 'back', index: 0 });
    expect(where(restored)[0]).toEqual(home);
    // Version 1 had no history; a history that disagrees with the location is not trusted either.
    const old = initialWorkspace({ panes: [{ location: at('x/'), columns: ['name'], widths: {}, sort: null }], activePane: 0 }, home);
    expect(old.panes[0]?.history).toEqual([at('x/')]);
    const odd = initialWorkspace(
      { panes: [{ location: at('x/'), columns: ['name'], widths: {}, sort: null, history: [at('y/')], at: 0 }], activePane: 0 },
      home,
    );
    expect(odd.panes[0]?.history).toEqual([at('x/')]);
  });
});
