/**
 * Where the Transfers region sits: along the bottom, as tall as the user
 * drags it (or moves it with the arrow keys on its edge) but no taller than
 * what it shows, so an idle dock leaves the height to the panes; collapsible to
 * its one status line. Height and fold are kept in workspace.json (window-layout.ts).
 */
import { type KeyboardEvent, type PointerEvent, type ReactNode } from 'react';
import { changeLayout, useWindowLayout } from '../workspace/window-layout';

const MIN = 60;
const STEP = 24;
const maxHeight = () => Math.round(window.innerHeight * 0.7);

export function TransfersDock({ children }: { children: ReactNode }) {
  const { dockHeight: height, dockCollapsed: collapsed } = useWindowLayout();
  const setHeight = (h: number) => changeLayout({ dockHeight: h });
  const setCollapsed = (c: boolean) => changeLayout({ dockCollapsed: c });
  const clamp = (h: number) => Math.round(Math.min(maxHeight(), Math.max(MIN, h)));

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    e.preventDefault();
    const startY = e.clientY;
    const startH = height;
    const target = e.currentTarget;
    target.setPointerCapture(e.pointerId);
    const move = (ev: globalThis.PointerEvent) => setHeight(clamp(startH + (startY - ev.clientY)));
    const up = () => {
      target.removeEventListener('pointermove', move);
      target.removeEventListener('pointerup', up);
    };
    target.addEventListener('pointermove', move);
    target.addEventListener('pointerup', up);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
      e.preventDefault();
      setHeight(clamp(height + (e.key === 'ArrowUp' ? STEP : -STEP)));
    }
  };

  return (
    <div className={`transfers-dock${collapsed ? ' collapsed' : ''}`} style={collapsed ? undefined : { maxHeight: height }}>
      {!collapsed && (
        <div
          role="separator"
          aria-orientation="horizontal"
          aria-label="Height of Transfers"
          aria-valuenow={height}
          aria-valuemin={MIN}
          aria-valuemax={maxHeight()}
          tabIndex={0}
          className="dock-resizer"
          onPointerDown={onPointerDown}
          onKeyDown={onKeyDown}
        />
      )}
      <button
        type="button"
        className="icon-button dock-toggle"
        aria-expanded={!collapsed}
        aria-label={collapsed ? 'Show transfers' : 'Hide transfers'}
        title={collapsed ? 'Show transfers' : 'Hide transfers'}
        onClick={() => setCollapsed(!collapsed)}
      >
        {collapsed ? '▴' : '▾'}
      </button>
      {children}
    </div>
  );
}
