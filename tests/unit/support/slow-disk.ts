/**
 * One synchronous "file call" slower than quick-disk's limit: the thread is
 * held as a call on a slow disk would hold it, so the real switch in
 * app/local/quick-disk.ts turns synchronous small-file calls off.
 */
import { SLOW_MS, timedSync } from '../../../app/local/quick-disk';

export function holdThreadFor(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // held, as a slow disk would hold it
  }
}

export function slowDiskCall(): void {
  timedSync(() => holdThreadFor(SLOW_MS + 2));
}
