/**
 * The arithmetic of a scrolled list that renders only its visible rows.
 *
 * Browsers cap an element's height (Chromium near 33 million pixels,
 * Firefox near 18 million), and a million rows of 26 px would pass that.
 * So the scrolled element's height is capped at MAX_EXTENT and a scroll
 * position maps proportionally onto the content: below the cap the mapping
 * is one to one; above it one pixel of scrollbar moves a few pixels of rows.
 *
 * Positions here are "content" pixels: 0 is the list's top, and the last
 * position puts the last row's bottom at the bottom of the viewport. The
 * header row is always on screen above the rows.
 *
 * Rendered rows are placed at fixed offsets from a base row that changes
 * only every BASE_STEP rows, inside a body that moves as a whole: while the
 * user scrolls, rows already on screen keep their place in that body (no
 * layout, no repaint for them), the body's transform moves them all, and
 * only the rows coming into view are new.
 */
export const ROW_HEIGHT = 26;
/** The header row is one row high (the stylesheet holds it there). */
export const HEADER_HEIGHT = ROW_HEIGHT;
export const MAX_EXTENT = 8_000_000;
export const OVERSCAN = 4;
export const BASE_STEP = 256;

export interface RowLayout {
  /** Height of the scrolled element. */
  extent: number;
  /** Height of the sticky window that shows the rows. */
  windowHeight: number;
  /** The largest content position and the largest scrollTop. */
  contentRange: number;
  scrollRange: number;
  /** The position, clamped to the content. */
  pos: number;
  /** Rows to render: [start, end). */
  start: number;
  end: number;
  /** The row the rendered rows are placed from: row i sits (i - base) rows below the body's top. */
  base: number;
  /** Where the body's top is, relative to the top of the rows area (px, ≤ 0). */
  bodyOffset: number;
  /** The last row at least partly on screen (-1 when there are none). */
  lastVisible: number;
  /** Rows a Page Down moves by. */
  pageRows: number;
  /** Height the rows have on screen, below the header. */
  rowsArea: number;
}

const clamp = (v: number, lo: number, hi: number) => Math.min(Math.max(v, lo), hi);

export function rowLayout(count: number, viewport: number, position: number): RowLayout {
  const content = HEADER_HEIGHT + count * ROW_HEIGHT;
  const extent = Math.min(content, MAX_EXTENT);
  const contentRange = Math.max(0, content - viewport);
  const scrollRange = Math.max(0, extent - viewport);
  const pos = clamp(position, 0, contentRange);
  const rowsArea = Math.max(0, viewport - HEADER_HEIGHT);
  const first = Math.floor(pos / ROW_HEIGHT);
  const within = pos - first * ROW_HEIGHT;
  const onScreen = Math.ceil((rowsArea + within) / ROW_HEIGHT);
  const start = Math.max(0, first - OVERSCAN);
  const base = Math.floor(start / BASE_STEP) * BASE_STEP;
  return {
    extent,
    windowHeight: Math.min(viewport, content),
    contentRange,
    scrollRange,
    pos,
    start,
    end: Math.min(count, first + onScreen + OVERSCAN),
    base,
    // Written as 0 - …: the top of the list is a plain 0, never -0.
    bodyOffset: 0 - (pos - base * ROW_HEIGHT),
    lastVisible: Math.min(count - 1, Math.floor((pos + Math.max(rowsArea - 1, 0)) / ROW_HEIGHT)),
    pageRows: Math.max(1, Math.floor(rowsArea / ROW_HEIGHT) - 1),
    rowsArea,
  };
}

type Ranges = Pick<RowLayout, 'scrollRange' | 'contentRange'>;

/** The content position a scrollbar position stands for. */
export function posFromScroll(scrollTop: number, layout: Ranges): number {
  return layout.scrollRange > 0 ? (scrollTop * layout.contentRange) / layout.scrollRange : 0;
}

/** The scrollbar position for a content position. */
export function scrollFromPos(pos: number, layout: Ranges): number {
  return layout.contentRange > 0 ? (pos * layout.scrollRange) / layout.contentRange : 0;
}

/** The nearest position from `pos` at which row `index` is wholly on screen. */
export function revealPos(index: number, pos: number, layout: RowLayout): number {
  const at = clamp(pos, 0, layout.contentRange);
  const top = index * ROW_HEIGHT;
  if (top < at) return top;
  if (top + ROW_HEIGHT > at + layout.rowsArea) return clamp(top + ROW_HEIGHT - layout.rowsArea, 0, layout.contentRange);
  return at;
}
