/**
 * The window's keyboard shortcuts that are not about one row: new pane
 * (Ctrl/⌘+T), close pane (Ctrl/⌘+W), address bar (Ctrl/⌘+L), filter
 * (Ctrl/⌘+F), settings (Ctrl/⌘+,), refresh (F5). They act on the active pane, found by
 * its data-pane-index, so no pane has to hand out refs.
 */
import { useEffect } from 'react';

export interface WorkspaceKeys {
  active: number;
  newPane(): void;
  closePane(): void;
  openSettings?(): void;
}

function focusIn(active: number, selector: string): void {
  const el = document.querySelector<HTMLInputElement>(`[data-pane-index="${active}"] ${selector}`);
  el?.focus();
  el?.select();
}

export function useWorkspaceKeys(keys: WorkspaceKeys): void {
  const { active, newPane, closePane, openSettings } = keys;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'F5' && !e.ctrlKey && !e.metaKey) {
        // The active pane lists again, wherever the focus is (the desktop menu's Refresh arrives as this key too).
        e.preventDefault();
        document.querySelector<HTMLButtonElement>(`[data-pane-index="${active}"] button[title^="Refresh"]`)?.click();
        return;
      }
      if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
      const key = e.key.toLowerCase();
      const act = (fn: () => void) => {
        e.preventDefault();
        fn();
      };
      if (key === 't') act(newPane);
      else if (key === 'w') act(closePane);
      else if (key === 'l') act(() => focusIn(active, 'input[aria-label="Address"]'));
      else if (key === 'f') act(() => focusIn(active, 'input[type="search"]'));
      else if (key === ',' && openSettings) act(openSettings);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [active, newPane, closePane, openSettings]);
}
