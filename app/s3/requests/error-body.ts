/**
 * The error-body cap for the request layer and the socket-level GET path above
 * it (which may not reach into prepared/ directly): one cap for every path.
 */
export { capErrorResponse } from '../direct/prepared/error-body-cap.js';
