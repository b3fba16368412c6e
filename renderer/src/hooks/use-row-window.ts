/**
 * Which rows of a long list are on screen, for a table that renders only
 * those (plus a few either side) however many rows it has; the arithmetic,
 * including the scaled scroll past the browser's height cap, is in
 * row-window.ts. The rows sit in a window stuck to the top of the scroller;
 * each scroll re-renders which rows it shows and how far they are shifted,
 * so the DOM never holds more than a screenful.
 *
 * The position in the content is the state and the scrollbar follows it:
 * keyboard moves set it exactly, and a list that grows under the user (a
 * page arriving changes the scale) keeps its rows still.
 */
import { useCallback, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { flushSync } from 'react-dom';
import { posFromScroll, revealPos, rowLayout, scrollFromPos, type RowLayout } from '../row-window';

export interface RowWindow extends RowLayout {
  scrollerRef: RefObject<HTMLDivElement | null>;
  onScroll(): void;
  /** Scrolls just enough that row `index` is wholly on screen. */
  reveal(index: number): void;
}

export function useRowWindow(count: number): RowWindow {
  const scrollerRef = useRef<HTMLDivElement | null>(null);
  const [viewport, setViewport] = useState(0);
  const [position, setPosition] = useState(0);
  /** The scrollTop Ferry itself last set: its scroll event is an echo, not the user. */
  const echo = useRef<number | null>(null);
  /**
   * The scroller's scrollTop as last seen or set. Reading el.scrollTop right
   * after a render would force a synchronous layout on every scrolled frame
   * (the largest cost of a frame, measured with bench/ui-listing.mjs).
   */
  const known = useRef(0);
  const layout = rowLayout(count, viewport, position);
  const { pos, scrollRange, contentRange } = layout;

  useLayoutEffect(() => {
    const el = scrollerRef.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setViewport(el.clientHeight));
    observer.observe(el);
    // Measured now as well, so the first paint already has its rows (the observer reports a frame later).
    setViewport(el.clientHeight);
    return () => observer.disconnect();
  }, []);

  useLayoutEffect(() => {
    const el = scrollerRef.current;
    if (!el) return;
    const wanted = scrollFromPos(pos, { scrollRange, contentRange });
    if (Math.abs(known.current - wanted) > 1.5) {
      echo.current = wanted;
      known.current = wanted;
      el.scrollTop = wanted;
    }
  }, [pos, scrollRange, contentRange]);

  const onScroll = useCallback(() => {
    const el = scrollerRef.current;
    if (!el) return;
    const top = el.scrollTop;
    known.current = top;
    if (echo.current !== null && Math.abs(top - echo.current) <= 1.5) {
      echo.current = null;
      return;
    }
    echo.current = null;
    const next = posFromScroll(top, { scrollRange, contentRange });
    // Paint the new rows in the same frame as the scroll, not one behind it.
    flushSync(() => setPosition(next));
  }, [scrollRange, contentRange]);

  const reveal = useCallback(
    (index: number) => setPosition((current) => revealPos(index, current, rowLayout(count, viewport, current))),
    [count, viewport],
  );

  return { ...layout, scrollerRef, onScroll, reveal };
}
