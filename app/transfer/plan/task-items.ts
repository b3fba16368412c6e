/**
 * The items of an object task: one per key, in the order the user chose
 * them (duplicates dropped), so a resumed job starts just after the last
 * key known finished.
 */
import type { ObjectTaskSource } from '../../api/types.js';
import { itemId, type PlannedItem } from './planned-item.js';

export function* planTaskKeys(srcIndex: number, src: ObjectTaskSource, after: string | undefined): Generator<PlannedItem> {
  const keys = [...new Set(src.keys)];
  const start = after === undefined ? 0 : keys.indexOf(after) + 1;
  for (const key of keys.slice(start)) {
    yield {
      id: itemId(srcIndex, key),
      srcIndex,
      cursor: key,
      source: { kind: 's3', connectionId: src.connectionId, bucket: src.bucket, key },
      relative: key,
      // The task learns the size when it reads the object.
      size: null,
    };
  }
}
