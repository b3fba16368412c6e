/**
 * What a transfer learns about a connection's server by writing to it: does
 * it keep keys with dot or empty segments as sent, does it refuse to
 * replace a key when asked (If-None-Match), and does a copy inside it keep
 * the source's tags. Each is probed once per
 * connection, shared by every item that asks while the probe runs, and a
 * definite answer is handed to `remember` (the app keeps it with the
 * connection's profile; the command line forgets it).
 */
import type { Learnt, ProbeConditionalWrites, ProbeKeySegments } from '../api/connection-types.js';
import { probeConditionalWrites } from '../probe/conditional-writes.js';
import { probeCopyTags } from '../probe/copy-tags.js';
import { probeKeySegments } from '../probe/key-segments.js';
import type { Conn } from '../s3/requests/request.js';

export class ServerFacts {
  readonly #segments = new Map<string, Promise<ProbeKeySegments>>();
  readonly #conditional = new Map<string, Promise<ProbeConditionalWrites>>();
  readonly #copyTags = new Map<string, Promise<boolean>>();

  constructor(private readonly remember: (connectionId: string, learnt: Learnt) => void = () => undefined) {}

  /** Whether the server keeps keys with dot or empty segments as sent; "unknown" (or a failed probe) is asked again later. */
  keySegments(conn: Conn, bucket: string, signal: AbortSignal): Promise<ProbeKeySegments> {
    const known = conn.summary.probe?.keySegments;
    if (known && known !== 'unknown') return Promise.resolve(known);
    return once(this.#segments, conn.id, () =>
      probeKeySegments(conn.client, bucket, signal).then(
        ({ keySegments }) => {
          if (keySegments === 'unknown') this.#segments.delete(conn.id);
          else this.remember(conn.id, { keySegments });
          return keySegments;
        },
        (err: unknown) => {
          this.#segments.delete(conn.id);
          throw err;
        },
      ),
    );
  }

  /**
   * Whether a write may leave "is the key there?" to the server (If-None-Match: *): where the provider's preset
   * vouches for the server, or where a probe saw it refuse an existing key. Until known, items look first; an
   * "unknown" holds for this session.
   */
  async conditionalWrites(conn: Conn, bucket: string, signal: AbortSignal): Promise<boolean> {
    if (conn.summary.features?.ifNoneMatch) return true;
    // A definite answer is already in the features (summary-features.ts): "ignored" is all that can be left here.
    if (conn.summary.probe?.conditionalWrites) return false;
    const answer = await once(this.#conditional, conn.id, () =>
      probeConditionalWrites(conn.client, bucket, signal).then(
        (conditionalWrites) => {
          if (conditionalWrites !== 'unknown') this.remember(conn.id, { conditionalWrites });
          return conditionalWrites;
        },
        () => 'unknown' as const,
      ),
    );
    return answer === 'honoured';
  }

  /**
   * Whether a CopyObject on `conn` keeps the source's tags by itself. Not known (a locked bucket, a fault) counts as
   * no: each copy then reads its source's tags and writes them where they differ, which is right either way. A probe
   * cut short (a pause, a cancel) says nothing, and the next copy asks again.
   */
  copyKeepsTags(conn: Conn, bucket: string, signal: AbortSignal): Promise<boolean> {
    const known = conn.summary.probe?.copyTags;
    if (known === 'kept' || known === 'dropped') return Promise.resolve(known === 'kept');
    return once(this.#copyTags, conn.id, () =>
      probeCopyTags(conn.client, bucket, signal).then(
        (copyTags) => {
          if (copyTags === 'kept' || copyTags === 'dropped') this.remember(conn.id, { copyTags });
          return copyTags !== 'dropped' && copyTags !== 'unknown';
        },
        (err: unknown) => {
          this.#copyTags.delete(conn.id);
          throw err;
        },
      ),
    );
  }
}

/** The probe already running or done for `id`, or a new one. */
function once<T>(memo: Map<string, Promise<T>>, id: string, start: () => Promise<T>): Promise<T> {
  let found = memo.get(id);
  if (!found) {
    found = start();
    memo.set(id, found);
  }
  return found;
}
