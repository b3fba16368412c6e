import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  QUICK_FILE_MAX,
  quickDisk,
  resetQuickDisk,
  SLOW_CALLS,
  SLOW_MS,
  SLOW_WINDOW_MS,
  STALL_MS,
  timedSync,
} from '../../app/local/quick-disk';
import { holdThreadFor } from './support/slow-disk';

describe('quick disk: synchronous calls for small files while the disk answers at once', () => {
  afterEach(() => resetQuickDisk());

  it('allows small files only', () => {
    expect(quickDisk(4096)).toBe(true);
    expect(quickDisk(QUICK_FILE_MAX)).toBe(true);
    expect(quickDisk(QUICK_FILE_MAX + 1)).toBe(false);
  });

  it('turns them off for good after a few slow calls, and passes their result or error through', () => {
    expect(timedSync(() => 42)).toBe(42);
    for (let i = 1; i < SLOW_CALLS; i++) {
      expect(() =>
        timedSync(() => {
          holdThreadFor(SLOW_MS + 2);
          throw new Error('EIO');
        }),
      ).toThrow('EIO');
      // One slow call (a thread descheduled mid-call on a busy machine) is not yet a slow disk.
      expect(quickDisk(4096)).toBe(true);
    }
    timedSync(() => holdThreadFor(SLOW_MS + 2));
    expect(quickDisk(4096)).toBe(false);
    expect(timedSync(() => 'still runs')).toBe('still runs');
    expect(quickDisk(1)).toBe(false);
  });

  it('forgets slow calls that lie further apart than its window', () => {
    let clock = 0;
    const now = vi.spyOn(performance, 'now').mockImplementation(() => clock);
    try {
      for (let i = 0; i < SLOW_CALLS + 2; i++) {
        clock = i * (SLOW_WINDOW_MS + 1);
        timedSync(() => void (clock += SLOW_MS + 1));
      }
      expect(quickDisk(4096)).toBe(true);
    } finally {
      now.mockRestore();
    }
  });

  it('turns them off at once after one call that stalls the loop', () => {
    timedSync(() => holdThreadFor(STALL_MS + 2));
    expect(quickDisk(4096)).toBe(false);
  });
});
