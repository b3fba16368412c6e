/**
 * Reading a DeleteObjects answer on the direct path: entries in the SDK's
 * shape, a 200 that carries an <Error> handed back to be raised, and a
 * broken answer refused whole (no key of that batch counts as deleted).
 */
import { describe, expect, it } from 'vitest';
import { parseDeleteAnswer } from '../../app/s3/direct/prepared/delete-parser';
import { FerryError } from '../../app/api/errors';

describe('parseDeleteAnswer', () => {
  it('reads deleted keys, delete markers and per-key errors, entities resolved', () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<DeleteResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
  <Deleted><Key>one &amp; two.txt</Key></Deleted>
  <Deleted><Key>v</Key><VersionId>3</VersionId><DeleteMarker>true</DeleteMarker><DeleteMarkerVersionId>4</DeleteMarkerVersionId></Deleted>
  <Error><Key>locked &lt;x&gt;</Key><Code>AccessDenied</Code><Message>Access Denied.</Message></Error>
</DeleteResult>`;
    expect(parseDeleteAnswer(xml)).toEqual({
      Deleted: [{ Key: 'one & two.txt' }, { Key: 'v', VersionId: '3', DeleteMarker: true, DeleteMarkerVersionId: '4' }],
      Errors: [{ Key: 'locked <x>', Code: 'AccessDenied', Message: 'Access Denied.' }],
    });
    expect(parseDeleteAnswer('<DeleteResult/>')).toEqual({});
  });

  it('hands back an error document sent with a 200, and refuses a broken or foreign answer', () => {
    expect(parseDeleteAnswer('<Error><Code>InternalError</Code></Error>')).toEqual({ isError: true });
    for (const broken of ['<DeleteResult><Deleted><Key>a</Key></DeleteResult>', '<ListBucketResult/>', '']) {
      let caught: unknown;
      try {
        parseDeleteAnswer(broken);
      } catch (err) {
        caught = err;
      }
      expect(caught).toBeInstanceOf(FerryError);
      expect((caught as FerryError).message).toMatch(/broken answer to a delete .*no key in that batch counts as deleted/);
    }
  });
});
