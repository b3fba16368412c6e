// V1 listing pages handed to V2 callers: where to go on, and what the page is.
import { describe, expect, it } from 'vitest';
import type { DirectSpec } from '../../app/s3/direct/prepared/commands';
import { asV2Page, isV1Page, v1Spec, withoutV1Fields } from '../../app/s3/direct/prepared/list-v1';

const asked = (query: Record<string, string>): DirectSpec => ({ method: 'GET', bucket: 'b', key: '', query, headers: {}, answer: 'list' });

describe('ListObjects V1 for V2 callers', () => {
  it('asks with marker where V2 would send a token or a key to start after', () => {
    expect(v1Spec(asked({ 'list-type': '2', prefix: 'p/', 'continuation-token': 'p/k9', 'max-keys': '1000' })).query).toEqual({
      prefix: 'p/',
      marker: 'p/k9',
      'max-keys': '1000',
    });
    expect(v1Spec(asked({ 'list-type': '2', 'start-after': 'a', 'fetch-owner': 'true' })).query).toEqual({ marker: 'a' });
    expect(v1Spec(asked({ 'list-type': '2' })).query).toEqual({});
  });

  it('tells a V1 page by its Marker and missing KeyCount', () => {
    expect(isV1Page({ Marker: '', IsTruncated: false })).toBe(true);
    expect(isV1Page({ KeyCount: 0, IsTruncated: false })).toBe(false);
    // A V2 page that leaves KeyCount out is still V2: it names no Marker.
    expect(isV1Page({ IsTruncated: false })).toBe(false);
    expect(withoutV1Fields({ KeyCount: 1, Marker: '' })).toEqual({ KeyCount: 1 });
  });

  it('goes on from NextMarker, decoded when the page is URL-encoded', () => {
    const page = asV2Page(
      { Marker: '', NextMarker: 'tree/caf%C3%A9+2/', IsTruncated: true, EncodingType: 'url', CommonPrefixes: [{ Prefix: 'tree/a/' }] },
      asked({ 'list-type': '2', 'continuation-token': 'tree/' }),
    );
    expect(page).toMatchObject({ NextContinuationToken: 'tree/café 2/', KeyCount: 1, ContinuationToken: 'tree/' });
    expect(page).not.toHaveProperty('Marker');
    expect(page).not.toHaveProperty('NextMarker');
  });

  it('without NextMarker, goes on from the later of the last key and the last folder, in UTF-8 order', () => {
    const page = asV2Page(
      { Marker: '', IsTruncated: true, Contents: [{ Key: 'a/\uffff' }], CommonPrefixes: [{ Prefix: 'a/\u{1f600}/' }] },
      asked({ 'list-type': '2' }),
    );
    // UTF-16 order puts U+FFFF last; S3's byte order puts the emoji (four bytes, F0…) after it (EF BF BF).
    expect(page.NextContinuationToken).toBe('a/\u{1f600}/');
    expect(asV2Page({ Marker: '', IsTruncated: false, Contents: [{ Key: 'x' }] }, asked({})).NextContinuationToken).toBeUndefined();
  });
});
