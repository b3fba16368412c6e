/** An object task's items: one per key in the order chosen, duplicates once, a resume starting after its cursor. */
import { describe, expect, it } from 'vitest';
import type { ObjectTaskSource } from '../../app/api/types';
import { planTaskKeys } from '../../app/transfer/plan/task-items';

const source: ObjectTaskSource = {
  kind: 'object-task',
  task: 'inspect.edit',
  connectionId: 'c1',
  bucket: 'photos',
  keys: ['b.jpg', 'a.jpg', 'b.jpg', 'dir/c.jpg'],
  args: {},
  label: 'tags of 3 objects in photos',
};

describe('planTaskKeys', () => {
  it('plans each key once, in the order chosen, with ids a restart can recognise', () => {
    const items = [...planTaskKeys(2, source, undefined)];
    expect(items.map((i) => i.cursor)).toEqual(['b.jpg', 'a.jpg', 'dir/c.jpg']);
    expect(items[0]).toEqual({
      id: '2:b.jpg',
      srcIndex: 2,
      cursor: 'b.jpg',
      source: { kind: 's3', connectionId: 'c1', bucket: 'photos', key: 'b.jpg' },
      relative: 'b.jpg',
      size: null,
    });
  });

  it('resumes just after the last key finished, by position rather than by name order', () => {
    expect([...planTaskKeys(0, source, 'b.jpg')].map((i) => i.cursor)).toEqual(['a.jpg', 'dir/c.jpg']);
    expect([...planTaskKeys(0, source, 'a.jpg')].map((i) => i.cursor)).toEqual(['dir/c.jpg']);
    expect([...planTaskKeys(0, source, 'dir/c.jpg')]).toEqual([]);
  });
});
