import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Entry } from '../../app/api/types';
import { filterEntries, naturalCompare, sortEntries } from '../../renderer/src/listing/listing-view';

const obj = (name: string, size = 0, lastModified = '2026-01-01T00:00:00.000Z', storageClass = 'STANDARD'): Entry => ({
  kind: 'object',
  name,
  id: `p/${name}`,
  size,
  lastModified,
  storageClass,
});
const folder = (name: string): Entry => ({ kind: 'folder', name, id: `p/${name}` });

describe('listing view', () => {
  it('sorts names the way people count, folders first either way round', () => {
    const rows = [obj('file10.txt'), obj('file2.txt'), folder('b/'), obj('File1.txt'), folder('a10/'), folder('a9/')];
    expect(sortEntries(rows, { column: 'name', descending: false }).map((e) => e.name)).toEqual([
      'a9/',
      'a10/',
      'b/',
      'File1.txt',
      'file2.txt',
      'file10.txt',
    ]);
    expect(sortEntries(rows, { column: 'name', descending: true }).map((e) => e.name)).toEqual([
      'b/',
      'a10/',
      'a9/',
      'file10.txt',
      'file2.txt',
      'File1.txt',
    ]);
  });

  it('sorts by size, date and storage class, names breaking ties', () => {
    const rows = [obj('c', 5, '2026-03-01T00:00:00Z', 'GLACIER'), obj('a', 5, '2026-01-01T00:00:00Z'), obj('b', 1, '2026-02-01T00:00:00Z')];
    expect(sortEntries(rows, { column: 'size', descending: false }).map((e) => e.name)).toEqual(['b', 'a', 'c']);
    expect(sortEntries(rows, { column: 'size', descending: true }).map((e) => e.name)).toEqual(['c', 'a', 'b']);
    expect(sortEntries(rows, { column: 'modified', descending: true }).map((e) => e.name)).toEqual(['c', 'b', 'a']);
    expect(sortEntries(rows, { column: 'storageClass', descending: false }).map((e) => e.name)).toEqual(['c', 'a', 'b']);
  });

  it('is a total order: any shuffle of the same rows sorts to the same result', () => {
    const rows = fc.array(
      fc.record({ name: fc.string({ minLength: 1, maxLength: 6 }), size: fc.nat(10) }).map((r) => obj(r.name, r.size)),
      { maxLength: 40 },
    );
    fc.assert(
      fc.property(rows, fc.boolean(), (list, descending) => {
        const unique = [...new Map(list.map((e) => [e.name, e])).values()];
        const once = sortEntries(unique, { column: 'size', descending });
        expect(sortEntries([...unique].reverse(), { column: 'size', descending })).toEqual(once);
      }),
    );
    expect(naturalCompare('a', 'A')).not.toBe(0);
  });

  it('filters on the name, any case, and keeps the array when there is no term', () => {
    const rows = [obj('Report-2026.csv'), obj('photo.jpg'), folder('reports/')];
    expect(filterEntries(rows, ' report ').map((e) => e.name)).toEqual(['Report-2026.csv', 'reports/']);
    expect(filterEntries(rows, '')).toBe(rows);
  });
});
