/**
 * The desktop menu's commands, carried out by the page. Each command that has
 * a shortcut is replayed as that shortcut's key event on whatever has focus,
 * so the menu and the keyboard reach exactly the same handlers; the rest are
 * announced as a `ferry:menu` DOM event for the component that owns them.
 */
interface Shortcut {
  key: string;
  mod?: boolean;
}

const SHORTCUTS: Record<string, Shortcut> = {
  'new-pane': { key: 't', mod: true },
  'close-pane': { key: 'w', mod: true },
  'focus-address': { key: 'l', mod: true },
  find: { key: 'f', mod: true },
  refresh: { key: 'F5' },
  settings: { key: ',', mod: true },
};

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

export function runMenuCommand(command: string): void {
  const shortcut = SHORTCUTS[command];
  if (!shortcut) {
    window.dispatchEvent(new CustomEvent('ferry:menu', { detail: command }));
    return;
  }
  const target = document.activeElement ?? document.body;
  target.dispatchEvent(
    new KeyboardEvent('keydown', {
      key: shortcut.key,
      ctrlKey: Boolean(shortcut.mod) && !isMac,
      metaKey: Boolean(shortcut.mod) && isMac,
      bubbles: true,
      cancelable: true,
    }),
  );
}

/** Listens for menu commands where the desktop shell sends them; a no-op in serve mode. */
export function listenForMenuCommands(): () => void {
  return window.ferry?.onMenuCommand?.(runMenuCommand) ?? (() => undefined);
}
