/** Connection shapes that cross to the renderer: never a secret. */

/** Size limits a provider imposes on uploads and copies; transfers size their parts from these. */
export interface ProviderLimits {
  maxParts: number;
  minPartBytes: number;
  maxPartBytes: number;
  /** Largest object a single CopyObject may copy; above it, UploadPartCopy. */
  maxCopyObjectBytes: number;
}

/** What a provider (or the capability probe) says works; the UI hides what does not. */
export interface ProviderFeatures {
  uploadPartCopy: boolean;
  tagging: boolean;
  acls: boolean;
  versioning: boolean;
  objectLock: boolean;
  /** Conditional writes with If-None-Match: * */
  ifNoneMatch: boolean;
  /** Many keys in one request (DeleteObjects); without it, one DeleteObject per key. */
  deleteObjects: boolean;
}

/**
 * How a client treats the SDK's flexible checksums: 'when-supported' is the
 * SDK's own default (AWS); 'when-required' sends them only where an operation
 * demands one; 'off' strips them altogether, for servers that refuse the headers.
 */
export type ChecksumMode = 'when-supported' | 'when-required' | 'off';

/** Where a connection's keys come from. */
export type CredentialSource = 'keys' | 'aws-profile' | 'env';

/** The preset fields a provider may need besides the keys. */
export type ProviderFieldName = 'endpoint' | 'region' | 'accountId' | 'location' | 'namespace';

export interface ProviderRegion {
  id: string;
  label: string;
}

/** A provider preset as the connection dialog needs it. */
export interface ProviderInfo {
  id: string;
  name: string;
  /** Other words a user may type to find it (brand names, old names). */
  keywords: string[];
  /** e.g. `https://s3.{region}.amazonaws.com`; absent when the user gives the endpoint. */
  endpointTemplate?: string;
  /** The fields the dialog shows, in order. */
  fields: ProviderFieldName[];
  regions: ProviderRegion[];
  defaultRegion: string;
  /** Region the request is signed for when it is not the user's region (e.g. R2's `auto`). */
  signingRegion?: string;
  pathStyle: boolean;
  /** The provider supports only one addressing style; the dialog does not offer the choice. */
  pathStyleFixed: boolean;
  checksumMode: ChecksumMode;
  httpsOnly: boolean;
  limits: ProviderLimits;
  features: ProviderFeatures;
  /** Short facts worth knowing before setting it up. */
  notes: string[];
}

/** Extra values a preset's endpoint template needs. */
export interface ProviderFieldValues {
  accountId?: string;
  location?: string;
  namespace?: string;
}

export type ProbeChecksums = 'verified' | 'ignored' | 'rejected' | 'unknown';
export type ProbeBucketFeature = 'enabled' | 'suspended' | 'off' | 'unsupported' | 'denied' | 'unknown';
/** Whether the server stores a key with ".", ".." or empty segments under exactly that key (AWS does; file-backed servers do not). */
export type ProbeKeySegments = 'verbatim' | 'changed' | 'unknown';

/** 'ignored': the server takes the header and overwrites anyway (s3rver), or refuses the header itself. */
export type ProbeConditionalWrites = 'honoured' | 'ignored' | 'unknown';

/** Whether a CopyObject inside the server carries the source's tags ('dropped': s3rver). */
export type ProbeCopyTags = 'kept' | 'dropped' | 'unknown';

/** What the capability probe found; kept with the profile. */
export interface CapabilityProbe {
  probedAt: string;
  listBuckets: 'allowed' | 'denied' | 'unknown';
  bucketCount?: number;
  /** The bucket the bucket-level checks ran against. */
  bucket?: string;
  bucketRegion?: string;
  versioning: ProbeBucketFeature;
  objectLock: ProbeBucketFeature;
  /** How the server treats checksum headers, from a PUT whose checksum is deliberately wrong. */
  checksums: ProbeChecksums;
  /** Server clock minus this machine's clock, from the Date header. */
  clockOffsetMs?: number;
  /** Learnt the first time Ferry is asked to write a key with dot or empty segments there. */
  keySegments?: ProbeKeySegments;
  /**
   * Whether a PUT with If-None-Match: * is refused where the key exists: from Test connection, or learnt the first
   * time a skip, ask or keep-both upload would rely on it where the provider's preset does not vouch for it.
   */
  conditionalWrites?: ProbeConditionalWrites;
  /** Learnt the first time a transfer copies inside the server where the copy could lose the source's tags. */
  copyTags?: ProbeCopyTags;
}

/** What a transfer learns about a server by writing to it, kept with the connection's probe. */
export type Learnt = Pick<CapabilityProbe, 'keySegments' | 'conditionalWrites' | 'copyTags'>;

/** Where a connection's secret is kept. */
export type SecretState = 'stored' | 'session' | 'missing' | 'locked' | 'not-needed';

/**
 * How a connection reaches its endpoint: 'system' follows the environment
 * (HTTPS_PROXY, HTTP_PROXY, NO_PROXY) or the desktop's system proxy, 'none'
 * connects directly whatever the environment says, 'custom' uses the
 * connection's own proxy.
 */
export type ProxyMode = 'system' | 'none' | 'custom';

/** A connection's proxy as the renderer may know it: the URL and user name, and only where its password is kept. */
export interface ConnectionProxyInfo {
  mode: ProxyMode;
  /** The proxy's URL, never with credentials in it ('custom' only). */
  url?: string;
  username?: string;
  /** 'not-needed' when no password was given. */
  password?: SecretState;
}

