/**
 * Where an item lands. In the cloud a key is kept byte for byte (never
 * normalised) and refused before any request when it would exceed S3's
 * 1,024 bytes, or when the server would store it under another name. On disk a key becomes a path inside the chosen folder, one
 * checked segment at a time: a key holding `..`, `.`, an empty segment or a
 * separator of another platform is refused for that item, so nothing is ever
 * written outside the folder the user chose.
 */
import path from 'node:path';
import { FerryError } from '../../api/errors.js';
import type { ProbeKeySegments } from '../../api/connection-types.js';
import { MAX_KEY_BYTES } from '../../api/limits.js';
import { requireAbsolute } from '../../local/local-browse.js';

export function keyBytes(key: string): number {
  return Buffer.byteLength(key, 'utf8');
}

/**
 * The destination key for `relative` under `prefix`; refused past S3's key
 * limit. A key with ".", ".." or empty segments is written only to a server
 * known to keep it as sent (`segments`, learnt per connection); elsewhere it
 * is refused before any request rather than landing under another name.
 */
export function destinationKey(prefix: string, relative: string, segments: ProbeKeySegments = 'unknown'): string {
  const key = prefix + relative;
  const bytes = keyBytes(key);
  if (bytes > MAX_KEY_BYTES) {
    throw new FerryError(
      'invalid-arguments',
      `The destination key would be ${bytes} bytes; S3 allows at most ${MAX_KEY_BYTES} bytes of UTF-8. Choose a shorter destination prefix.`,
      { details: { key: key.slice(0, 200), bytes, limit: MAX_KEY_BYTES } },
    );
  }
  if (key === '') throw new FerryError('invalid-arguments', 'An object key cannot be empty.');
  const problem = writtenKeyProblem(key, segments);
  if (problem)
    throw new FerryError('invalid-arguments', `Ferry will not write the key "${key.slice(0, 200)}": ${problem}.`, {
      details: { key: key.slice(0, 200), reason: problem },
    });
  return key;
}

/** Which path-like form a key holds, or undefined: the forms servers that keep objects as files resolve or merge. */
export function pathLikeSegments(key: string): string | undefined {
  const segments = key.split('/');
  if (segments.some((s) => s === '.' || s === '..')) return 'a "." or ".." segment';
  if (key.startsWith('/') || segments.slice(0, -1).includes('')) return 'an empty segment ("//" or a leading "/")';
  return undefined;
}

/** Why a key cannot be written byte for byte to a server whose handling of path-like segments is `segments`, or undefined. */
export function writtenKeyProblem(key: string, segments: ProbeKeySegments = 'unknown'): string | undefined {
  if (/\p{Cs}/u.test(key)) return 'it holds a lone surrogate, which has no UTF-8 form';
  const form = pathLikeSegments(key);
  if (!form || segments === 'verbatim') return undefined;
  return segments === 'changed'
    ? `it holds ${form}, and this server stores such a key under another name (Ferry checked when it first wrote one there)`
    : `it holds ${form}, and Ferry could not check that this server keeps such a key as sent (it needs to write a small test object under .ferry-probe/)`;
}

/** Names Windows keeps for devices, with or without an extension ("nul.txt" is the device too). */
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[0-9\u00b9\u00b2\u00b3]|lpt[0-9\u00b9\u00b2\u00b3]|conin\$|conout\$)(\..*)?$/i;

/** Why `name` cannot be one file name on `platform`, or undefined when it can. */
export function localNameProblem(name: string, platform: NodeJS.Platform = process.platform): string | undefined {
  if (name === '' || name === '.' || name === '..') return 'it is empty or means this folder or the one above';
  if (name.includes('/') || name.includes('\\')) return 'it holds a path separator';
  if (name.includes('\0')) return 'it holds a NUL character';
  if (/\p{Cs}/u.test(name)) return 'it is not valid Unicode';
  // Linux and macOS both cap one name at 255 bytes; Windows at 255 UTF-16 units, which the byte cap covers.
  if (Buffer.byteLength(name) > 255) return `it is ${Buffer.byteLength(name)} bytes long; a file name is at most 255`;
  if (platform === 'win32') {
    // eslint-disable-next-line no-control-regex -- Windows refuses exactly these control characters
    if (/[<>:"|?*\u0000-\u001f]/.test(name))
      return 'it holds a character Windows does not allow in file names (<>:"|?* or a control character)';
    if (/[. ]$/.test(name)) return 'it ends with a dot or a space, which Windows removes';
    if (WINDOWS_DEVICE.test(name)) return 'it is a name Windows keeps for a device';
  }
  return undefined;
}

function checkSegment(folder: string, name: string, whole: string, platform: NodeJS.Platform = process.platform): void {
  const problem = localNameProblem(name, platform);
  if (problem) {
    throw new FerryError('unsafe-path', `"${whole}" cannot be written inside ${folder}: "${name}" is not a safe file name (${problem}).`, {
      details: { name: whole, reason: problem },
    });
  }
}

/** Refuses names that would place the file anywhere but directly inside the chosen folder. */
export function safeLocalTarget(folder: string, name: string): string {
  const dir = requireAbsolute(folder);
  checkSegment(dir, name, name);
  const target = path.resolve(dir, name);
  if (path.dirname(target) !== path.resolve(dir)) {
    throw new FerryError('unsafe-path', `"${name}" would leave the folder ${dir}.`, { details: { name } });
  }
  return target;
}

/**
 * The absolute path for a '/'-separated relative name inside `folder`. A
 * trailing '/' (a folder marker) names a directory. Every segment is checked,
 * and the result is proven to lie inside the folder.
 */
export function localTargetPath(
  folder: string,
  relative: string,
  platform: NodeJS.Platform = process.platform,
): { target: string; isDir: boolean } {
  const dir = path.resolve(requireAbsolute(folder));
  const isDir = relative.endsWith('/');
  const segments = (isDir ? relative.slice(0, -1) : relative).split('/');
  for (const segment of segments) checkSegment(dir, segment, relative, platform);
  const target = path.resolve(dir, ...segments);
  const rel = path.relative(dir, target);
  // "..." and "..x" are ordinary names; only ".." itself, as a whole segment, climbs out.
  if (rel === '' || rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel)) {
    throw new FerryError('unsafe-path', `"${relative}" would leave the folder ${dir}.`, { details: { name: relative } });
  }
  return { target, isDir };
}

/** "name (n).ext" for keep-both: the counter goes before the extension, so the file still opens the same way. */
export function keepBothName(id: string, n: number, separator: '/' | typeof path.sep): string {
  const slash = id.lastIndexOf(separator);
  const dir = id.slice(0, slash + 1);
  const base = id.slice(slash + 1);
  const dot = base.lastIndexOf('.');
  const stem = dot > 0 ? base.slice(0, dot) : base;
  const ext = dot > 0 ? base.slice(dot) : '';
  return `${dir}${stem} (${n})${ext}`;
}

/** The folder a key prefix is relative to: copying "a/photos/" writes "photos/…" at the destination. */
export function prefixBase(prefix: string): string {
  const trimmed = prefix.endsWith('/') ? prefix.slice(0, -1) : prefix;
  const slash = trimmed.lastIndexOf('/');
  return slash >= 0 ? trimmed.slice(0, slash + 1) : '';
}

export function lastSegment(key: string): string {
  const trimmed = key.endsWith('/') ? key.slice(0, -1) : key;
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}
