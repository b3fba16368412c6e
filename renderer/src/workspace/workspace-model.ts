/**
 * The window's panes as one value and the changes made to it: 1 to 6 panes,
 * each with its location, its own back/forward history, its columns and
 * sort. Pure, so every rule here is tested without a browser.
 */
import type { Location } from '../../../app/api/types';
import type { PaneState, SavedPane, WorkspaceState } from '../../../app/api/workspace-types';
import { defaultVisible } from '../listing/columns';

export const MAX_PANES = 6;
const HISTORY_LIMIT = 100;

export interface PaneModel {
  /** Stable across re-orders, for React keys. */
  key: number;
  state: PaneState;
  history: Location[];
  at: number;
  /** The row to select once it is listed (an address that named an object). */
  select: string | null;
  /** Set on a restored location until its listing shows it exists. */
  restored: boolean;
  /** A line for the user about how the pane got here (a restored place that no longer exists). */
  notice: string | null;
}

export interface WorkspaceModel {
  panes: PaneModel[];
  active: number;
  nextKey: number;
}

export type WorkspaceAction =
  | { type: 'add'; location: Location }
  | { type: 'close'; index: number }
  | { type: 'move'; index: number; by: -1 | 1 }
  | { type: 'activate'; index: number }
  | { type: 'navigate'; index: number; location: Location; select?: string }
  | { type: 'back'; index: number }
  | { type: 'forward'; index: number }
  | { type: 'fallback'; index: number; location: Location; notice: string }
  | { type: 'settled'; index: number }
  | { type: 'view'; index: number; change: Partial<Pick<PaneState, 'columns' | 'widths' | 'sort'>> };

const same = (a: Location, b: Location) => JSON.stringify(a) === JSON.stringify(b);

function pane(key: number, state: PaneState, restored: boolean): PaneModel {
  return { key, state, history: [state.location], at: 0, select: null, restored, notice: null };
}

export function paneStateAt(location: Location): PaneState {
  return { location, columns: [...defaultVisible], widths: {}, sort: null };
}

/** A saved pane back as a model: its history if the file had one that agrees with its location, else just where it is. */
function restoredPane(key: number, saved: SavedPane): PaneModel {
  const { history, at, ...state } = saved;
  const p = pane(key, state, true);
  if (!history || at === undefined || at >= history.length || !same(history[at] as Location, state.location)) return p;
  return { ...p, history: history.slice(-HISTORY_LIMIT), at: Math.max(0, at - Math.max(0, history.length - HISTORY_LIMIT)) };
}

export function initialWorkspace(saved: WorkspaceState | null, home: Location): WorkspaceModel {
  const states = saved?.panes.slice(0, MAX_PANES) ?? [paneStateAt(home), paneStateAt(home)];
  return {
    panes: states.map((s, i) => (saved ? restoredPane(i, s) : pane(i, s, false))),
    active: Math.min(saved?.activePane ?? 0, states.length - 1),
    nextKey: states.length,
  };
}

export function savedForm(model: WorkspaceModel): WorkspaceState {
  return { panes: model.panes.map((p) => ({ ...p.state, history: p.history, at: p.at })), activePane: model.active };
}

function update(model: WorkspaceModel, index: number, change: (p: PaneModel) => PaneModel): WorkspaceModel {
  const current = model.panes[index];
  if (!current) return model;
  const panes = [...model.panes];
  panes[index] = change(current);
  return { ...model, panes };
}

function goTo(p: PaneModel, at: number): PaneModel {
  const location = p.history[at];
  if (!location) return p;
  return { ...p, at, state: { ...p.state, location }, select: null, restored: false, notice: null };
}

export function workspaceReducer(model: WorkspaceModel, action: WorkspaceAction): WorkspaceModel {
  switch (action.type) {
    case 'add': {
      if (model.panes.length >= MAX_PANES) return model;
      const template = model.panes[model.active]?.state;
      const state = { ...paneStateAt(action.location), ...(template ? { columns: template.columns, widths: template.widths } : {}) };
      return { panes: [...model.panes, pane(model.nextKey, state, false)], active: model.panes.length, nextKey: model.nextKey + 1 };
    }
    case 'close': {
      if (model.panes.length <= 1 || !model.panes[action.index]) return model;
      const panes = model.panes.filter((_, i) => i !== action.index);
      const active = model.active > action.index ? model.active - 1 : Math.min(model.active, panes.length - 1);
      return { ...model, panes, active };
    }
    case 'move': {
      const to = action.index + action.by;
      const from = model.panes[action.index];
      const other = model.panes[to];
      if (!from || !other) return model;
      const panes = [...model.panes];
      panes[to] = from;
      panes[action.index] = other;
      const active = model.active === action.index ? to : model.active === to ? action.index : model.active;
      return { ...model, panes, active };
    }
    case 'activate':
      return action.index === model.active || !model.panes[action.index] ? model : { ...model, active: action.index };
    case 'navigate':
      return update(model, action.index, (p) => {
        if (same(p.state.location, action.location)) return { ...p, select: action.select ?? null, restored: false, notice: null };
        const history = [...p.history.slice(0, p.at + 1), action.location].slice(-HISTORY_LIMIT);
        return { ...goTo({ ...p, history }, history.length - 1), select: action.select ?? null };
      });
    case 'back':
      return update(model, action.index, (p) => (p.at > 0 ? goTo(p, p.at - 1) : p));
    case 'forward':
      return update(model, action.index, (p) => (p.at < p.history.length - 1 ? goTo(p, p.at + 1) : p));
    case 'fallback':
      // The place is gone: stand in its parent instead, with no history entry for a place that does not exist.
      return update(model, action.index, (p) => {
        const history = [...p.history];
        history[p.at] = action.location;
        return { ...p, history, state: { ...p.state, location: action.location }, notice: action.notice };
      });
    case 'settled':
      return update(model, action.index, (p) => (p.restored ? { ...p, restored: false } : p));
    case 'view':
      return update(model, action.index, (p) => ({ ...p, state: { ...p.state, ...action.change } }));
    default: {
      const unknown: never = action;
      throw new Error(`unknown workspace action ${JSON.stringify(unknown)}`);
    }
  }
}
