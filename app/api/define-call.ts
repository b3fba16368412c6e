import type { z } from 'zod';

/** A call's declaration: its argument schema, and its result type carried as a phantom. */
export interface CallSpec<Args extends z.ZodType, Result> {
  args: Args;
  result?: Result;
}

/** `call<Result>()(schema)`: two steps so the result type is named and the schema's type inferred. */
export function call<Result>() {
  return <Args extends z.ZodType>(args: Args): CallSpec<Args, Result> => ({ args });
}
