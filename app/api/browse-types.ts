/** Browse shapes: places a pane shows, the entries listed there and one object's details. */
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
  /** A local entry the platform's file manager hides (a dot-file; on Windows, the hidden attribute). */
  hidden?: boolean;
}

export interface Listing {
  location: Location;
  entries: Entry[];
  /** More results exist beyond this page. */
  truncated: boolean;
  /** Where the next page starts, when there is one: hand it back as `browse.list`'s `cursor`. Opaque (the server's own token). */
  nextCursor?: string;
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
