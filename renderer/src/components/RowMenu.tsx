/**
 * The context menu of a row (right click, or Shift+F10 / the menu key on the
 * focused grid): the actions that exist for it, each also on a key. Arrow
 * keys move, Enter runs, Escape closes and gives the focus back to the grid.
 */
import { useLayoutEffect, useRef, type KeyboardEvent } from 'react';

export interface MenuAction {
  label: string;
  shortcut?: string;
  run(): void;
}

interface Props {
  x: number;
  y: number;
  label: string;
  actions: MenuAction[];
  onClose(): void;
}

export function RowMenu({ x, y, label, actions, onClose }: Props) {
  const ref = useRef<HTMLUListElement>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    // Kept inside the window: a menu opened near the right or bottom edge opens towards the middle.
    const box = el.getBoundingClientRect();
    el.style.left = `${Math.max(4, Math.min(x, window.innerWidth - box.width - 4))}px`;
    el.style.top = `${Math.max(4, Math.min(y, window.innerHeight - box.height - 4))}px`;
    el.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
  }, [x, y]);

  const onKey = (e: KeyboardEvent) => {
    const items = [...(ref.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
    const at = items.indexOf(document.activeElement as HTMLElement);
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const next = (at + (e.key === 'ArrowDown' ? 1 : -1) + items.length) % items.length;
      items[next]?.focus();
    } else if (e.key === 'Escape' || e.key === 'Tab') {
      e.preventDefault();
      onClose();
    }
  };

  return (
    <>
      <div className="menu-backdrop" onMouseDown={onClose} onContextMenu={(e) => e.preventDefault()} />
      <ul ref={ref} role="menu" aria-label={label} className="row-menu" style={{ left: x, top: y }} onKeyDown={onKey}>
        {actions.map((a) => (
          <li
            key={a.label}
            role="menuitem"
            tabIndex={-1}
            onClick={() => {
              onClose();
              a.run();
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter' || e.key === ' ') {
                e.preventDefault();
                onClose();
                a.run();
              }
            }}
          >
            <span>{a.label}</span>
            {a.shortcut && <kbd aria-hidden="true">{a.shortcut}</kbd>}
          </li>
        ))}
      </ul>
    </>
  );
}
