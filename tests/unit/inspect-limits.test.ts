import { describe, expect, it } from 'vitest';
import { applyPairs, checkEdit, checkMetadata, checkTags } from '../../app/inspect/limits';
import { copyPartSize } from '../../app/inspect/part-copy';
import { DEFAULT_LIMITS } from '../../app/api/connection-types';

describe("S3's limits on tags and metadata", () => {
  it('takes ten tags of full length in any script, and refuses an eleventh', () => {
    const ten = Array.from({ length: 10 }, (_, i) => ({ key: `ключ${i}`.padEnd(128, 'k'), value: 'wert: ä/b@c+d=e_f.g'.padEnd(256, 'v') }));
    expect(() => checkTags(ten)).not.toThrow();
    expect(() => checkTags([...ten, { key: 'x', value: '' }])).toThrow(/at most 10 tags; this would give it 11/);
  });

  it('counts characters, not bytes, for tag lengths', () => {
    expect(() => checkTags([{ key: 'ü'.repeat(128), value: '' }])).not.toThrow();
    expect(() => checkTags([{ key: 'ü'.repeat(129), value: '' }])).toThrow(/over 128 characters/);
  });

  it('refuses duplicate, empty and disallowed tag keys', () => {
    expect(() => checkTags([{ key: '', value: 'v' }])).toThrow(/cannot be empty/);
    expect(() => checkTags([{ key: 'a&b', value: 'v' }])).toThrow(/does not allow/);
    expect(() =>
      checkTags([
        { key: 'a', value: 'x' },
        { key: 'a', value: 'y' },
      ]),
    ).toThrow(/twice/);
  });

  it('allows exactly 2 KB of metadata and no more', () => {
    expect(() => checkMetadata({ a: 'x'.repeat(2047) })).not.toThrow();
    expect(() => checkMetadata({ a: 'x'.repeat(2048) })).toThrow(/2048 bytes \(2 KB, names and values\); this would be 2049/);
  });

  it('refuses a storage class that is not a name', () => {
    expect(() => checkEdit({ storageClass: 'cheap please' })).toThrow(/not a storage class/);
    expect(() => checkEdit({ storageClass: 'STANDARD_IA' })).not.toThrow();
  });

  it('merges put and remove, metadata names in lower case', () => {
    expect(applyPairs({ Owner: 'a', keep: 'k' }, { put: { OWNER: 'b' }, remove: ['Keep'] }, true)).toEqual({ owner: 'b' });
    expect(applyPairs({ Team: 'a' }, { remove: ['team'] }, false)).toEqual({ Team: 'a' });
  });

  it('grows copy parts until the object fits the part count', () => {
    const limits = { ...DEFAULT_LIMITS, maxParts: 1000 };
    expect(copyPartSize(10 * 1024 ** 3, 5 * 1024 ** 2, limits)).toBe(20 * 1024 ** 2);
    expect(copyPartSize(1, 1, limits)).toBe(limits.minPartBytes);
  });
});
