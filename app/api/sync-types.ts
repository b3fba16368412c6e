/** Compare and sync shapes, shared by the core, the command line and the window. */
import type { Location } from './browse-types.js';

/** How a key stands between two locations. 'unknown': equal sizes, and no hash both sides share (a multipart ETag). */
export type CompareClass = 'only-left' | 'only-right' | 'same' | 'different' | 'unknown';

/**
 * Why: 'missing' (one side only), 'size', 'etag' (both plain MD5 ETags),
 * 'content' (an MD5 computed from the bytes on at least one side), 'mtime'
 * (modification times, when asked), 'right-newer' (equal sizes, a file on
 * one side, and the right side written after the left last changed: taken
 * for a copy without reading it), 'size-only' (equal sizes, nothing else to
 * compare), 'multipart-etag' (an ETag that is no MD5, without a deep compare).
 */
export type CompareReason = 'missing' | 'size' | 'etag' | 'content' | 'mtime' | 'right-newer' | 'size-only' | 'multipart-etag';

export interface CompareSideEntry {
  size: number;
  etag?: string;
  mtime?: number;
}

export interface CompareRow {
  /** Relative to both locations' roots, '/'-separated. */
  key: string;
  cls: CompareClass;
  reason: CompareReason;
  left?: CompareSideEntry;
  right?: CompareSideEntry;
}

export interface CompareOptions {
  /** Also call files different whose modification times differ by more than 2 s. */
  mtime?: boolean;
  /** Hash the content where the ETags cannot say (ranged reads of objects, reads of files). */
  deep?: boolean;
  include?: string[];
  exclude?: string[];
}

export type CompareCounts = Record<CompareClass, { count: number; bytes: number }>;

/**
 * What a sync does. 'mirror': make the right side match the left (copy what
 * is missing or different; with `delete`, remove what exists only on the
 * right). 'newer': copy in both directions whichever side is newer; keys
 * that differ but whose times cannot say which is newer are conflicts, listed
 * and left alone.
 */
export type SyncMode = 'mirror' | 'newer';

export interface SyncRequest {
  left: Location;
  right: Location;
  mode: SyncMode;
  delete: boolean;
  compare: CompareOptions;
  /**
   * Two-way only: how the user resolved conflicts, by key (relative to the
   * locations' roots): keep the left side's copy or the right side's. A key
   * not named stays a conflict and is left alone.
   */
  resolve?: Record<string, ConflictKeep>;
}

export type ConflictKeep = 'left' | 'right';

export type SyncActionKind = 'copy-right' | 'copy-left' | 'delete-right' | 'conflict';

export interface SyncAction {
  kind: SyncActionKind;
  key: string;
  bytes: number;
  /** The compare's verdict behind it. */
  cls: CompareClass;
  reason: CompareReason;
  /** A conflict the user resolved: the copy keeps this side. */
  resolved?: ConflictKeep;
}

export interface SyncPlanSummary {
  actions: Record<SyncActionKind, { count: number; bytes: number }>;
  /** The first rows of each action, for a dry run to show. */
  first: Record<SyncActionKind, SyncAction[]>;
  /** SHA-256 over every action in order: the real run refuses to start when the plan it finds differs. */
  digest: string;
  compared: CompareCounts;
}

/**
 * A sync's plan as the window previews it: 'upload' (the destination has no
 * such key), 'overwrite', 'delete', 'conflict' (two-way, and the times cannot
 * say which side is newer: left alone), 'skip' (left alone: an unknown key,
 * or one only in the destination of a sync that keeps it).
 */
export type PreviewAction = 'upload' | 'overwrite' | 'delete' | 'conflict' | 'skip';

export interface PreviewRow {
  key: string;
  action: PreviewAction;
  /** Which side the action changes: 'right' (the compare's right side), 'left', or null for nothing. */
  toward: 'left' | 'right' | null;
  reason: CompareReason;
  left?: CompareSideEntry;
  right?: CompareSideEntry;
}

export interface PlanPreview {
  counts: Record<PreviewAction, { count: number; bytes: number }>;
  /** The first rows of each action, in key order. */
  first: Record<PreviewAction, PreviewRow[]>;
}
