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
}

/** Defaults for a connection that says nothing else: S3's own published limits. */
export const DEFAULT_LIMITS: ProviderLimits = {
  maxParts: 10_000,
  minPartBytes: 5 * 1024 * 1024,
  maxPartBytes: 5 * 1024 * 1024 * 1024,
  maxCopyObjectBytes: 5 * 1024 * 1024 * 1024,
};
