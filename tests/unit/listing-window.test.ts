import { describe, expect, it } from 'vitest';
import type { Entry, Listing } from '../../app/api/types';
import { rowsOf } from '../../renderer/src/listing-rows';
import {
  BASE_STEP,
  HEADER_HEIGHT,
  MAX_EXTENT,
  OVERSCAN,
  ROW_HEIGHT,
  posFromScroll,
  revealPos,
  rowLayout,
  scrollFromPos,
} from '../../renderer/src/row-window';

const VIEWPORT = 26 * 20 + 10;

describe('the row window', () => {
  it('renders a screenful plus the overscan, at the top of a short list with nothing scaled', () => {
    const l = rowLayout(2500, VIEWPORT, 0);
    expect(l.extent).toBe(HEADER_HEIGHT + 2500 * ROW_HEIGHT);
    expect(l.scrollRange).toBe(l.contentRange);
    expect(l.start).toBe(0);
    expect(l.end).toBe(Math.ceil((VIEWPORT - HEADER_HEIGHT) / ROW_HEIGHT) + OVERSCAN);
    expect(l.bodyOffset).toBe(0);
    expect(posFromScroll(1234, l)).toBe(1234);
  });

  it('caps the scrolled height for a million rows and still reaches the last row', () => {
    const l = rowLayout(1_000_000, VIEWPORT, Number.MAX_SAFE_INTEGER);
    expect(l.extent).toBe(MAX_EXTENT);
    expect(l.pos).toBe(l.contentRange);
    expect(l.lastVisible).toBe(999_999);
    expect(l.end).toBe(1_000_000);
    expect(l.end - l.start).toBeLessThan(40);
    // The bottom of the scrollbar is the bottom of the list, and back.
    expect(posFromScroll(l.scrollRange, l)).toBeCloseTo(l.contentRange, 6);
    expect(scrollFromPos(l.contentRange, l)).toBeCloseTo(l.scrollRange, 6);
  });

  it('moves the body, not the rows, while the base row stays', () => {
    const a = rowLayout(1000, VIEWPORT, 10 * ROW_HEIGHT + 7);
    expect(a.start).toBe(10 - OVERSCAN);
    expect(a.base).toBe(0);
    // Row 10 is 7 px above the top of the rows area.
    expect(a.bodyOffset + (10 - a.base) * ROW_HEIGHT).toBe(-7);
    const b = rowLayout(1000, VIEWPORT, 11 * ROW_HEIGHT);
    expect(b.base).toBe(a.base);
    expect(b.bodyOffset + (11 - b.base) * ROW_HEIGHT).toBe(0);
    // Far down, the base moves on so the body's offset stays small.
    const far = rowLayout(1_000_000, VIEWPORT, 900_000 * ROW_HEIGHT + 3);
    expect(far.base).toBe(Math.floor((900_000 - OVERSCAN) / BASE_STEP) * BASE_STEP);
    expect(far.bodyOffset + (900_000 - far.base) * ROW_HEIGHT).toBe(-3);
    expect(-far.bodyOffset).toBeLessThan((BASE_STEP + OVERSCAN) * ROW_HEIGHT);
  });

  it('reveals a row by the least scroll: up to its top, down to its bottom, not at all when shown', () => {
    const l = rowLayout(1000, VIEWPORT, 100 * ROW_HEIGHT);
    expect(revealPos(50, l.pos, l)).toBe(50 * ROW_HEIGHT);
    expect(revealPos(105, l.pos, l)).toBe(l.pos);
    const below = revealPos(300, l.pos, l);
    expect(below + l.rowsArea).toBe(301 * ROW_HEIGHT);
    expect(rowLayout(1000, VIEWPORT, below).lastVisible).toBe(300);
    expect(revealPos(999, 0, l)).toBe(l.contentRange);
  });

  it('has no rows to show in an empty list', () => {
    const l = rowLayout(0, VIEWPORT, 0);
    expect([l.start, l.end, l.lastVisible, l.windowHeight]).toEqual([0, 0, -1, HEADER_HEIGHT]);
  });
});

function page(from: number, to: number): Listing {
  const entries: Entry[] = [];
  for (let i = from; i < to; i++) entries.push({ kind: 'object', name: `k${i}`, id: `k${i}` });
  return { location: { kind: 's3', connectionId: 'c', bucket: 'b', prefix: '' }, entries, truncated: true };
}

describe('rows of a paged listing', () => {
  it('grows by one page at a time and gives the same array for the same pages', () => {
    const p1 = page(0, 3);
    const p2 = page(3, 5);
    const one = rowsOf([p1]);
    const two = rowsOf([p1, p2]);
    expect(two.map((e) => e.id)).toEqual(['k0', 'k1', 'k2', 'k3', 'k4']);
    expect(rowsOf([p1, p2])).toBe(two);
    expect(one.map((e) => e.id)).toEqual(['k0', 'k1', 'k2']);
  });

  it('builds afresh when an earlier page changed under a kept last page', () => {
    const p1 = page(0, 2);
    const p2 = page(2, 4);
    rowsOf([p1, p2]);
    const changed = { ...p1, entries: [{ kind: 'object' as const, name: 'new', id: 'new' }] };
    expect(rowsOf([changed, p2]).map((e) => e.id)).toEqual(['new', 'k2', 'k3']);
    expect(rowsOf([])).toEqual([]);
  });
});
