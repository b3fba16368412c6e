/** The one name a user types for a new folder or a rename: a single path segment, checked before any request. */
import { FerryError } from '../api/errors.js';
import { MAX_KEY_BYTES } from '../api/limits.js';

export function checkEntryName(name: string): void {
  const refuse = (message: string) => {
    throw new FerryError('invalid-arguments', message, { details: { field: 'name' } });
  };
  if (name.trim() === '') refuse('Enter a name.');
  if (name === '.' || name === '..') refuse(`"${name}" cannot be a name: it means "this folder" or "the folder above".`);
  if (name.includes('/')) refuse('A name cannot contain "/": that would make a folder inside it.');
  if (name.includes('\0')) refuse('A name cannot contain a NUL character.');
  if (/\p{Cs}/u.test(name)) refuse('A name must be valid Unicode; this one holds a lone surrogate, which has no UTF-8 form.');
}

/** The full key `prefix + name (+ '/')`, refused past S3's key limit. */
export function keyFor(prefix: string, name: string, folder: boolean): string {
  checkEntryName(name);
  const key = `${prefix}${name}${folder ? '/' : ''}`;
  const bytes = Buffer.byteLength(key, 'utf8');
  if (bytes > MAX_KEY_BYTES) {
    throw new FerryError(
      'invalid-arguments',
      `The key would be ${bytes} bytes; S3 allows at most ${MAX_KEY_BYTES}. Choose a shorter name.`,
      {
        details: { field: 'name' },
      },
    );
  }
  return key;
}

/** The folder a key sits in: "a/b/c.txt" and "a/b/c/" are both in "a/b/". */
export function parentPrefix(key: string): string {
  const trimmed = key.endsWith('/') ? key.slice(0, -1) : key;
  return trimmed.slice(0, trimmed.lastIndexOf('/') + 1);
}
