/**
 * S3's own limits that calls and the engine both check. Kept apart from the
 * call schemas so the engine and the command line can use them without
 * loading zod and every schema at start.
 */

/** The longest object key S3 accepts, in bytes of UTF-8. */
export const MAX_KEY_BYTES = 1024;
