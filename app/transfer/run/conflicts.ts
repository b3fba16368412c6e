/**
 * What happens when an item's destination already exists, per the job's
 * policy: skip it, overwrite it, keep both (the new one gets " (n)" before
 * its extension), overwrite only if the source is newer or different, or ask
 * the user. A folder marker that already exists is the same folder: skipped.
 */
import { HeadObjectCommand } from '../../sdk/s3-commands.js';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { FerryError } from '../../api/errors.js';
import type { ConflictPolicy } from '../../api/types.js';
import { destinationKey, keepBothName } from '../plan/destination.js';
import { isPlainMd5, normalizeEtag } from '../item/integrity.js';
import type { ConflictDecision, ItemEnv, SourceInfo } from '../item/context.js';
import { send, statusOf, type Conn } from '../../s3/requests/request.js';

export type Existing = { exists: false } | { exists: true; size: number; lastModified?: number; etag?: string };

export type Verdict = 'write' | 'skip' | 'ask' | 'rename';

const MAX_RENAMES = 1000;

export async function existingS3(env: ItemEnv, conn: Conn, bucket: string, key: string): Promise<Existing> {
  try {
    const head = await send(env, conn, env.signal, () => new HeadObjectCommand({ Bucket: bucket, Key: key }));
    return {
      exists: true,
      size: head.ContentLength ?? 0,
      ...(head.LastModified ? { lastModified: head.LastModified.getTime() } : {}),
      ...(head.ETag ? { etag: head.ETag } : {}),
    };
  } catch (err) {
    if (statusOf(err) === 404 || (err as { name?: string }).name === 'NotFound') return { exists: false };
    throw err;
  }
}

export async function existingLocal(target: string): Promise<Existing> {
  const info = await stat(target).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return null;
    throw err;
  });
  if (!info) return { exists: false };
  if (info.isDirectory()) {
    throw new FerryError('conflict', `${target} is a folder; Ferry will not replace a folder with a file.`, { details: { path: target } });
  }
  return { exists: true, size: info.size, lastModified: info.mtimeMs };
}

/** The policy's verdict for one existing destination. */
export function verdict(policy: ConflictPolicy | ConflictDecision, source: SourceInfo, dest: Existing, isFolderMarker: boolean): Verdict {
  if (!dest.exists) return 'write';
  if (isFolderMarker) return policy === 'overwrite' ? 'write' : 'skip';
  switch (policy) {
    case 'overwrite':
      return 'write';
    case 'skip':
      return 'skip';
    case 'keep-both':
      return 'rename';
    case 'ask':
      return 'ask';
    case 'overwrite-if-newer':
      return source.lastModified !== undefined && dest.lastModified !== undefined && source.lastModified > dest.lastModified
        ? 'write'
        : 'skip';
    case 'overwrite-if-different': {
      if (source.size !== dest.size) return 'write';
      const comparable = isPlainMd5(source.etag) && isPlainMd5(dest.etag);
      return comparable && normalizeEtag(source.etag) !== normalizeEtag(dest.etag) ? 'write' : 'skip';
    }
    default: {
      const unknown: never = policy;
      throw new Error(`unknown conflict policy ${String(unknown)}`);
    }
  }
}

/** The first free "name (n).ext" beside an existing destination. */
export async function freeName(id: string, exists: (candidate: string) => Promise<boolean>, local: boolean): Promise<string> {
  for (let n = 1; n <= MAX_RENAMES; n++) {
    const candidate = keepBothName(id, n, local ? path.sep : '/');
    // Only the length can newly fail: the candidate keeps the segments of a key already accepted.
    if (!local) destinationKey('', candidate, 'verbatim');
    if (!(await exists(candidate))) return candidate;
  }
  throw new FerryError('conflict', `Ferry found no free name beside ${id} after ${MAX_RENAMES} tries.`, { details: { destination: id } });
}
