/**
 * A provider preset is data: what a user needs to type, what the endpoint
 * looks like, and what the service does differently from AWS S3. The client
 * factory, the dialog and the transfer engine all read the same record, so a
 * fact about a provider lives in one place.
 */
import type { ProviderInfo } from '../api/connection-types.js';

/** Behaviour a client must adopt for a provider beyond the plain settings. */
export type ProviderQuirk =
  /** MinIO-like servers answer MissingContentMD5 to a DeleteObjects that carries only a CRC32. */
  | 'content-md5-on-delete'
  /** Google's XML API rejects the SDK's `x-id` query parameter. */
  | 'strip-x-id-query'
  /** Temporary credentials (assume-role) are issued by the storage endpoint itself, not by AWS STS. */
  | 'sts-on-endpoint';

export interface ProviderPreset extends ProviderInfo {
  quirks: ProviderQuirk[];
  /** rclone's `provider =` values that mean this preset. */
  rcloneProviders: string[];
  /** Host name endings that identify the provider from an endpoint URL. */
  hostSuffixes: string[];
}
