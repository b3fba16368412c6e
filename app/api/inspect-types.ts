/**
 * What the inspector shows of one object, section by section. Each section
 * that needs a call of its own is a `Section`: its value, or the reason it
 * has none (the provider lacks the call, the key may not ask, the bucket has
 * the feature off), so one missing feature never hides the rest.
 */
import type { ItemRef } from './types.js';

export type S3ItemRef = Extract<ItemRef, { kind: 's3' }>;

export type SectionUnavailable =
  /** The provider (its preset, the probe, or the server's own answer) does not have this. */
  | 'not-supported'
  /** The provider has it, but not here: the bucket has object lock off, the object is not versioned… */
  | 'not-available'
  | 'denied'
  | 'error';

export type Section<T> = { state: 'ok'; value: T } | { state: SectionUnavailable; message: string };

export interface GeneralSection {
  key: string;
  size: number;
  lastModified?: string;
  etag?: string;
  /** 'md5' when the ETag is the MD5 of the bytes; 'multipart' when it ends in -N; 'other' for anything else (SSE-KMS, SSE-C). */
  etagKind: 'md5' | 'multipart' | 'other' | 'none';
  partCount?: number;
  storageClass: string;
  /** Archived classes (GLACIER, DEEP_ARCHIVE) must be restored before their bytes can be read. */
  archived: boolean;
  /** The x-amz-restore state, when the server sent one. */
  restore?: { ongoing: boolean; expiry?: string };
  contentType?: string;
  versionId?: string;
}

/** The HTTP headers a user may set on an object (the names S3 stores besides user metadata). */
export const EDITABLE_HEADERS = [
  'contentType',
  'cacheControl',
  'contentDisposition',
  'contentEncoding',
  'contentLanguage',
  'expires',
  'websiteRedirect',
] as const;
export type EditableHeader = (typeof EDITABLE_HEADERS)[number];

/** The names a user knows these headers by. */
export const HEADER_LABELS: Record<EditableHeader, string> = {
  contentType: 'Content-Type',
  cacheControl: 'Cache-Control',
  contentDisposition: 'Content-Disposition',
  contentEncoding: 'Content-Encoding',
  contentLanguage: 'Content-Language',
  expires: 'Expires',
  websiteRedirect: 'Website redirect',
};

export type HttpHeaders = Partial<Record<EditableHeader, string>>;

export interface HeadersSection {
  values: HttpHeaders;
  /** Every header of the HEAD response, names in lower case. */
  raw: Record<string, string>;
}

export interface Tag {
  key: string;
  value: string;
}

export type ChecksumAlgorithm = 'CRC32' | 'CRC32C' | 'CRC64NVME' | 'SHA1' | 'SHA256';

export interface ChecksumsSection {
  /** What the server stores, asked for with x-amz-checksum-mode: ENABLED. */
  values: { algorithm: ChecksumAlgorithm; value: string }[];
  /** FULL_OBJECT or COMPOSITE (a checksum of the parts' checksums), when the server says. */
  type?: string;
}

export interface EncryptionSection {
  kind: 'none' | 'SSE-S3' | 'SSE-KMS' | 'SSE-C' | 'other';
  /** The header as the server sent it (AES256, aws:kms, aws:kms:dsse…). */
  algorithm?: string;
  kmsKeyId?: string;
  bucketKey?: boolean;
  /** SSE-C: the customer key's MD5 the server checks; the bytes cannot be read without the key itself. */
  customerKeyMd5?: string;
  /** The bucket's default encryption, or why it is unknown. */
  bucketDefault: Section<{ algorithm: string; kmsKeyId?: string }>;
}

export type RetentionMode = 'GOVERNANCE' | 'COMPLIANCE';

export interface LockSection {
  retention?: { mode: RetentionMode; until: string };
  legalHold: boolean;
  /** The bucket's default retention, when it has one. */
  bucketDefault?: { mode: RetentionMode; days?: number; years?: number };
}

export interface Grant {
  /** Who: a canonical user (id or display name), a group URI's last word (AllUsers…), or an e-mail address. */
  grantee: string;
  granteeType: 'user' | 'group' | 'email';
  permission: string;
}

export interface AccessSection {
  owner?: string;
  grants: Section<Grant[]>;
  /** Readable by anyone: from the ACL (AllUsers READ) or the bucket's policy status. */
  publicRead: boolean | 'unknown';
  /** The bucket policy status, when the provider has the call. */
  bucketPolicyPublic: Section<boolean>;
}

export interface ObjectVersion {
  versionId: string;
  isLatest: boolean;
  deleteMarker: boolean;
  size?: number;
  lastModified?: string;
  etag?: string;
  storageClass?: string;
}

export interface VersionsSection {
  /** The bucket's versioning: versions exist only where it is (or was) enabled. */
  bucketVersioning: 'enabled' | 'suspended' | 'off';
  versions: ObjectVersion[];
}

export interface ObjectInspection {
  item: S3ItemRef;
  general: GeneralSection;
  headers: HeadersSection;
  metadata: Record<string, string>;
  /** Bytes of user metadata as S3 counts them (names and values), against its 2 KB limit. */
  metadataBytes: number;
  tags: Section<Tag[]>;
  checksums: Section<ChecksumsSection>;
  encryption: Section<EncryptionSection>;
  lock: Section<LockSection>;
  access: Section<AccessSection>;
  versions: Section<VersionsSection>;
}

/** One value across several objects: the same everywhere, or "mixed". */
export type Shared<T> = { same: true; value: T | null } | { same: false };

export interface SelectionSummary {
  count: number;
  totalBytes: number;
  /** Objects whose HEAD failed, with why. */
  failed: { key: string; message: string }[];
  storageClasses: Record<string, number>;
  contentType: Shared<string>;
  storageClass: Shared<string>;
  encryption: Shared<string>;
  /** Metadata names every object has, each with its shared value or mixed. */
  metadata: Record<string, Shared<string>>;
  /** Metadata names only some of the objects have. */
  partialMetadata: string[];
  lastModified: { oldest?: string; newest?: string };
}

/** A change to a set of name → value pairs: put these, remove those. */
export interface PairsEdit {
  put?: Record<string, string>;
  remove?: string[];
}

/** An edit applied by copying the object onto itself with its attributes replaced. */
export interface AttributeEdit {
  /** A header set to '' is removed. */
  headers?: HttpHeaders;
  metadata?: PairsEdit;
  storageClass?: string;
}

export interface EditItemResult {
  key: string;
  ok: boolean;
  message?: string;
  /** How the object was rewritten: one CopyObject, or UploadPartCopy parts above the provider's CopyObject limit. */
  method?: 'copy' | 'multipart-copy' | 'tagging';
  /** On a versioned bucket, the version the edit created. */
  newVersionId?: string;
  /** The object's size, when it was rewritten. */
  size?: number;
}

/** An edit of several objects run as a job in Transfers. */
export type EditTask = { kind: 'attributes'; edit: AttributeEdit } | { kind: 'tags'; edit: PairsEdit };

export interface EditResult {
  items: EditItemResult[];
  /** True when the bucket keeps versions: every rewrite left the old one behind. */
  newVersions: boolean;
}

export interface PresignedLink {
  url: string;
  method: 'GET' | 'PUT';
  expiresAt: string;
  expiresSeconds: number;
}
