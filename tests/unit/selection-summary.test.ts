import { describe, expect, it } from 'vitest';
import type { Entry } from '../../app/api/types';
import { selectionSummary } from '../../renderer/src/listing/selection-summary';

const object = (name: string, size: number): Entry => ({ kind: 'object', name, id: name, size });
const folder = (name: string): Entry => ({ kind: 'folder', name, id: name });

describe("a pane's selection, as its status line says it", () => {
  it('counts the bytes of files and objects', () => {
    expect(selectionSummary([object('a', 1024), { kind: 'file', name: 'b', id: '/b', size: 1024 }])).toBe('2 selected (2.0 KiB)');
  });

  it('gives no size for folders or buckets alone: theirs is not listed, and "0 B" would be false', () => {
    expect(selectionSummary([folder('sub/')])).toBe('1 selected');
    expect(selectionSummary([{ kind: 'bucket', name: 'b', id: 'b' }, folder('x/')])).toBe('2 selected');
  });

  it('says whose bytes it counted when folders are selected with files', () => {
    expect(selectionSummary([folder('sub/'), object('a', 2048)])).toBe('2 selected (2.0 KiB in 1 file)');
    expect(selectionSummary([folder('sub/'), object('a', 0), object('b', 5)])).toBe('3 selected (5 B in 2 files)');
  });

  it('counts an empty object as the file it is', () => {
    expect(selectionSummary([object('empty', 0)])).toBe('1 selected (0 B)');
  });
});
