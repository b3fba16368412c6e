// A rename is a move whose source carries the new name (`as`): its journal
// header must come back on restore with that name, and nothing else may
// ride along on a stored source.
import { describe, expect, it } from 'vitest';
import { jobHeaderSchema } from '../../app/transfer/journal-records';

const header = (source: Record<string, unknown>) => ({
  t: 'job',
  v: 1,
  id: 'j1',
  mode: 'move',
  label: 'photos/ → pictures/',
  sources: [source],
  destination: { kind: 's3', connectionId: 'c', bucket: 'b', prefix: 'a/' },
  conflict: 'overwrite',
  startedAt: 1,
  connections: {},
});

describe('a rename in the journal', () => {
  it('keeps the new name of a folder and of an object', () => {
    const folder = { kind: 's3-prefix', connectionId: 'c', bucket: 'b', prefix: 'a/photos/', as: 'pictures' };
    expect(jobHeaderSchema.parse(header(folder)).sources[0]).toEqual(folder);
    const object = { kind: 's3', connectionId: 'c', bucket: 'b', key: 'a/x.txt', as: 'y.txt' };
    expect(jobHeaderSchema.parse(header(object)).sources[0]).toEqual(object);
  });

  it('still refuses what transfer.start would refuse, and a name that is not one', () => {
    expect(jobHeaderSchema.safeParse(header({ kind: 's3', connectionId: 'c', bucket: 'b', key: 'k', extra: 1 })).success).toBe(false);
    expect(jobHeaderSchema.safeParse(header({ kind: 's3', connectionId: 'c', bucket: 'b', key: 'k', as: 5 })).success).toBe(false);
    expect(jobHeaderSchema.safeParse(header({ kind: 's3', connectionId: 'c', bucket: 'b', key: 'k', as: '' })).success).toBe(false);
    expect(jobHeaderSchema.safeParse(header({ kind: 'ftp', path: '/x' })).success).toBe(false);
  });
});
