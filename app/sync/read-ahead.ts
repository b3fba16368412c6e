/**
 * Runs an async generator ahead of its consumer by up to `capacity` values,
 * so the two sides of a compare list at the same time: the next S3 page is
 * on its way while the folder walk runs, instead of each waiting its turn.
 * Memory stays bounded by `capacity`.
 */
export async function* readAhead<T>(source: AsyncGenerator<T>, capacity: number): AsyncGenerator<T> {
  const buffer: T[] = [];
  let finished = false;
  let failure: { err: unknown } | undefined;
  let wake: (() => void) | undefined;
  let space: (() => void) | undefined;
  let stopped = false;
  const notify = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  const pump = (async () => {
    try {
      for await (const value of source) {
        if (stopped) break;
        buffer.push(value);
        notify();
        while (buffer.length >= capacity && !stopped) await new Promise<void>((r) => (space = r));
      }
    } catch (err) {
      failure = { err };
    } finally {
      finished = true;
      notify();
    }
  })();
  try {
    for (;;) {
      if (buffer.length > 0) {
        const value = buffer.shift() as T;
        const s = space;
        space = undefined;
        s?.();
        yield value;
        continue;
      }
      if (finished) {
        if (failure) throw failure.err;
        return;
      }
      await new Promise<void>((r) => (wake = r));
    }
  } finally {
    // The consumer stopped early (an error, or it had enough): let the source end too.
    stopped = true;
    space?.();
    await pump;
  }
}
