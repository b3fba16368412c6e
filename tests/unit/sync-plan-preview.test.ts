// What the window previews for each compare row under each kind of sync: the
// action a user decides by (upload, overwrite, delete, conflict, skip), which
// way it goes, and the counts and first rows the tally keeps.
import { describe, expect, it } from 'vitest';
import type { CompareRow } from '../../app/api/types';
import { PREVIEW_FIRST, previewFor, PreviewTally } from '../../app/sync/plan-preview';

const old = { size: 10, mtime: 1_000_000 };
const recent = { size: 20, mtime: 1_010_000 };
const rows: Record<string, CompareRow> = {
  onlyLeft: { key: 'a', cls: 'only-left', reason: 'missing', left: old },
  onlyRight: { key: 'b', cls: 'only-right', reason: 'missing', right: old },
  leftNewer: { key: 'c', cls: 'different', reason: 'size', left: recent, right: old },
  rightNewer: { key: 'd', cls: 'different', reason: 'size', left: old, right: recent },
  sameTime: { key: 'e', cls: 'different', reason: 'size', left: old, right: { size: 30, mtime: old.mtime + 1500 } },
  unknown: { key: 'f', cls: 'unknown', reason: 'multipart-etag', left: old, right: old },
  same: { key: 'g', cls: 'same', reason: 'etag', left: old, right: old },
};

const view = (row: CompareRow, mode: 'mirror' | 'newer', del = false) => {
  const p = previewFor(row, { mode, delete: del });
  return p && `${p.action}:${p.toward ?? '-'}`;
};

describe('sync preview', () => {
  it('one way: uploads, overwrites, keeps or deletes what only the destination has, skips the unknown', () => {
    expect(Object.values(rows).map((r) => view(r, 'mirror'))).toEqual([
      'upload:right',
      'skip:-',
      'overwrite:right',
      'overwrite:right',
      'overwrite:right',
      'skip:-',
      null,
    ]);
    expect(view(rows.onlyRight as CompareRow, 'mirror', true)).toBe('delete:right');
  });

  it('both ways: the newer side wins, times within 2 s are a conflict, nothing is deleted', () => {
    expect(Object.values(rows).map((r) => view(r, 'newer'))).toEqual([
      'upload:right',
      'upload:left',
      'overwrite:right',
      'overwrite:left',
      'conflict:-',
      'skip:-',
      null,
    ]);
  });

  it('counts every row and keeps only the first rows of each action, with the bytes that move', () => {
    const tally = new PreviewTally();
    for (let i = 0; i < PREVIEW_FIRST + 5; i++) {
      tally.add(previewFor({ key: `k${i}`, cls: 'only-left', reason: 'missing', left: { size: 3 } }, { mode: 'mirror', delete: false }));
    }
    tally.add(previewFor(rows.rightNewer as CompareRow, { mode: 'newer', delete: false }));
    tally.add(previewFor(rows.same as CompareRow, { mode: 'newer', delete: false }));
    const snap = tally.snapshot();
    expect(snap.counts.upload).toEqual({ count: PREVIEW_FIRST + 5, bytes: 3 * (PREVIEW_FIRST + 5) });
    expect(snap.first.upload.map((r) => r.key)).toEqual(Array.from({ length: PREVIEW_FIRST }, (_, i) => `k${i}`));
    expect(snap.counts.overwrite).toEqual({ count: 1, bytes: recent.size });
    expect(snap.counts.delete.count + snap.counts.conflict.count + snap.counts.skip.count).toBe(0);
    // A snapshot does not move when the tally goes on.
    tally.add(previewFor(rows.onlyLeft as CompareRow, { mode: 'mirror', delete: false }));
    expect(snap.counts.upload.count).toBe(PREVIEW_FIRST + 5);
  });
});
