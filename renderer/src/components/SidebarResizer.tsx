/**
 * The edge between Places and the panes: drag it, or move it with the arrow
 * keys, to make the sidebar wider or narrower. The width is kept with the
 * window's layout.
 */
import type { KeyboardEvent, PointerEvent } from 'react';

const MIN = 120;
const MAX = 480;
const STEP = 16;
const clamp = (w: number) => Math.round(Math.min(MAX, Math.max(MIN, w)));

export function SidebarResizer({ width, onWidth }: { width: number; onWidth(width: number): void }) {
  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    e.preventDefault();
    const startX = e.clientX;
    const target = e.currentTarget;
    target.setPointerCapture(e.pointerId);
    const move = (ev: globalThis.PointerEvent) => onWidth(clamp(width + ev.clientX - startX));
    const up = () => {
      target.removeEventListener('pointermove', move);
      target.removeEventListener('pointerup', up);
    };
    target.addEventListener('pointermove', move);
    target.addEventListener('pointerup', up);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
      e.preventDefault();
      onWidth(clamp(width + (e.key === 'ArrowRight' ? STEP : -STEP)));
    }
  };
  return (
    <div
      role="separator"
      aria-orientation="vertical"
      aria-label="Width of Places"
      aria-valuenow={width}
      aria-valuemin={MIN}
      aria-valuemax={MAX}
      tabIndex={0}
      className="sidebar-resizer"
      onPointerDown={onPointerDown}
      onKeyDown={onKeyDown}
    />
  );
}
