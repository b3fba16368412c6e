/**
 * Turns whatever a handler threw (SDK service errors, Node system errors,
 * Ferry's own errors) into one FerryError with a code the UI can act on.
 */
import { FerryError, type ErrorCode } from '../../api/errors.js';
import { isClientConnectTimeout } from './refused-endpoints.js';

interface ServiceLike {
  name?: string;
  code?: string;
  message?: string;
  /** The bucket a NoSuchBucket names, where the server's error says it (MinIO and AWS do). */
  BucketName?: unknown;
  $metadata?: { httpStatusCode?: number };
  $retryable?: unknown;
}

const s3Codes: Record<string, ErrorCode> = {
  NoSuchKey: 'not-found',
  NoSuchBucket: 'not-found',
  NotFound: 'not-found',
  AccessDenied: 'access-denied',
  Forbidden: 'access-denied',
  InvalidAccessKeyId: 'invalid-credentials',
  SignatureDoesNotMatch: 'invalid-credentials',
  ExpiredToken: 'invalid-credentials',
  RequestTimeTooSkewed: 'invalid-credentials',
  BucketAlreadyExists: 'conflict',
  BucketAlreadyOwnedByYou: 'conflict',
  PreconditionFailed: 'conflict',
  SlowDown: 'server',
  ServiceUnavailable: 'server',
  InternalError: 'server',
};

const networkCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH']);
const fsCodes = new Set(['ENOENT', 'EACCES', 'EPERM', 'ENOSPC', 'EFBIG', 'EISDIR', 'ENOTDIR', 'EEXIST', 'EROFS']);

/** Certificate checks Node's TLS refuses with, and what each means to someone who set up the connection. */
const certificateFaults: Record<string, string> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'is self-signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'comes from a certificate authority this computer does not trust',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'comes from a certificate authority this computer does not trust',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'comes from a certificate authority this computer does not trust',
  CERT_HAS_EXPIRED: 'has expired',
  CERT_NOT_YET_VALID: "is not valid yet (check this computer's clock)",
  ERR_TLS_CERT_ALTNAME_INVALID: 'is for another host name',
};

/**
 * Failures of TLS itself, in words that say what to change: Node's own ("write EPROTO …:ssl3_get_record:wrong
 * version number") name OpenSSL's routine, not the http:// the endpoint needed.
 */
function tlsError(err: unknown, code: string, message: string): FerryError | undefined {
  const fault = certificateFaults[code];
  if (fault) {
    const trust =
      fault.includes('trust') || fault.includes('self-signed')
        ? ' If you trust this server, give the connection its CA certificate (CA file).'
        : '';
    return new FerryError('network', `The server's TLS certificate ${fault} (${code}), so Ferry did not send the request.${trust}`, {
      details: { errno: code },
      cause: err,
    });
  }
  if ((code === 'EPROTO' || code.startsWith('ERR_SSL')) && /wrong version number|packet length too long|http request/i.test(message)) {
    return new FerryError(
      'network',
      'The server answers in plain HTTP, not TLS: its endpoint should start with http:// (or name the port where it serves HTTPS).',
      { details: { errno: code }, cause: err },
    );
  }
  return undefined;
}

/** Whether `err` is a TLS failure every request to that endpoint would meet alike (a certificate, plain HTTP). */
export function isTlsFault(err: unknown): boolean {
  const e = (typeof err === 'object' && err !== null ? err : {}) as { code?: unknown; message?: unknown };
  return typeof e.code === 'string' && tlsError(err, e.code, typeof e.message === 'string' ? e.message : '') !== undefined;
}

/** The S3 client's timeouts, in words about the server rather than about the library that noticed. */
function timeoutMessage(err: unknown, message: string): string {
  const ms = Number(/(\d+) ?ms/.exec(message)?.[1]);
  const after = Number.isFinite(ms) && ms > 0 ? ` within ${ms / 1000} s` : '';
  if (isClientConnectTimeout(err)) {
    return `No connection to the server could be made${after}: a firewall may be dropping it, or the host is down.`;
  }
  if (/inactivity/i.test(message)) return `The server stopped answering: nothing arrived${after}, so the request was cut.`;
  return `The server did not answer${after}.`;
}

const REDIRECTS: Record<number, string> = {
  301: 'moved permanently',
  302: 'found elsewhere',
  303: 'see other',
  307: 'temporary redirect',
  308: 'permanent redirect',
};

