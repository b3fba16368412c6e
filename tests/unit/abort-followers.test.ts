// One listener on a job's signal for all of its requests: followers are told
// once when it aborts, unfollowed ones are not, and the signal's own list of
// listeners stays at one however many follow.
import { getEventListeners } from 'node:events';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { followAbort } from '../../app/base/abort-followers';

describe('followAbort', () => {
  it('tells every follower still following, once, and keeps one listener on the signal', () => {
    const job = new AbortController();
    const told: number[] = [];
    const stops = Array.from({ length: 300 }, (_, i) => followAbort(job.signal, () => told.push(i)));
    expect(getEventListeners(job.signal, 'abort')).toHaveLength(1);
    for (let i = 0; i < 300; i += 2) stops[i]?.();
    (stops[1] as () => void)();
    (stops[1] as () => void)();
    job.abort(new Error('paused'));
    job.abort(new Error('again'));
    expect(told).toEqual(Array.from({ length: 149 }, (_, k) => 2 * k + 3));
    expect(job.signal.reason).toEqual(new Error('paused'));
  });

  it('keeps signals apart, and the same function following twice counts twice', () => {
    const a = new AbortController();
    const b = new AbortController();
    let calls = 0;
    const fn = () => calls++;
    followAbort(a.signal, fn);
    const stop = followAbort(a.signal, fn);
    followAbort(b.signal, fn);
    stop();
    a.abort();
    expect(calls).toBe(1);
    b.abort();
    expect(calls).toBe(2);
  });

  it('does not call a follower that starts after the abort (callers check signal.aborted first)', () => {
    const job = new AbortController();
    job.abort();
    let called = false;
    followAbort(job.signal, () => (called = true))();
    expect(called).toBe(false);
  });
});

describe('followAbort and memory', () => {
  it('keeps nothing of a follower that stopped following while the signal lives on', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const job = new AbortController();
    let ref: WeakRef<object> | undefined;
    // The first follower of a signal, as a request holding a part buffer would be.
    (() => {
      const part = { bytes: new Uint8Array(1024) };
      ref = new WeakRef(part);
      followAbort(job.signal, () => part.bytes.fill(0))();
    })();
    await new Promise((resolve) => setTimeout(resolve, 0));
    gc();
    expect(ref?.deref()).toBeUndefined();
    expect(job.signal.aborted).toBe(false);
  });
});
