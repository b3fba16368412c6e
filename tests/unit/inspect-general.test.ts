import { describe, expect, it } from 'vitest';
import { etagKind, metadataBytes, parseRestore } from '../../app/inspect/general';
import { shared } from '../../app/inspect/selection-summary';

describe('the General section', () => {
  it('tells a plain MD5 ETag from a multipart one and counts its parts', () => {
    expect(etagKind('"9e107d9d372bb6826bd81d3542a419d6"')).toEqual({ etagKind: 'md5' });
    expect(etagKind('"9e107d9d372bb6826bd81d3542a419d6-12"')).toEqual({ etagKind: 'multipart', partCount: 12 });
    expect(etagKind('"not-an-md5"')).toEqual({ etagKind: 'other' });
    expect(etagKind(undefined)).toEqual({ etagKind: 'none' });
  });

  it('reads the restore state of an archived object', () => {
    expect(parseRestore('ongoing-request="true"')).toEqual({ ongoing: true });
    expect(parseRestore('ongoing-request="false", expiry-date="Fri, 21 Dec 2012 00:00:00 GMT"')).toEqual({
      ongoing: false,
      expiry: '2012-12-21T00:00:00.000Z',
    });
    expect(parseRestore(undefined)).toBeUndefined();
  });

  it('counts user metadata in UTF-8 bytes of names and values', () => {
    expect(metadataBytes({ owner: 'ada', ä: 'ü' })).toBe(5 + 3 + 2 + 2);
  });

  it('folds a selection into shared values or mixed, absent counting as none', () => {
    expect(shared(['a', 'a'])).toEqual({ same: true, value: 'a' });
    expect(shared(['a', 'b'])).toEqual({ same: false });
    expect(shared(['a', undefined])).toEqual({ same: false });
    expect(shared([undefined, undefined])).toEqual({ same: true, value: null });
  });
});
