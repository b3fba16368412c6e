/**
 * Names the fault behind an S3 error answer during "Test connection". The
 * codes differ between servers (versitygw answers an unknown key id with
 * XAdminUserNotFound, AWS with InvalidAccessKeyId), so each fault lists the
 * names that mean it.
 */
import type { DiagnosticCode } from '../api/connection-types.js';

export interface S3ErrorLike {
  name?: string;
  code?: string;
  message?: string;
  ServerTime?: string;
  $metadata?: { httpStatusCode?: number };
  $response?: { headers?: Record<string, string | undefined> };
}

export interface Classified {
  code: DiagnosticCode;
  message: string;
  offer?: 'enter-bucket' | 'use-https';
  clockOffsetMs?: number;
}

const WRONG_KEY = new Set([
  'InvalidAccessKeyId',
  'XAdminUserNotFound',
  'InvalidClientTokenId',
  'AccessKeyIdInvalid',
  'UnrecognizedClientException',
]);
const WRONG_SECRET = new Set(['SignatureDoesNotMatch', 'SignatureMismatch']);
const EXPIRED = new Set(['ExpiredToken', 'ExpiredTokenException', 'TokenRefreshRequired', 'XAmzSecurityTokenExpired']);
const BAD_TOKEN = new Set(['InvalidToken', 'InvalidTokenId', 'InvalidSecurityToken']);
const SKEW = new Set(['RequestTimeTooSkewed', 'RequestExpired']);
const DENIED = new Set(['AccessDenied', 'Forbidden', 'AllAccessDisabled']);

function minutes(ms: number): string {
  const abs = Math.abs(ms);
  const text =
    abs >= 3_600_000
      ? `${(abs / 3_600_000).toFixed(1)} hours`
      : abs >= 60_000
        ? `${Math.round(abs / 60_000)} minutes`
        : `${Math.round(abs / 1000)} seconds`;
  return `${text} ${ms > 0 ? 'behind' : 'ahead of'}`;
}

/** Server time minus the time the request was signed with. */
export function measuredOffset(err: S3ErrorLike, signedAt: number): number | undefined {
  const serverTime = err.ServerTime ?? err.$response?.headers?.date;
  const parsed = serverTime ? Date.parse(serverTime) : Number.NaN;
  return Number.isNaN(parsed) ? undefined : parsed - signedAt;
}

export function describeOffset(offsetMs: number): string {
  return `this computer's clock is ${minutes(offsetMs)} the server's`;
}

export function classifyS3Error(
  err: S3ErrorLike,
  ctx: { accessKeyId: string; region: string; signedAt: number; listing: boolean; awsProfile?: string },
): Classified {
  const name = err.name ?? err.code ?? '';
  const status = err.$metadata?.httpStatusCode;
  if (WRONG_KEY.has(name)) {
    return {
      code: 'wrong-key-id',
      message: `The server does not know the access key id ${ctx.accessKeyId}. Check it for typos, or whether the key was deleted.`,
    };
  }
  if (WRONG_SECRET.has(name)) {
    return {
      code: 'wrong-secret',
      message: `The secret key does not match access key ${ctx.accessKeyId} (the request signature was refused). ${
        // Keys from an AWS profile are fixed where they live, not pasted into Ferry.
        ctx.awsProfile
          ? `Correct aws_secret_access_key of AWS profile "${ctx.awsProfile}" in its credentials file.`
          : 'Paste the secret again.'
      }`,
    };
  }
  if (EXPIRED.has(name)) {
    return {
      code: 'expired-token',
      message: 'The session token has expired. Get fresh temporary credentials (for SSO: aws sso login) and test again.',
    };
  }
  if (BAD_TOKEN.has(name)) {
    return {
      code: 'invalid-token',
      message: 'The server refused the session token. Temporary keys need the token issued with them; permanent keys need none.',
    };
  }
  if (SKEW.has(name)) {
    const offset = measuredOffset(err, ctx.signedAt);
    return {
      code: 'clock-skew',
      message:
        offset === undefined
          ? "The server refused the request's time: this computer's clock is off. Set it automatically (NTP) and test again."
          : `The server refused the request's time: ${describeOffset(offset)}. Set the clock automatically (NTP) and test again.`,
      ...(offset !== undefined ? { clockOffsetMs: offset } : {}),
    };
  }
  if (name === 'AuthorizationHeaderMalformed' || name === 'PermanentRedirect' || status === 301) {
    const expected = err.$response?.headers?.['x-amz-bucket-region'] ?? /expecting '?"?([a-z0-9-]+)/i.exec(err.message ?? '')?.[1];
    return {
      code: 'wrong-region',
      message: expected
        ? `The server expects region ${expected}, not ${ctx.region}. Change the region and test again.`
        : `The server refused region ${ctx.region}: ${err.message ?? name}`,
    };
  }
  if (DENIED.has(name) || status === 403) {
    return ctx.listing
      ? {
          code: 'list-buckets-denied',
          offer: 'enter-bucket',
          message: 'The keys work, but may not list buckets. Enter the name of a bucket you may use, and Ferry will open it directly.',
        }
      : { code: 'bucket-denied', message: `The keys work, but may not read this bucket (${name || 'HTTP 403'}).` };
  }
  if (name === 'NoSuchBucket' || (!ctx.listing && status === 404)) {
    return { code: 'bucket-not-found', message: 'There is no bucket of that name at this endpoint (check the name and the region).' };
  }
  if (status === 400 && /http request to an https server/i.test(err.message ?? '')) {
    return { code: 'not-s3', offer: 'use-https', message: 'The server expects HTTPS on this port: use an https:// endpoint.' };
  }
  if (status !== undefined && status >= 500) {
    return {
      code: 'server-error',
      message: `The server failed with HTTP ${status} (${name || 'no error code'}). Try again later, or ask its operator.`,
    };
  }
  if (status !== undefined && (name === 'Unknown' || name === '' || name === 'UnknownError' || status === 404 || status === 405)) {
    return {
      code: 'not-s3',
      message: `The endpoint answered HTTP ${status} but not like an S3 server. Check the URL (and its port and path).`,
    };
  }
  return {
    code: 'server-error',
    message: `The server refused the request: ${name || 'error'}${status ? ` (HTTP ${status})` : ''}: ${err.message ?? ''}`.trim(),
  };
}
