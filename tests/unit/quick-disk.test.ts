import { afterEach, describe, expect, it } from 'vitest';
import { QUICK_FILE_MAX, quickDisk, resetQuickDisk, SLOW_MS, timedSync } from '../../app/local/quick-disk';
import { holdThreadFor } from './support/slow-disk';

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
        holdThreadFor(SLOW_MS + 2);
        throw new Error('EIO');
      }),
    ).toThrow('EIO');
    expect(quickDisk(4096)).toBe(false);
    expect(timedSync(() => 'still runs')).toBe('still runs');
    expect(quickDisk(1)).toBe(false);
  });
});
