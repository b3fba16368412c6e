/**
 * S3's limits on tags, user metadata and headers, checked before any request
 * so a bad value is refused where the user typed it, with the limit named,
 * and nothing on the server changes.
 */
import { FerryError } from '../api/errors.js';
import type { AttributeEdit, HttpHeaders, Tag } from '../api/inspect-types.js';
import { metadataBytes } from './general.js';

export const MAX_TAGS = 10;
export const MAX_TAG_KEY_CHARS = 128;
export const MAX_TAG_VALUE_CHARS = 256;
export const MAX_METADATA_BYTES = 2048;

/** Letters and digits of any script, spaces, and + - = . _ : / @ (S3's documented tag alphabet). */
const TAG_CHARS = /^[\p{L}\p{N}\p{Zs}+\-=._:/@]*$/u;
/** An HTTP header name's characters (RFC 9110 token); S3 stores metadata names in lower case. */
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** Values travel as HTTP header text: printable ASCII and tabs only. */
const HEADER_VALUE = /^[\t\x20-\x7e]*$/;

function refuse(message: string, field: string): never {
  throw new FerryError('invalid-arguments', message, { details: { field } });
}

const chars = (s: string) => [...s].length;

export function checkTags(tags: Tag[]): void {
  if (tags.length > MAX_TAGS) refuse(`An object has at most ${MAX_TAGS} tags; this would give it ${tags.length}.`, 'tags');
  const seen = new Set<string>();
  for (const { key, value } of tags) {
    if (key === '') refuse('A tag key cannot be empty.', 'tags');
    if (chars(key) > MAX_TAG_KEY_CHARS) refuse(`Tag key "${key.slice(0, 40)}…" is over ${MAX_TAG_KEY_CHARS} characters.`, 'tags');
    if (chars(value) > MAX_TAG_VALUE_CHARS) refuse(`The value of tag "${key}" is over ${MAX_TAG_VALUE_CHARS} characters.`, 'tags');
    if (!TAG_CHARS.test(key) || !TAG_CHARS.test(value)) {
      refuse(`Tag "${key}" has a character S3 does not allow in tags: use letters, digits, spaces and + - = . _ : / @.`, 'tags');
    }
    if (key.toLowerCase().startsWith('aws:')) refuse(`Tag keys starting with "aws:" are reserved by AWS ("${key}").`, 'tags');
    if (seen.has(key)) refuse(`Tag "${key}" appears twice; each key is unique.`, 'tags');
    seen.add(key);
  }
}

export function checkMetadata(metadata: Record<string, string>): void {
  for (const [name, value] of Object.entries(metadata)) {
    if (!HEADER_NAME.test(name)) {
      refuse(
        `Metadata name "${name}" may hold only letters, digits and - _ . ! # $ % & ' * + ^ \` | ~ (it becomes an HTTP header).`,
        'metadata',
      );
    }
    if (!HEADER_VALUE.test(value))
      refuse(`The value of metadata "${name}" must be printable ASCII (it travels as an HTTP header).`, 'metadata');
  }
  const bytes = metadataBytes(metadata);
  if (bytes > MAX_METADATA_BYTES) {
    refuse(`User metadata is limited to ${MAX_METADATA_BYTES} bytes (2 KB, names and values); this would be ${bytes} bytes.`, 'metadata');
  }
}

export function checkHeaders(headers: HttpHeaders): void {
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !HEADER_VALUE.test(value)) refuse(`${name} must be printable ASCII (it is an HTTP header).`, name);
  }
  if (headers.expires && Number.isNaN(Date.parse(headers.expires))) {
    refuse(`Expires must be an HTTP date, such as "Wed, 21 Oct 2026 07:28:00 GMT".`, 'expires');
  }
  if (headers.websiteRedirect && !/^(\/|https?:\/\/)/.test(headers.websiteRedirect)) {
    refuse('A website redirect starts with "/" or "http(s)://".', 'websiteRedirect');
  }
}

/** Applies put/remove to a set of pairs (metadata names compared in lower case, as S3 stores them). */
export function applyPairs(
  current: Record<string, string>,
  edit: { put?: Record<string, string>; remove?: string[] } | undefined,
  lower: boolean,
) {
  const norm = (k: string) => (lower ? k.toLowerCase() : k);
  const next = new Map<string, string>();
  for (const [k, v] of Object.entries(current)) next.set(norm(k), v);
  for (const k of edit?.remove ?? []) next.delete(norm(k));
  for (const [k, v] of Object.entries(edit?.put ?? {})) next.set(norm(k), v);
  return Object.fromEntries(next);
}

/** Refuses a whole edit before any request: the merged result of every object is checked again as it is applied. */
export function checkEdit(edit: AttributeEdit): void {
  if (edit.headers) checkHeaders(edit.headers);
  if (edit.metadata?.put) checkMetadata(edit.metadata.put);
  if (edit.storageClass !== undefined && !/^[A-Z_]{2,40}$/.test(edit.storageClass)) {
    refuse(`"${edit.storageClass}" is not a storage class name (such as STANDARD or STANDARD_IA).`, 'storageClass');
  }
}
