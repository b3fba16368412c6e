/**
 * Deleting what the user selected (objects, folders, or a mix). First a
 * summary the confirmation can name ("Delete 3 objects and 2 folders (12,408
 * objects, 3.1 GiB)?"), counted from listings; then the delete itself through
 * app/delete/, with every key the server refused listed. In a versioned
 * bucket a plain delete only adds delete markers; "permanently" removes every
 * version too and needs the bucket's name typed.
 */
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { lstat, readdir } from 'node:fs/promises';
import path from 'node:path';
import { keepsVersions } from '../buckets/bucket-ops.js';
import { deleteBatch, MAX_BATCH, type KeyFailure } from '../s3/delete-keys.js';
import { deleteObjects } from '../delete/delete-objects.js';
import { deleteAllVersions } from '../delete/delete-versions.js';
import { requireAbsolute } from '../local/local-browse.js';
import { send } from '../s3/requests/request.js';
import type { ManageTarget } from '../buckets/manage-target.js';

/** Counting under folders stops here; the summary then says "more than". */
const SUMMARY_CAP = 1_000_000;

export interface S3Selection {
  bucket: string;
  objects: { key: string; size?: number | undefined }[];
  /** Folder prefixes, each ending in '/'. */
  folders: string[];
}

export interface DeleteSummary {
  objects: number;
  folders: number;
  /** Every object that goes: the selected ones and everything under the folders. */
  totalObjects: number;
  totalBytes: number;
  /** Counting stopped at the cap. */
  more: boolean;
  versioning: 'enabled' | 'suspended' | 'off' | 'local';
  /** The question for the confirmation, in words. */
  message: string;
}

export interface DeleteOutcome {
  deleted: number;
  failed: number;
  /** The first failures, key by key (or path by path). */
  failures: KeyFailure[];
}

const count = (n: number) => n.toLocaleString('en-US');
const plural = (n: number, one: string) => `${count(n)} ${one}${n === 1 ? '' : 's'}`;

export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let v = bytes;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return u === 0 ? plural(bytes, 'byte') : `${v.toFixed(1)} ${units[u]}`;
}

export function summaryMessage(s: Omit<DeleteSummary, 'message'>): string {
  const noun = s.versioning === 'local' ? 'file' : 'object';
  const parts = [s.objects > 0 ? plural(s.objects, noun) : '', s.folders > 0 ? plural(s.folders, 'folder') : ''].filter(Boolean);
  const what = parts.join(' and ') || 'nothing';
  const total = `${s.more ? 'more than ' : ''}${plural(s.totalObjects, noun)}, ${formatBytes(s.totalBytes)}`;
  const question = s.folders > 0 ? `Delete ${what} (${total})?` : `Delete ${what} (${formatBytes(s.totalBytes)})?`;
  if (s.versioning === 'enabled' || s.versioning === 'suspended') {
    return `${question} This bucket keeps versions: delete markers are added and nothing is destroyed; earlier versions stay restorable.`;
  }
  return question;
}

async function countPrefix(
  t: ManageTarget,
  bucket: string,
  prefix: string,
  budget: number,
): Promise<{ n: number; bytes: number; more: boolean }> {
  let n = 0;
  let bytes = 0;
  let token: string | undefined;
  do {
    const out = await send(
      t.env,
      t.conn,
      t.signal,
      () => new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, MaxKeys: 1000, ...(token ? { ContinuationToken: token } : {}) }),
    );
    for (const o of out.Contents ?? []) {
      n++;
      bytes += o.Size ?? 0;
    }
    token = out.IsTruncated ? out.NextContinuationToken : undefined;
    if (n >= budget && token) return { n, bytes, more: true };
  } while (token);
  return { n, bytes, more: false };
}

export async function summarizeS3(t: ManageTarget, sel: S3Selection): Promise<DeleteSummary> {
  let totalObjects = sel.objects.length;
  let totalBytes = sel.objects.reduce((sum, o) => sum + (o.size ?? 0), 0);
  let more = false;
  for (const prefix of sel.folders) {
    if (more) break;
    const c = await countPrefix(t, sel.bucket, prefix, SUMMARY_CAP - totalObjects);
    totalObjects += c.n;
    totalBytes += c.bytes;
    more = c.more;
  }
  const versioning = await keepsVersions(t, sel.bucket);
  const s = { objects: sel.objects.length, folders: sel.folders.length, totalObjects, totalBytes, more, versioning };
  return { ...s, message: summaryMessage(s) };
}

export async function deleteS3Selection(t: ManageTarget, sel: S3Selection, permanently: boolean): Promise<DeleteOutcome> {
  const out: DeleteOutcome = { deleted: 0, failed: 0, failures: [] };
  const add = (deleted: number, failures: KeyFailure[]) => {
    out.deleted += deleted;
    out.failed += failures.length;
    out.failures.push(...failures.slice(0, Math.max(0, 1000 - out.failures.length)));
  };
  if (permanently) {
    for (const o of sel.objects) {
      const r = await deleteAllVersions(t.env, t.conn, sel.bucket, o.key, true, t.signal);
      add(r.deleted, r.failures);
    }
    for (const prefix of sel.folders) {
      const r = await deleteAllVersions(t.env, t.conn, sel.bucket, prefix, false, t.signal);
      add(r.deleted, r.failures);
    }
    return out;
  }
  const keys = sel.objects.map((o) => o.key);
  for (let i = 0; i < keys.length; i += MAX_BATCH) {
    const r = await deleteBatch(t.env, t.conn, sel.bucket, keys.slice(i, i + MAX_BATCH), t.signal);
    add(r.deleted, r.failures);
  }
  for (const prefix of sel.folders) {
    const r = await deleteObjects(t.env, { conn: t.conn, bucket: sel.bucket, key: prefix, prefix: true }, t.signal);
    add(r.deleted, r.failures);
    if (r.error) throw r.error;
  }
  return out;
}

async function walkCount(p: string, budget: { left: number }): Promise<{ n: number; bytes: number }> {
  const info = await lstat(p);
  if (!info.isDirectory()) {
    budget.left--;
    return { n: 1, bytes: info.size };
  }
  let n = 0;
  let bytes = 0;
  for (const name of await readdir(p)) {
    if (budget.left <= 0) break;
    const c = await walkCount(path.join(p, name), budget);
    n += c.n;
    bytes += c.bytes;
  }
  return { n, bytes };
}

export async function summarizeLocal(paths: string[]): Promise<DeleteSummary> {
  let objects = 0;
  let folders = 0;
  let totalObjects = 0;
  let totalBytes = 0;
  const budget = { left: SUMMARY_CAP };
  for (const p of paths.map(requireAbsolute)) {
    if ((await lstat(p)).isDirectory()) folders++;
    else objects++;
    const c = await walkCount(p, budget);
    totalObjects += c.n;
    totalBytes += c.bytes;
  }
  const s = { objects, folders, totalObjects, totalBytes, more: budget.left <= 0, versioning: 'local' as const };
  return { ...s, message: summaryMessage(s) };
}
