/** The inspector's calls as handlers this dispatcher test never reaches: it checks the transport, not the inspector. */
import { inspectCalls } from '../../../app/api/calls/inspect-calls';
import { FerryError } from '../../../app/api/errors';
import type { Handlers } from '../../../app/core/dispatcher';

export function inspectStubs(): Pick<Handlers, keyof typeof inspectCalls> {
  const refuse = async (): Promise<never> => {
    throw new FerryError('internal', 'the inspector is not under test here');
  };
  return Object.fromEntries(Object.keys(inspectCalls).map((name) => [name, refuse])) as unknown as Pick<
    Handlers,
    keyof typeof inspectCalls
  >;
}
