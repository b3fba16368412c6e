// The left-out entries a sync reports: each path counted once (a job's planner
// that starts again from its resume point walks some entries twice), the
// first twenty named, the rest counted.
import { describe, expect, it } from 'vitest';
import { LEFT_OUT_NAMED, LeftOutList } from '../../app/sync/left-out';

describe('LeftOutList', () => {
  it('says nothing while nothing is left out', () => {
    expect(new LeftOutList().snapshot()).toBeUndefined();
  });

  it('counts a path walked twice once, and names only the first twenty', () => {
    const list = new LeftOutList();
    const note = list.note; // handed over as a bare callback, as the planner's deps hold it
    for (let i = 0; i < 25; i++) note(`/data/pipe-${i}`, 'A named pipe (FIFO), not a file: only files are sent.');
    note('/data/pipe-3', 'A named pipe (FIFO), not a file: only files are sent.');
    const snap = list.snapshot();
    expect(snap?.count).toBe(25);
    expect(snap?.first).toHaveLength(LEFT_OUT_NAMED);
    expect(snap?.first[0]).toEqual({ path: '/data/pipe-0', reason: 'A named pipe (FIFO), not a file: only files are sent.' });
    // A snapshot is a copy: what the window holds does not change under it.
    note('/data/later', 'x');
    expect(snap?.count).toBe(25);
  });
});
