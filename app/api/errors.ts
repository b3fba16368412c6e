/**
 * Errors cross the core's boundary as plain typed values, never as bare
 * strings or Error objects, so the renderer can decide what to show and
 * whether a retry makes sense without parsing messages.
 */
export const errorCodes = [
  'invalid-arguments',
  'unknown-method',
  'not-found',
  'access-denied',
  'invalid-credentials',
  'network',
  'conflict',
  'unsafe-path',
  'server',
  'local-fs',
  'cancelled',
  /** The server lacks the call or the feature (NotImplemented, 501): said plainly, not as a server fault. */
  'unsupported',
  'internal',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export type ErrorDetails = Record<string, string | number | boolean>;

export interface FerryErrorData {
  code: ErrorCode;
  message: string;
  retryable: boolean;
  details?: ErrorDetails;
}

export class FerryError extends Error {
  readonly code: ErrorCode;
  readonly retryable: boolean;
  readonly details: ErrorDetails | undefined;

  constructor(code: ErrorCode, message: string, options: { retryable?: boolean; details?: ErrorDetails; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'FerryError';
    this.code = code;
    this.retryable = options.retryable ?? false;
    this.details = options.details;
  }

  toData(): FerryErrorData {
    const data: FerryErrorData = { code: this.code, message: this.message, retryable: this.retryable };
    if (this.details) data.details = this.details;
    return data;
  }
}

export function isFerryErrorData(value: unknown): value is FerryErrorData {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.code === 'string' && typeof v.message === 'string' && typeof v.retryable === 'boolean';
}
