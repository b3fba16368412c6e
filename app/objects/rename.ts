/**
 * Renaming in place. In a bucket a rename is a move through the transfer
 * engine: each key is copied inside the server with its metadata and tags,
 * verified, and only then is its source deleted, so a folder rename is an
 * ordinary job (progress, pause, resume after a crash) that never deletes a
 * source whose copy did not check out. On disk it is one rename(2).
 */
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { lstat, rename } from 'node:fs/promises';
import path from 'node:path';
import { FerryError } from '../api/errors.js';
import type { Location, TransferSource } from '../api/types.js';
import { requireAbsolute } from '../local/local-browse.js';
import { send, statusOf } from '../s3/requests/request.js';
import { checkEntryName, keyFor, parentPrefix } from './entry-name.js';
import type { ManageTarget } from '../buckets/manage-target.js';
import { prefixInUse } from './new-folder.js';

export interface RenamePlan {
  sources: TransferSource[];
  destination: Location;
  /** The key (or prefix) the entry will have. */
  target: string;
}

async function objectExists(t: ManageTarget, bucket: string, key: string): Promise<boolean> {
  try {
    await send(t.env, t.conn, t.signal, () => new HeadObjectCommand({ Bucket: bucket, Key: key }));
    return true;
  } catch (err) {
    if (statusOf(err) === 404) return false;
    throw err;
  }
}

/** Checks the new name and that nothing holds it yet, and says what move to run. */
export async function planS3Rename(t: ManageTarget, bucket: string, key: string, name: string): Promise<RenamePlan> {
  const folder = key.endsWith('/');
  const parent = parentPrefix(key);
  const target = keyFor(parent, name, folder);
  if (target === key) throw new FerryError('invalid-arguments', 'That is already its name.', { details: { field: 'name' } });
  const taken = folder ? await prefixInUse(t, bucket, target) : await objectExists(t, bucket, target);
  if (taken)
    throw new FerryError('conflict', `"${name}" already exists here; choose another name.`, { details: { field: 'name', key: target } });
  const ids = { connectionId: t.conn.id, bucket };
  const source: TransferSource = folder ? { kind: 's3-prefix', ...ids, prefix: key, as: name } : { kind: 's3', ...ids, key, as: name };
  return { sources: [source], destination: { kind: 's3', ...ids, prefix: parent }, target };
}

export async function renameLocal(file: string, name: string): Promise<string> {
  checkEntryName(name);
  const from = requireAbsolute(file);
  const to = path.join(path.dirname(from), name);
  if (to === from) throw new FerryError('invalid-arguments', 'That is already its name.', { details: { field: 'name' } });
  // rename(2) would replace an existing file without a word.
  if (
    await lstat(to).then(
      () => true,
      () => false,
    )
  ) {
    throw new FerryError('conflict', `"${name}" already exists here; choose another name.`, { details: { field: 'name' } });
  }
  await rename(from, to);
  return to;
}
