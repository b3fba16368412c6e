/**
 * The single entry point for every call from any transport: it checks the
 * name, validates the arguments with the contract's schema, and only then
 * runs the handler. Whatever goes wrong comes back as a typed error value.
 */
import { calls, isCallName, type CallName, type CallResult, type ParsedArgs } from '../api/contract.js';
import { FerryError } from '../api/errors.js';
import type { CallOutcome } from '../api/wire.js';
import { toFerryError } from '../s3/requests/error-mapping.js';

/** A handler may stop early when `signal` aborts: the caller went away or cancelled the call (serve mode's `cancel`). */
export type Handlers = { [N in CallName]: (args: ParsedArgs<N>, signal?: AbortSignal) => Promise<CallResult<N>> };

export type Dispatch = (method: unknown, args: unknown, signal?: AbortSignal) => Promise<CallOutcome>;

/** The signal of a call nobody can cancel. */
const NEVER = new AbortController().signal;

export function createDispatcher(handlers: Handlers, redact: (text: string) => string = (t) => t): Dispatch {
  return async (method, args, signal = NEVER) => {
    if (!isCallName(method)) {
      return {
        ok: false,
        error: new FerryError('unknown-method', `Ferry has no call named ${JSON.stringify(String(method)).slice(0, 80)}.`).toData(),
      };
    }
    const parsed = calls[method].args.safeParse(args ?? {});
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      const where = first && first.path.length > 0 ? first.path.join('.') : 'arguments';
      return {
        ok: false,
        error: new FerryError('invalid-arguments', `${method}: ${where}: ${first?.message ?? 'invalid'}`, {
          details: { method, field: where },
        }).toData(),
      };
    }
    try {
      const handler = handlers[method] as (a: unknown, s: AbortSignal) => Promise<unknown>;
      return { ok: true, value: await handler(parsed.data, signal) };
    } catch (err) {
      const data = toFerryError(err).toData();
      data.message = redact(data.message);
      return { ok: false, error: data };
    }
  };
}
