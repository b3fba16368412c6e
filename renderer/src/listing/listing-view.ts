/**
 * What a pane shows of its loaded rows: filtered by a typed term and sorted
 * by a column, folders (and buckets) always first. Names sort in natural
 * order ("file2" before "file10"), the way people count, with the key's own
 * order breaking ties so the result is total and stable.
 */
import type { Entry } from '../../../app/api/types';
import type { ColumnId } from './columns';

export type SortColumn = Exclude<ColumnId, 'etag'>;
export interface SortOrder {
  column: SortColumn;
  descending: boolean;
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

export function naturalCompare(a: string, b: string): number {
  const c = collator.compare(a, b);
  if (c !== 0) return c;
  return a < b ? -1 : a > b ? 1 : 0;
}

const container = (e: Entry) => e.kind === 'folder' || e.kind === 'bucket';

const kindOrder: Record<Entry['kind'], number> = { bucket: 0, folder: 1, object: 2, file: 3 };

function compareBy(column: SortColumn, a: Entry, b: Entry): number {
  switch (column) {
    case 'name':
      return 0;
    case 'size':
      return (a.size ?? -1) - (b.size ?? -1);
    case 'modified':
      return (a.lastModified ?? '').localeCompare(b.lastModified ?? '');
    case 'kind':
      return kindOrder[a.kind] - kindOrder[b.kind];
    case 'storageClass':
      return naturalCompare(a.storageClass ?? '', b.storageClass ?? '');
    default: {
      const unknown: never = column;
      throw new Error(`unknown sort column ${String(unknown)}`);
    }
  }
}

export function sortEntries(entries: readonly Entry[], order: SortOrder): Entry[] {
  const sign = order.descending ? -1 : 1;
  return [...entries].sort((a, b) => {
    const ca = container(a);
    if (ca !== container(b)) return ca ? -1 : 1;
    const by = compareBy(order.column, a, b);
    if (by !== 0) return by * sign;
    return naturalCompare(a.name, b.name) * sign;
  });
}

/** Rows whose shown name contains the term, ignoring case. */
export function filterEntries(entries: readonly Entry[], term: string): readonly Entry[] {
  const t = term.trim().toLocaleLowerCase();
  if (!t) return entries;
  return entries.filter((e) => e.name.toLocaleLowerCase().includes(t));
}

/**
 * The rows to show. With no sort chosen the listing's own order stands
 * (folders first, then keys as the server returns them), which costs nothing
 * on a million rows; a chosen sort re-sorts what has arrived.
 */
export function viewOf(entries: readonly Entry[], term: string, order: SortOrder | null): readonly Entry[] {
  const kept = filterEntries(entries, term);
  return order ? sortEntries(kept, order) : kept;
}
