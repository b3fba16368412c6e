// Which panes a job's end refreshes: the places it changed, and no others.
import { describe, expect, it } from 'vitest';
import type { Location } from '../../app/api/types';
import { touchedPlaces } from '../../app/transfer/job/touched-places';

const s3 = (bucket: string, prefix: string, connectionId = 'c1'): Location => ({ kind: 's3', connectionId, bucket, prefix });

describe('touchedPlaces', () => {
  it('a copy of an object changes only the destination listing', () => {
    expect(touchedPlaces('copy', [{ kind: 's3', connectionId: 'c1', bucket: 'a', key: 'x/y.txt' }], s3('b', 'in/'))).toEqual([
      { location: s3('b', 'in/') },
    ]);
  });

  it('a copy of a folder changes the destination and everything below the folder it becomes', () => {
    expect(touchedPlaces('copy', [{ kind: 's3-prefix', connectionId: 'c1', bucket: 'a', prefix: 'x/photos/' }], s3('b', ''))).toEqual([
      { location: s3('b', '') },
      { location: s3('b', 'photos/'), under: true },
    ]);
    expect(touchedPlaces('copy', [{ kind: 'local', path: '/home/u/pics' }], { kind: 'local', path: '/mnt/backup/' })).toEqual([
      { location: { kind: 'local', path: '/mnt/backup/' } },
      { location: { kind: 'local', path: '/mnt/backup/pics' }, under: true },
    ]);
  });

  it('a rename (a move with a new name) changes its folder and what was and is below the renamed folder', () => {
    const places = touchedPlaces(
      'move',
      [{ kind: 's3-prefix', connectionId: 'c1', bucket: 'a', prefix: 'docs/old/', as: 'new' }],
      s3('a', 'docs/'),
    );
    expect(places).toEqual([
      { location: s3('a', 'docs/') },
      { location: s3('a', 'docs/new/'), under: true },
      { location: s3('a', 'docs/old/'), under: true },
    ]);
  });

  it('a delete changes where its keys were listed and below its folders, never its nominal destination', () => {
    const places = touchedPlaces(
      'delete',
      [
        { kind: 's3', connectionId: 'c1', bucket: 'a', key: 'logs/1.txt' },
        { kind: 's3-prefix', connectionId: 'c1', bucket: 'a', prefix: 'logs/old/' },
      ],
      s3('elsewhere', ''),
    );
    expect(places).toEqual([{ location: s3('a', 'logs/') }, { location: s3('a', 'logs/old/'), under: true }]);
  });

  it('emptying a whole bucket also changes the bucket list, where it disappears', () => {
    expect(touchedPlaces('delete', [{ kind: 's3-prefix', connectionId: 'c1', bucket: 'a', prefix: '' }], s3('a', ''))).toEqual([
      { location: s3('a', '') },
      { location: s3('a', ''), under: true },
      { location: s3('', '') },
    ]);
  });

  it('an edit changes the folders of its keys; a sync both sides', () => {
    const edit = {
      kind: 'object-task' as const,
      task: 't',
      connectionId: 'c1',
      bucket: 'a',
      keys: ['p/1', 'p/2', 'q/3'],
      args: {},
      label: 'x',
    };
    expect(touchedPlaces('edit', [edit], s3('a', ''))).toEqual([{ location: s3('a', 'p/') }, { location: s3('a', 'q/') }]);
    const sync = {
      kind: 'sync' as const,
      sync: { left: s3('a', 'l/'), right: s3('b', 'r/'), mode: 'two-way', delete: false, compare: {} },
    } as unknown as Parameters<typeof touchedPlaces>[1][number];
    expect(touchedPlaces('copy', [sync], s3('b', 'r/'))).toEqual([
      { location: s3('a', 'l/'), under: true },
      { location: s3('b', 'r/'), under: true },
    ]);
  });
});
