/**
 * What the planner hands the engine, one item at a time, and the few helpers
 * every way of planning items shares (its own file so the planner and the
 * planners it calls for syncs, tasks and versions need not import each other).
 */
import type { ItemRef, Location } from '../../api/types.js';
import type { Conn, RequestEnv } from '../../s3/requests/request.js';

export interface PlannedItem {
  /** Stable across restarts: source index and cursor. */
  id: string;
  srcIndex: number;
  /** S3 key, or path relative to the source folder ('/'-separated): the resume position. */
  cursor: string;
  source: ItemRef;
  /** Name relative to the destination, '/'-separated; a trailing '/' is a folder marker. */
  relative: string;
  /** Null when not known from a listing (a single chosen object): the item looks it up. */
  size: number | null;
  etag?: string;
  lastModified?: number;
  /** Where this item lands when not the job's destination (a sync copying towards the left). */
  destination?: Location;
  /** A sync's delete: the item removes `source` instead of copying it. */
  remove?: true;
  /** A delete job's "permanently": the one version (or delete marker) of `source` this item removes. */
  versionId?: string;
}

export interface ResumePoint {
  srcIndex: number;
  cursor: string;
}

export interface PlannerDeps {
  env: RequestEnv;
  conn(connectionId: string): Conn;
  signal: AbortSignal;
  /** The job is a move: links to folders are not followed, since deleting what was sent would delete files elsewhere. */
  moving?: boolean;
  /** Refuses a local path the core may not read (serve mode's --root): a linked folder that leads out is not walked. */
  confine?(localPath: string): Promise<void>;
  /** A sync's local side: an entry that is not a file, which its compare leaves out (side-listing.ts). */
  leftOut?(file: string, reason: string): void;
}

export function itemId(srcIndex: number, cursor: string): string {
  return `${srcIndex}:${cursor}`;
}

/** A key from a listing asked with encoding-type=url, decoded (S3 encodes a space as +). */
export function decodeKey(raw: string | undefined, encoded: boolean): string {
  if (raw === undefined) return '';
  return encoded ? decodeURIComponent(raw.replace(/\+/g, '%20')) : raw;
}
