/**
 * --include / --exclude globs, the subset rclone's users know: `*` (any run of
 * characters except `/`), `**` (anything, `/` too), `?` (one character except
 * `/`), `[abc]`, `[a-z]`, `[!abc]` and `\` to escape. A pattern that starts
 * with `/` is anchored at the root of the location; any other pattern matches
 * the end of the key at a segment boundary (`*.jpg` matches `a/b.jpg`).
 */
export class GlobError extends Error {}

function classBody(pattern: string, start: number): { re: string; end: number } {
  let i = start;
  let re = '[';
  if (pattern[i] === '!' || pattern[i] === '^') {
    re += '^';
    i++;
  }
  let first = true;
  for (; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === ']' && !first) return { re: `${re}]`, end: i };
    first = false;
    if (c === '\\' && i + 1 < pattern.length) {
      re += `\\${pattern[++i] as string}`;
      continue;
    }
    re += c === '-' ? '-' : c.replace(/[\\\]^[]/g, '\\$&');
  }
  throw new GlobError(`"${pattern}": a character class [ is never closed.`);
}

export function globToRegExp(pattern: string): RegExp {
  if (pattern === '') throw new GlobError('An empty pattern matches nothing; give a glob such as *.jpg.');
  const anchored = pattern.startsWith('/');
  const body = anchored ? pattern.slice(1) : pattern;
  let re = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i] as string;
    if (c === '*') {
      if (body[i + 1] === '*') {
        re += '.*';
        i++;
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const cls = classBody(body, i + 1);
      re += cls.re;
      i = cls.end;
    } else if (c === '\\' && i + 1 < body.length) re += (body[++i] as string).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    else re += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  // A pattern ending in / names a folder: everything below it.
  if (body.endsWith('/')) re += '.*';
  return new RegExp(anchored ? `^${re}$` : `(?:^|/)${re}$`, 's');
}

export interface FilterRules {
  include?: string[];
  exclude?: string[];
}

/**
 * Whether a key (relative to the location's root) takes part. Excludes win;
 * when any include is given, only keys that match one take part.
 */
export type KeyFilter = (relativeKey: string) => boolean;

export function makeFilter(rules: FilterRules | undefined): KeyFilter | undefined {
  const inc = (rules?.include ?? []).map(globToRegExp);
  const exc = (rules?.exclude ?? []).map(globToRegExp);
  if (inc.length === 0 && exc.length === 0) return undefined;
  return (key) => !exc.some((r) => r.test(key)) && (inc.length === 0 || inc.some((r) => r.test(key)));
}
