/**
 * Data shapes shared by the core and the renderer. Everything here is plain,
 * serialisable data: it crosses IPC and the serve-mode WebSocket as JSON.
 */

/** What the renderer knows of a connection: never its secret. */
export interface ConnectionSummary {
  id: string;
  label: string;
  endpoint: string;
  region: string;
  pathStyle: boolean;
  accessKeyId: string;
}

/** A place a pane can show: a local folder, the bucket list of a connection, or a prefix in a bucket. */
export type Location = { kind: 'local'; path: string } | { kind: 's3'; connectionId: string; bucket: string; prefix: string };

/** One thing a transfer can read or a inspector can show. */
export type ItemRef = { kind: 'local'; path: string } | { kind: 's3'; connectionId: string; bucket: string; key: string };

export type EntryKind = 'bucket' | 'folder' | 'object' | 'file';

export interface Entry {
  kind: EntryKind;
  /** Last path segment, as shown in the list. */
  name: string;
  /** Full key (S3) or absolute path (local); for buckets, the bucket name. */
  id: string;
  size?: number;
  lastModified?: string;
  etag?: string;
  storageClass?: string;
}

export interface Listing {
  location: Location;
  entries: Entry[];
  /** More results exist beyond this page. */
  truncated: boolean;
}

export interface ObjectDetails {
  item: ItemRef;
  size: number;
  lastModified?: string;
  etag?: string;
  contentType?: string;
  storageClass?: string;
  /** User metadata (x-amz-meta-*), names without the prefix. */
  metadata: Record<string, string>;
  /** Every response header of the HEAD request (or file attributes for local files). */
  headers: Record<string, string>;
}

export type JobState = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

export interface JobSnapshot {
  id: string;
  kind: 'copy';
  state: JobState;
  source: ItemRef;
  destination: Location;
  /** Key or path written at the destination, once known. */
  destinationId?: string;
  name: string;
  bytesDone: number;
  bytesTotal: number;
  method?: 'single-put' | 'multipart' | 'local-write';
  startedAt: number;
  endedAt?: number;
  error?: { code: string; message: string };
}

export interface AppInfo {
  version: string;
  shell: 'desktop' | 'serve';
  /** The folder a local pane opens first. */
  homeDir: string;
}
