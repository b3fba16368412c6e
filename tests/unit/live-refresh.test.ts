import { describe, expect, it } from 'vitest';
import type { Location } from '../../app/api/types';
import { LIVE_REFRESH_MAX_PAGES, LIVE_REFRESH_MS, liveListing, liveRefreshDue } from '../../renderer/src/hooks/live-refresh';

const dest: Location = { kind: 's3', connectionId: 'b', bucket: 'to', prefix: 'in/' };
const touches = [{ location: dest }];
const listing = (location: Location, pages: number, fetchStatus: 'idle' | 'fetching' = 'idle', search?: object, more = false) => ({
  queryKey: search ? ['listing', location, search] : ['listing', location],
  state: { fetchStatus, data: { pages: Array.from({ length: pages }, (_, i) => ({ truncated: more || i < pages - 1 })) } } as never,
});

describe('panes refreshed while a job runs', () => {
  it('looks again once the job finished more items and the interval has passed', () => {
    const mark = { at: 1_000, itemsDone: 4 };
    expect(liveRefreshDue({ state: 'running', itemsDone: 9, touches }, mark, 1_000 + LIVE_REFRESH_MS)).toBe(true);
    expect(liveRefreshDue({ state: 'running', itemsDone: 9, touches }, mark, 1_000 + LIVE_REFRESH_MS - 1)).toBe(false);
    expect(liveRefreshDue({ state: 'running', itemsDone: 4, touches }, mark, 1_000 + 10 * LIVE_REFRESH_MS)).toBe(false);
  });

  it('leaves a paused job, and one that names no places, alone', () => {
    const mark = { at: 0, itemsDone: 0 };
    expect(liveRefreshDue({ state: 'paused', itemsDone: 9, touches }, mark, LIVE_REFRESH_MS)).toBe(false);
    expect(liveRefreshDue({ state: 'running', itemsDone: 9 }, mark, LIVE_REFRESH_MS)).toBe(false);
  });

  it('reads again only a small, idle folder listing of a place the job changes', () => {
    expect(liveListing(listing(dest, 1), touches)).toBe(true);
    expect(liveListing(listing(dest, LIVE_REFRESH_MAX_PAGES), touches)).toBe(true);
    expect(liveListing(listing(dest, LIVE_REFRESH_MAX_PAGES + 1), touches)).toBe(false);
    // One page whose server says more follow: the folder is larger than a page, so it waits for the end too.
    expect(liveListing(listing(dest, 1, 'idle', undefined, true), touches)).toBe(false);
    expect(liveListing(listing(dest, 1, 'fetching'), touches)).toBe(false);
    expect(liveListing(listing(dest, 1, 'idle', { term: 'x' }), touches)).toBe(false);
    expect(liveListing(listing({ ...dest, prefix: 'other/' }, 1), touches)).toBe(false);
    expect(liveListing(listing({ ...dest, prefix: 'in/deeper/' }, 1), [{ location: dest, under: true }])).toBe(true);
  });
});
