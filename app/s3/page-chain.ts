/**
 * Following a listing from page to page. A server that says a listing goes
 * on must say where (a continuation token), and each token must be new: a
 * page that is truncated with no token would end the listing early without a
 * word (a `cp -r` or `rm -r` then misses keys), and a token that comes back
 * again would loop forever. Both stop the listing with the server's fault.
 */
import { FerryError } from '../api/errors.js';

interface Page {
  IsTruncated?: boolean;
  NextContinuationToken?: string;
}

function serverFault(message: string): FerryError {
  return new FerryError('server', message, { details: { fault: 'listing' } });
}

/** The token of the page after `out`, or undefined when the listing is complete; `sent` is the token `out` answered. */
export function nextPageToken(out: Page, sent: string | undefined): string | undefined {
  if (out.IsTruncated !== true) return undefined;
  const next = out.NextContinuationToken;
  if (!next) {
    throw serverFault(
      'The server said the listing goes on but sent no continuation token; Ferry stopped rather than miss the keys after this page.',
    );
  }
  if (next === sent) {
    throw serverFault('The server sent the same continuation token twice; Ferry stopped rather than list the same page forever.');
  }
  return next;
}

/** The tokens of one listing from its first page on: refuses any token the listing has already used, not only the last. */
export class PageChain {
  readonly #seen = new Set<string>();
  #last: string | undefined;

  /** The token to send for the next page, or undefined when the listing is complete. */
  next(out: Page): string | undefined {
    const token = nextPageToken(out, this.#last);
    if (token !== undefined) {
      if (this.#seen.has(token)) {
        throw serverFault(
          'The server sent a continuation token it had already sent; Ferry stopped rather than list the same pages forever.',
        );
      }
      this.#seen.add(token);
    }
    this.#last = token;
    return token;
  }
}
