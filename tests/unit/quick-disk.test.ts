import { afterEach, describe, expect, it } from 'vitest';
import { QUICK_FILE_MAX, quickDisk, resetQuickDisk, SLOW_MS, timedSync } from '../../app/local/quick-disk';

function busyFor(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // holds the thread, as a synchronous call on a slow disk would
  }
}

describe('quick disk: synchronous calls for small files while the disk answers at once', () => {
  afterEach(() => resetQuickDisk());

  it('allows small files only', () => {
    expect(quickDisk(4096)).toBe(true);
    expect(quickDisk(QUICK_FILE_MAX)).toBe(true);
    expect(quickDisk(QUICK_FILE_MAX + 1)).toBe(false);
  });

  it('turns them off for good after one slow call, and passes its result or error through', () => {
    expect(timedSync(() => 42)).toBe(42);
    expect(() =>
      timedSync(() => {
        busyFor(SLOW_MS + 2);
        throw new Error('EIO');
      }),
    ).toThrow('EIO');
    expect(quickDisk(4096)).toBe(false);
    expect(timedSync(() => 'still runs')).toBe('still runs');
    expect(quickDisk(1)).toBe(false);
  });
});