/** What the renderer knows of a connection: never its secret. */
export interface ConnectionSummary {
  id: string;
  label: string;
  endpoint: string;
  region: string;
  pathStyle: boolean;
  accessKeyId: string;
  /** The preset this connection was made from ('other' for a custom endpoint). */
  providerId?: string;
  limits?: ProviderLimits;
  features?: ProviderFeatures;
  credentialSource?: CredentialSource;
  /** The AWS shared-config profile in use (credentialSource 'aws-profile'): always named, never guessed. */
  awsProfile?: string;
  fields?: ProviderFieldValues;
  /** A CA certificate file trusted for this endpoint (self-hosted servers). */
  caFile?: string;
  /** Buckets the user named because the key may not list them. */
  buckets?: string[];
  checksumMode?: ChecksumMode;
  secret?: SecretState;
  hasSessionToken?: boolean;
  probe?: CapabilityProbe;
  /** Regions learnt from `x-amz-bucket-region` redirects, by bucket. */
  bucketRegions?: Record<string, string>;
  /** Absent means 'system'. */
  proxy?: ConnectionProxyInfo;
}

/** Defaults for a connection that says nothing else: S3's own published limits. */
export const DEFAULT_LIMITS: ProviderLimits = {
  maxParts: 10_000,
  minPartBytes: 5 * 1024 * 1024,
  maxPartBytes: 5 * 1024 * 1024 * 1024,
  maxCopyObjectBytes: 5 * 1024 * 1024 * 1024,
};

/** Each fault "Test connection" can name; 'ok' when every step passed. */
export type DiagnosticCode =
  | 'ok'
  | 'endpoint-malformed'
  | 'dns'
  | 'tcp-refused'
  | 'tcp-timeout'
  | 'proxy-unreachable'
  | 'proxy-auth'
  | 'proxy-refused'
  | 'tls-plain-http'
  | 'tls-untrusted'
  | 'tls-expired'
  | 'tls-hostname'
  | 'tls'
  | 'ca-file'
  | 'credentials-missing'
  | 'credentials-unavailable'
  | 'vault-locked'
  | 'wrong-key-id'
  | 'wrong-secret'
  | 'expired-token'
  | 'invalid-token'
  | 'clock-skew'
  | 'wrong-region'
  | 'list-buckets-denied'
  | 'bucket-not-found'
  | 'bucket-denied'
  | 'checksum-unsupported'
  | 'not-s3'
  | 'server-error';

export type DiagnosticStepId =
  'url' | 'dns' | 'tcp' | 'tls' | 'credentials' | 'list-buckets' | 'bucket' | 'checksums' | 'conditional-writes';

export interface DiagnosticStep {
  id: DiagnosticStepId;
  label: string;
  status: 'ok' | 'failed' | 'warning' | 'skipped';
  detail?: string;
}

export interface CertificateInfo {
  subject: string;
  issuer: string;
  validFrom: string;
  validTo: string;
  fingerprint256: string;
  /** OpenSSL's reason the chain was refused, e.g. DEPTH_ZERO_SELF_SIGNED_CERT. */
  error?: string;
}

/** The answer of "Test connection": the first fault, named, and every step run. */
export interface DiagnosticReport {
  ok: boolean;
  code: DiagnosticCode;
  /** One sentence a user can act on. */
  message: string;
  steps: DiagnosticStep[];
  /** What the dialog can offer next. */
  offer?: 'enter-bucket' | 'trust-ca' | 'use-http' | 'use-https' | 'proxy-password';
  clockOffsetMs?: number;
  certificate?: CertificateInfo;
  probe?: CapabilityProbe;
  /** Where the test ended up sending requests, after the preset filled the template. */
  endpoint?: string;
  /** The proxy the test went through (its URL and where it came from), when one is in the way. */
  proxy?: string;
  durationMs: number;
}

/** How this Ferry keeps secrets, as the renderer may know it. */
export interface SecretStoreStatus {
  mode: 'keychain' | 'vault' | 'session';
  vault: 'absent' | 'locked' | 'unlocked';
  /** The shell can only store secrets as plain text: the user must choose session-only keys or a vault. */
  needsChoice: boolean;
  /** Why the keychain is not used, when it is not. */
  reason?: string;
}

export type AwsProfileKind = 'static' | 'assume-role' | 'sso' | 'process' | 'web-identity' | 'unknown';

/** One profile of the AWS shared config and credentials files, without its keys. */
export interface AwsProfileInfo {
  name: string;
  kind: AwsProfileKind;
  region?: string;
  endpointUrl?: string;
  sourceProfile?: string;
  roleArn?: string;
  ssoStartUrl?: string;
  ssoAccountId?: string;
  ssoRoleName?: string;
  ssoSession?: string;
  hasSessionToken: boolean;
  /** Which files define it. */
  definedIn: ('config' | 'credentials')[];
}

/** An S3 remote found in an rclone config file, without its keys. */
export interface RcloneRemoteInfo {
  name: string;
  /** rclone's provider name, e.g. Cloudflare, Minio. */
  rcloneProvider: string;
  /** The Ferry preset it maps to. */
  providerId: string;
  endpoint: string;
  region: string;
  pathStyle: boolean;
  /** env_auth = true: keys come from the environment, not the file. */
  envAuth: boolean;
  hasKeys: boolean;
  /** Why it cannot be imported as is, when it cannot. */
  problem?: string;
}
