/**
 * Many short-lived followers of one long-lived AbortSignal (a job's), with
 * one listener on the signal instead of one per follower. An EventTarget
 * walks its list of listeners to remove one, so with hundreds of requests in
 * flight on a job, adding and removing a listener per request and per body
 * read became a measurable part of every small object's CPU.
 */
const followers = new WeakMap<AbortSignal, Set<() => void>>();

/**
 * The followers of `signal`, with the one listener that tells them. Made in a
 * function of its own: a closure keeps its whole scope, and the listener,
 * which lives as long as the job, must keep nothing of the first follower (a
 * request and, through it, its part buffers and the arena they lie in).
 */
function followersOf(signal: AbortSignal): Set<() => void> {
  const known = followers.get(signal);
  if (known) return known;
  const callbacks = new Set<() => void>();
  signal.addEventListener(
    'abort',
    () => {
      const now = [...callbacks];
      callbacks.clear();
      for (const fn of now) fn();
    },
    { once: true },
  );
  followers.set(signal, callbacks);
  return callbacks;
}

/**
 * Calls `onAbort` once if `signal` aborts later (not if it already has: check
 * `signal.aborted` first, as with addEventListener). Returns the way to stop
 * following, which is cheap and safe to call more than once.
 */
export function followAbort(signal: AbortSignal, onAbort: () => void): () => void {
  const own = followersOf(signal);
  // A wrapper of its own, so the same function following twice is two followers.
  const entry = () => onAbort();
  own.add(entry);
  return () => {
    own.delete(entry);
  };
}