/** A redirect Ferry did not follow (only region redirects are), with where it pointed: its query left out, it may carry a signature. */
function redirectError(err: unknown, status: number): FerryError {
  const headers = (err as { $response?: { headers?: Record<string, string | undefined> } }).$response?.headers ?? {};
  const raw = headers.location ?? headers.Location;
  let where = 'without saying where';
  if (raw) {
    try {
      const u = new URL(raw);
      where = `to ${u.origin}${u.pathname}`;
    } catch {
      where = 'to an address that is not a URL';
    }
  }
  return new FerryError(
    'server',
    `The server redirected the request (HTTP ${status}, ${REDIRECTS[status] ?? 'redirect'}) ${where}; Ferry follows only region redirects. Check the connection's endpoint URL and region.`,
    { details: { status }, cause: err },
  );
}

/**
 * A full disk and a file-size limit in words a user can act on: Node's own text ("EFBIG: file too large, write")
 * names neither the cause nor, for a write, the file.
 */
function fsMessage(code: string, file: unknown, raw: string): string {
  const where = typeof file === 'string' ? ` (${file})` : '';
  if (code === 'ENOSPC') return `The disk is full${where}: free some space, then resume the job.`;
  if (code === 'EFBIG') {
    return `The file is larger than this system lets Ferry write${where}: a file-size limit (ulimit -f) or the largest file the file system holds.`;
  }
  return raw;
}

/**
 * A bucket that is not there, named, in words a user can act on: the server's own text ("NoSuchBucket: The
 * specified bucket does not exist") names nothing, and a pane, `ferry ls` and a job's planner all meet it.
 */
function bucketMissing(bucket: string | undefined, cause?: unknown): FerryError {
  const which = bucket ? `The bucket "${bucket}"` : 'The bucket';
  return new FerryError('not-found', `${which} does not exist: it may have been deleted, or its name is mistyped.`, {
    details: { s3Code: 'NoSuchBucket' },
    cause,
  });
}

/** The rule for bucket names most servers apply (AWS's), said where a server refuses one. */
export const BUCKET_NAME_RULE = 'most servers take 3 to 63 lower-case letters, digits, dots and hyphens';

/**
 * A bucket name the server refuses (InvalidBucketName): named, with the rule most servers apply, where the server's
 * own text ("The specified bucket is not valid") names neither. Nothing can be listed in it or sent to it.
 */
function bucketNameRefused(bucket: string | undefined, cause?: unknown): FerryError {
  const which = bucket ? `"${bucket}"` : 'this name';
  return new FerryError(
    'invalid-arguments',
    `The server does not accept ${which} as a bucket name: ${BUCKET_NAME_RULE}. Check the name for a typo.`,
    { details: { s3Code: 'InvalidBucketName' }, cause },
  );
}

export function toFerryError(err: unknown): FerryError {
  if (err instanceof FerryError) return err;
  const e = (typeof err === 'object' && err !== null ? err : {}) as ServiceLike;
  const name = e.name ?? '';
  const sysCode = e.code ?? '';
  const status = e.$metadata?.httpStatusCode;
  const message = e.message && e.message !== 'UnknownError' ? e.message : `${name || 'Error'}${status ? ` (HTTP ${status})` : ''}`;

  if (name === 'AbortError') return new FerryError('cancelled', 'The operation was cancelled.', { cause: err });
  if (name === 'TimeoutError') return new FerryError('network', timeoutMessage(err, message), { retryable: true, cause: err });
  const tls = sysCode ? tlsError(err, sysCode, message) : undefined;
  if (tls) return tls;
  if (networkCodes.has(sysCode) || networkCodes.has(name)) {
    return new FerryError('network', `Network error: ${sysCode || name}: ${message}`, { retryable: true, cause: err });
  }
  if (fsCodes.has(sysCode)) {
    return new FerryError('local-fs', fsMessage(sysCode, (err as { path?: unknown }).path, message), {
      retryable: sysCode === 'ENOSPC',
      details: { errno: sysCode },
      cause: err,
    });
  }
  const named = typeof e.BucketName === 'string' && e.BucketName ? e.BucketName : undefined;
  if (name === 'NoSuchBucket') return bucketMissing(named, err);
  if (name === 'InvalidBucketName') return bucketNameRefused(named, err);
  const mapped = s3Codes[name];
  if (mapped) {
    return new FerryError(mapped, `${name}: ${message}`, { retryable: mapped === 'server', details: { s3Code: name }, cause: err });
  }
  if (status === 404) return new FerryError('not-found', `Not found (HTTP 404).`, { cause: err });
  if (status === 403) return new FerryError('access-denied', `Access denied (HTTP 403).`, { cause: err });
  if (status !== undefined && status >= 500) {
    return new FerryError('server', `The server answered HTTP ${status}: ${message}`, { retryable: true, cause: err });
  }
  if (status !== undefined && status >= 300 && status < 400) return redirectError(err, status);
  if (status !== undefined) return new FerryError('server', `${name || 'S3 error'} (HTTP ${status}): ${message}`, { cause: err });
  return new FerryError('internal', message || 'Unexpected error.', { cause: err });
}
