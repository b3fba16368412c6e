/**
 * The window around the panes — the Transfers dock's height and fold, the
 * Places sidebar's width and whether it is open — as one small shared value.
 * The dock lives in App and the sidebar in Workspace, so they share it here;
 * Workspace saves it into workspace.json with the panes, and seeds it from
 * there once at start.
 */
import { useSyncExternalStore } from 'react';
import type { WindowLayout } from '../../../app/api/workspace-types';

export const DEFAULT_LAYOUT: WindowLayout = { dockHeight: 180, dockCollapsed: false, placesOpen: null, placesWidth: 190 };

let layout: WindowLayout = DEFAULT_LAYOUT;
let seeded = false;
const listeners = new Set<() => void>();

function publish(next: WindowLayout): void {
  layout = next;
  for (const listener of listeners) listener();
}

/** The saved layout, once; later calls (a remount) keep what the user has changed since. */
export function seedLayout(saved: WindowLayout | undefined): void {
  if (seeded) return;
  seeded = true;
  if (saved) publish({ ...DEFAULT_LAYOUT, ...saved });
}

export function changeLayout(change: Partial<WindowLayout>): void {
  publish({ ...layout, ...change });
}

export function useWindowLayout(): WindowLayout {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => layout,
  );
}
