/**
 * A long name is cut in its middle, not at its end: the start of the name
 * gives way to an ellipsis while its last characters and its extension stay
 * in view, so `quarterly-report-…-2026.csv` still says what the file is.
 * The grid shows the two parts in boxes of their own (the head shrinks, the
 * tail never does); the whole name stays the cell's tooltip and its
 * accessible name.
 */

/** Names up to this many characters are left whole: the cell's own ellipsis never reaches them in a usable column. */
const SHORT = 16;
/** Characters kept before the extension, and the tail's length when there is none. */
const BEFORE_EXTENSION = 4;
const TAIL = 8;
/** An extension longer than this is a name with a dot in it, not an extension. */
const MAX_EXTENSION = 10;

/** [head, tail] of a long name, or null when it should not be split. Never splits a character. */
export function middleSplit(name: string): [string, string] | null {
  const chars = Array.from(name);
  if (chars.length <= SHORT) return null;
  // A folder's trailing slash belongs to the tail.
  const body = name.endsWith('/') ? chars.slice(0, -1) : chars;
  const dot = body.lastIndexOf('.');
  const extension = dot > 0 && body.length - dot <= MAX_EXTENSION ? body.length - dot : 0;
  const keep = Math.min(chars.length - 1, (extension ? extension + BEFORE_EXTENSION : TAIL) + (chars.length - body.length));
  return [chars.slice(0, chars.length - keep).join(''), chars.slice(chars.length - keep).join('')];
}
