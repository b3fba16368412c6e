// A missing bucket reaches the user named, whichever path met it; a server that leaves the name out still gets words.
import { describe, expect, it } from 'vitest';
import { toFerryError } from '../../app/s3/requests/error-mapping.js';

const noSuchBucket = (extra: Record<string, unknown>) =>
  Object.assign(new Error('The specified bucket does not exist'), { name: 'NoSuchBucket', $metadata: { httpStatusCode: 404 }, ...extra });

describe('NoSuchBucket', () => {
  it('names the bucket the server named', () => {
    expect(toFerryError(noSuchBucket({ BucketName: 'photos-2026' })).toData()).toEqual({
      code: 'not-found',
      message: 'The bucket "photos-2026" does not exist: it may have been deleted, or its name is mistyped.',
      retryable: false,
      details: { s3Code: 'NoSuchBucket' },
    });
  });

  it('says the same without a name when the server gives none', () => {
    const e = toFerryError(noSuchBucket({}));
    expect(e.message).toBe('The bucket does not exist: it may have been deleted, or its name is mistyped.');
    expect(e.code).toBe('not-found');
  });
});

describe('InvalidBucketName', () => {
  const refused = (extra: Record<string, unknown>) =>
    Object.assign(new Error('The specified bucket is not valid.'), {
      name: 'InvalidBucketName',
      $metadata: { httpStatusCode: 400 },
      ...extra,
    });

  it('names the refused bucket and the rule most servers apply, not the server code', () => {
    const e = toFerryError(refused({ BucketName: 'My_Photos' }));
    expect(e.code).toBe('invalid-arguments');
    expect(e.retryable).toBe(false);
    expect(e.details).toEqual({ s3Code: 'InvalidBucketName' });
    expect(e.message).toBe(
      'The server does not accept "My_Photos" as a bucket name: most servers take 3 to 63 lower-case letters, digits, dots and hyphens. Check the name for a typo.',
    );
  });

  it('still says what is wrong when no name came with it', () => {
    expect(toFerryError(refused({})).message).toMatch(/^The server does not accept this name as a bucket name: /);
  });
});
