/** What every management operation works with: one connection, Ferry's request policy, and a way to stop. */
import type { DeleteEnv } from '../s3/delete-keys.js';
import type { Conn } from '../s3/requests/request.js';

export interface ManageTarget {
  env: DeleteEnv;
  conn: Conn;
  signal: AbortSignal;
}
