import { describe, expect, it } from 'vitest';
import { childLocation, crumbs, parentLocation } from '../../renderer/src/location';

const s3 = { kind: 's3' as const, connectionId: 'c1', bucket: 'photos', prefix: '2024/summer/' };

describe('pane locations', () => {
  it('builds breadcrumbs from connection to the deepest prefix', () => {
    expect(crumbs(s3, 'MinIO').map((c) => c.label)).toEqual(['MinIO', 'photos', '2024', 'summer']);
    expect(crumbs(s3, 'MinIO')[2]?.location).toEqual({ ...s3, prefix: '2024/' });
  });

  it('keeps empty segments of keys like a//b as their own level', () => {
    expect(crumbs({ ...s3, prefix: 'a//' }, 'M').map((c) => c.label)).toEqual(['M', 'photos', 'a', '(empty)']);
  });

  it('walks local paths and their parents', () => {
    const trail = crumbs({ kind: 'local', path: '/home/ada/data' }, '');
    expect(trail.map((c) => c.label)).toEqual(['Local /', 'home', 'ada', 'data']);
    expect(parentLocation({ kind: 'local', path: '/home/ada' }, '')).toEqual({ kind: 'local', path: '/home' });
    expect(parentLocation({ kind: 'local', path: '/' }, '')).toBeNull();
  });

  it('opens buckets and folders, not objects', () => {
    const root = { ...s3, bucket: '', prefix: '' };
    expect(childLocation(root, { kind: 'bucket', name: 'logs', id: 'logs' })).toEqual({ ...root, bucket: 'logs' });
    expect(childLocation(s3, { kind: 'folder', name: 'x/', id: '2024/summer/x/' })).toEqual({ ...s3, prefix: '2024/summer/x/' });
    expect(childLocation(s3, { kind: 'object', name: 'a.jpg', id: '2024/summer/a.jpg' })).toBeNull();
  });
});
