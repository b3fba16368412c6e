/**
 * Synchronous "file calls" slower than quick-disk's limit, as many as a slow
 * disk makes before it is found: the thread is held as a call on a slow disk
 * would hold it, so the real switch in app/local/quick-disk.ts turns
 * synchronous small-file calls off.
 */
import { SLOW_CALLS, SLOW_MS, timedSync } from '../../../app/local/quick-disk';

export function holdThreadFor(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // held, as a slow disk would hold it
  }
}

/** As many slow calls as it takes a slow disk to be found (quick-disk's SLOW_CALLS within its window). */
export function slowDiskCall(): void {
  for (let i = 0; i < SLOW_CALLS; i++) timedSync(() => holdThreadFor(SLOW_MS + 2));
}
