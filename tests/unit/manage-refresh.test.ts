// Which inspector queries a change refreshes: the details of objects (and
// local files) listed at a changed place, everything inside a renamed or
// deleted folder, a selection summary holding such a key; and nothing else.
import { describe, expect, it } from 'vitest';
import { inspectorShows, type Place } from '../../renderer/src/components/manage/places';

const at = (prefix: string, under = false): Place => ({
  location: { kind: 's3', connectionId: 'c1', bucket: 'b', prefix },
  ...(under ? { under } : {}),
});
const object = (key: string, bucket = 'b', connectionId = 'c1') => ['inspection', { kind: 's3', connectionId, bucket, key }];

describe('inspectorShows', () => {
  it('refreshes an object listed directly at the changed place', () => {
    expect(inspectorShows(object('docs/a.txt'), [at('docs/')])).toBe(true);
    expect(inspectorShows(['inspect', { kind: 's3', connectionId: 'c1', bucket: 'b', key: 'a.txt' }], [at('')])).toBe(true);
  });

  it('leaves deeper objects alone unless the place covers what is inside it', () => {
    expect(inspectorShows(object('docs/old/a.txt'), [at('docs/')])).toBe(false);
    expect(inspectorShows(object('docs/old/a.txt'), [at('docs/old/', true)])).toBe(true);
  });

  it('leaves other buckets, connections, prefixes and query kinds alone', () => {
    expect(inspectorShows(object('docs/a.txt', 'other'), [at('docs/')])).toBe(false);
    expect(inspectorShows(object('docs/a.txt', 'b', 'c2'), [at('docs/')])).toBe(false);
    expect(inspectorShows(object('logs/a.txt'), [at('docs/')])).toBe(false);
    expect(inspectorShows(['delete.summary', { kind: 's3', connectionId: 'c1', bucket: 'b' }], [at('')])).toBe(false);
    expect(inspectorShows(['listing', { kind: 's3', connectionId: 'c1', bucket: 'b', prefix: '' }], [at('')])).toBe(false);
  });

  it('refreshes a selection summary that holds a key at the place', () => {
    expect(inspectorShows(['inspection', 'summary', 'c1', 'b', ['x/1', 'docs/2']], [at('docs/')])).toBe(true);
    expect(inspectorShows(['inspection', 'summary', 'c1', 'b', ['x/1', 'x/2']], [at('docs/')])).toBe(false);
  });

  it('refreshes a local file shown in a changed folder', () => {
    const local = (path: string) => ['inspect', { kind: 'local', path }];
    const dir: Place = { location: { kind: 'local', path: '/home/u/docs' } };
    expect(inspectorShows(local('/home/u/docs/a.txt'), [dir])).toBe(true);
    expect(inspectorShows(local('/home/u/docs/sub/a.txt'), [dir])).toBe(false);
    expect(inspectorShows(local('/home/u/docs/sub/a.txt'), [{ ...dir, under: true }])).toBe(true);
    expect(inspectorShows(local('/home/u/docs2/a.txt'), [dir])).toBe(false);
  });
});
