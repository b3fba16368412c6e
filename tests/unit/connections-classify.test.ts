// The classifier behind "Test connection", for the faults that cannot be made
// on loopback (expired tokens, AWS's redirects, other servers' error names).
// Inputs have the shape the SDK gives its service errors.
import { describe, expect, it } from 'vitest';
import { classifyS3Error } from '../../app/diagnostics/classify-s3-error';
import { readChecksumRefusal } from '../../app/probe/capability-probe';

const ctx = { accessKeyId: 'AKIDEXAMPLE', region: 'us-east-1', signedAt: Date.parse('2026-01-01T12:00:00Z'), listing: true };
const sdkError = (name: string, status: number, extra: object = {}) => ({
  name,
  message: `${name} happened`,
  $metadata: { httpStatusCode: status },
  ...extra,
});

describe('classifying S3 error answers', () => {
  it.each([
    ['InvalidAccessKeyId', 403, 'wrong-key-id'],
    ['XAdminUserNotFound', 404, 'wrong-key-id'],
    ['InvalidClientTokenId', 403, 'wrong-key-id'],
    ['SignatureDoesNotMatch', 403, 'wrong-secret'],
    ['ExpiredToken', 400, 'expired-token'],
    ['TokenRefreshRequired', 400, 'expired-token'],
    ['InvalidToken', 400, 'invalid-token'],
    ['AccessDenied', 403, 'list-buckets-denied'],
    ['InternalError', 500, 'server-error'],
    ['Unknown', 404, 'not-s3'],
  ])('%s (HTTP %i) is %s', (name, status, code) => {
    expect(classifyS3Error(sdkError(name, status), ctx).code).toBe(code);
  });

  it('a refused signature says where to fix the secret: pasted into Ferry, or in the AWS profile it came from', () => {
    expect(classifyS3Error(sdkError('SignatureDoesNotMatch', 403), ctx).message).toContain('Paste the secret again.');
    const fromProfile = classifyS3Error(sdkError('SignatureDoesNotMatch', 403), { ...ctx, awsProfile: 'stale' });
    expect(fromProfile.message).toContain('Correct aws_secret_access_key of AWS profile "stale" in its credentials file.');
    expect(fromProfile.message).not.toContain('Paste');
  });

  it('measures clock skew from the server time in the answer', () => {
    const found = classifyS3Error(sdkError('RequestTimeTooSkewed', 403, { ServerTime: '2026-01-01T11:40:00Z' }), ctx);
    expect(found).toMatchObject({ code: 'clock-skew', clockOffsetMs: -20 * 60_000 });
    expect(found.message).toContain("20 minutes ahead of the server's");
  });

  it('names the region a 301 or a malformed-authorization answer asks for', () => {
    const redirect = classifyS3Error(
      sdkError('PermanentRedirect', 301, { $response: { headers: { 'x-amz-bucket-region': 'eu-central-1' } } }),
      ctx,
    );
    expect(redirect).toMatchObject({ code: 'wrong-region' });
    expect(redirect.message).toContain('expects region eu-central-1, not us-east-1');
    const malformed = classifyS3Error(
      { ...sdkError('AuthorizationHeaderMalformed', 400), message: "the region is wrong; expecting 'ap-south-1'." },
      ctx,
    );
    expect(malformed.message).toContain('ap-south-1');
  });

  it('an access denial outside the bucket list is about the bucket', () => {
    expect(classifyS3Error(sdkError('AccessDenied', 403), { ...ctx, listing: false }).code).toBe('bucket-denied');
    expect(classifyS3Error(sdkError('NoSuchBucket', 404), { ...ctx, listing: false }).code).toBe('bucket-not-found');
  });
});

describe('the checksum probe’s reading of a refused PUT', () => {
  it.each([
    [sdkError('BadDigest', 400), 'verified'],
    [sdkError('XAmzContentChecksumMismatch', 400), 'verified'],
    [sdkError('NotImplemented', 501), 'rejected'],
    [{ ...sdkError('InvalidArgument', 400), message: 'Unsupported header x-amz-checksum-crc32 received for this API call.' }, 'rejected'],
    [sdkError('AccessDenied', 403), 'unknown'],
  ])('%o means %s', (err, checksums) => {
    expect(readChecksumRefusal(err).checksums).toBe(checksums);
  });
});
