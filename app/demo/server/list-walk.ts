/**
 * One page of a listing over a bucket's sorted keys: keys under a prefix,
 * rolled up into common prefixes at the delimiter, after a marker, at most
 * max-keys entries (a common prefix counts as one). ListObjectsV2 and
 * ListObjectVersions are both written from it.
 */
import { firstIndexAfter } from './key-order.js';

export interface WalkRequest {
  prefix: string;
  delimiter: string;
  /** List what sorts after this (a key or a common prefix from an earlier page); '' from the start. */
  marker: string;
  maxKeys: number;
}

export interface WalkPage {
  keys: string[];
  prefixes: string[];
  truncated: boolean;
  /** The last entry of the page (key or common prefix): the next page starts after it. */
  last: string | undefined;
}

export function walkKeys(sorted: readonly string[], req: WalkRequest): WalkPage {
  const { prefix, delimiter, marker, maxKeys } = req;
  const keys: string[] = [];
  const prefixes: string[] = [];
  let last: string | undefined;
  // A marker that is a common prefix covers every key under it.
  let lastPrefix = delimiter && marker.startsWith(prefix) && marker.endsWith(delimiter) ? marker : undefined;
  // After the marker and at or after the prefix, whichever is later (a marker equal to the prefix excludes it).
  const start = Math.max(firstIndexAfter(sorted, prefix, true), marker ? firstIndexAfter(sorted, marker, false) : 0);
  for (let i = start; i < sorted.length; i++) {
    const key = sorted[i] ?? '';
    if (!key.startsWith(prefix)) break;
    let entry = key;
    let rolled = false;
    if (delimiter) {
      const at = key.indexOf(delimiter, prefix.length);
      if (at >= 0) {
        entry = key.slice(0, at + delimiter.length);
        rolled = true;
        if (entry === lastPrefix) continue;
      }
    }
    if (keys.length + prefixes.length >= maxKeys) return { keys, prefixes, truncated: true, last };
    if (rolled) {
      prefixes.push(entry);
      lastPrefix = entry;
    } else keys.push(entry);
    last = entry;
  }
  return { keys, prefixes, truncated: false, last };
}
