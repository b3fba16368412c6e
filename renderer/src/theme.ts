/**
 * The theme the user chose, applied to <html data-theme> (design.css reads
 * it). The choice is also remembered in localStorage, which main.tsx reads
 * synchronously before the first render: the saved settings arrive from the
 * core a moment later, too late to avoid a flash of the other theme.
 */
import type { Settings } from '../../app/api/workspace-types';

const KEY = 'ferry.theme';

export function applyTheme(theme: Settings['theme']): void {
  if (theme === 'system') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = theme;
  try {
    localStorage.setItem(KEY, theme);
  } catch {
    // Storage may be off (a locked-down profile); the saved settings still apply once loaded.
  }
}

export function applyRememberedTheme(): void {
  let theme: string | null;
  try {
    theme = localStorage.getItem(KEY);
  } catch {
    return;
  }
  if (theme === 'light' || theme === 'dark') document.documentElement.dataset.theme = theme;
}
