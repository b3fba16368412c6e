/**
 * A full garbage collection, asked for after letting go of a large block of
 * memory the process will not need again soon. An idle process may go
 * minutes without a major collection, and until one runs, memory that
 * nothing references (a dropped WebAssembly arena of tens of MiB) still
 * counts against the machine. Uses the collector Node exposes with
 * --expose-gc, else turns that flag on once; returns false where neither is
 * possible, and nothing else changes.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let collector: (() => void) | null | undefined;

function find(): (() => void) | null {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (typeof exposed === 'function') return exposed;
  try {
    setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('gc');
    return typeof gc === 'function' ? (gc as () => void) : null;
  } catch {
    return null;
  }
}

export function collectGarbage(): boolean {
  collector ??= find();
  if (!collector) return false;
  collector();
  return true;
}
