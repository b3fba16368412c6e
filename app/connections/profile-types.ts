/** A connection as Ferry keeps it on disk: everything but its secret. */
import type { StoredProxy } from './proxy-setting.js';
import type { CapabilityProbe, ChecksumMode, CredentialSource, ProviderFieldValues } from '../api/connection-types.js';

export interface StoredProfile {
  id: string;
  label: string;
  providerId: string;
  /** The endpoint requests go to (normalised, no trailing slash). */
  endpoint: string;
  /** The user typed an endpoint rather than taking the preset's template. */
  customEndpoint: boolean;
  region: string;
  pathStyle: boolean;
  fields: ProviderFieldValues;
  credentialSource: CredentialSource;
  /** For typed keys; empty for other sources. */
  accessKeyId: string;
  hasSessionToken: boolean;
  awsProfile?: string;
  awsConfigFile?: string;
  awsCredentialsFile?: string;
  caFile?: string;
  buckets: string[];
  /** Set when the probe found the server refuses checksum headers. */
  checksumMode?: ChecksumMode;
  probe?: CapabilityProbe;
  bucketRegions: Record<string, string>;
  /** The connection's own proxy ('none' or 'custom'); absent follows the environment or the system. Never a password. */
  proxy?: StoredProxy;
}
