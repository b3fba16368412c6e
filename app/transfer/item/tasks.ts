/** What the engine knows of an object task (an inspector edit run as a job): a named function over one object. */
import type { TransferMethod } from '../../api/types.js';
import type { Conn } from '../../s3/requests/request.js';
import type { HashCheck } from './integrity.js';

export interface ObjectTaskOutcome {
  method: TransferMethod;
  check: HashCheck;
  /** The object's size, shown as the bytes the job went through. */
  size: number;
}

/** One kind of task, registered with the engine under its name; `args` comes from the job (and so from its journal). */
export type ObjectTask = (
  conn: Conn,
  target: { bucket: string; key: string },
  args: unknown,
  signal: AbortSignal,
) => Promise<ObjectTaskOutcome>;
