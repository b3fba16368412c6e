/**
 * Turns one section's request into a Section: its value, or a plain reason it
 * has none. A server that lacks a call answers in many ways (501, 405, 400
 * with NotImplemented, an XML error it made up); they all mean "not supported"
 * and must never fail the rest of the inspector.
 */
import type { Section, SectionUnavailable } from '../api/inspect-types.js';

interface ErrorLike {
  name?: string;
  Code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
}

const UNSUPPORTED = new Set([
  'NotImplemented',
  'MethodNotAllowed',
  'UnsupportedOperation',
  'XNotImplemented',
  'InvalidRequest',
  'InvalidArgument',
]);
const DENIED = new Set(['AccessDenied', 'Forbidden', 'AllAccessDisabled']);

export function unavailable<T>(state: SectionUnavailable, message: string): Section<T> {
  return { state, message };
}

export function ok<T>(value: T): Section<T> {
  return { state: 'ok', value };
}

/** What a failed section request means for the user, in words naming the section. */
export function sectionFromError<T>(err: unknown, what: string, absent?: (name: string) => Section<T> | undefined): Section<T> {
  const e = (typeof err === 'object' && err !== null ? err : {}) as ErrorLike;
  const name = e.name ?? e.Code ?? '';
  const status = e.$metadata?.httpStatusCode;
  const handled = absent?.(name);
  if (handled) return handled;
  if (DENIED.has(name) || status === 403) return unavailable('denied', `This key may not read the ${what}.`);
  if (UNSUPPORTED.has(name) || status === 501 || status === 405) {
    return unavailable('not-supported', `Not supported by this provider: the server does not answer requests for the ${what}.`);
  }
  const detail = e.message && e.message !== 'UnknownError' ? e.message : name || `HTTP ${status ?? '?'}`;
  return unavailable('error', `The ${what} could not be read: ${detail}`);
}

/** Runs `read` and folds any failure into the section's reason. */
export async function readSection<T>(
  what: string,
  read: () => Promise<T>,
  absent?: (name: string) => Section<T> | undefined,
): Promise<Section<T>> {
  try {
    return ok(await read());
  } catch (err) {
    return sectionFromError(err, what, absent);
  }
}
