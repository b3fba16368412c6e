/**
 * A new folder: in a bucket, the zero-byte `name/` marker every console
 * writes (S3 has no folders, only keys that share a prefix); on disk, a
 * directory. Either way an existing name is refused, never overwritten.
 */
import { ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { FerryError } from '../api/errors.js';
import { requireAbsolute } from '../local/local-browse.js';
import { send } from '../s3/requests/request.js';
import { checkEntryName, keyFor } from './entry-name.js';
import type { ManageTarget } from '../buckets/manage-target.js';

/** True when some key starts with `prefix` (a folder exists if anything is in it, marker or not). */
export async function prefixInUse(t: ManageTarget, bucket: string, prefix: string): Promise<boolean> {
  const out = await send(t.env, t.conn, t.signal, () => new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, MaxKeys: 1 }));
  return (out.KeyCount ?? out.Contents?.length ?? 0) > 0;
}

export async function createS3Folder(t: ManageTarget, bucket: string, prefix: string, name: string): Promise<string> {
  if (!bucket) throw new FerryError('invalid-arguments', 'Open a bucket first: a folder lives inside one.');
  const key = keyFor(prefix, name, true);
  if (await prefixInUse(t, bucket, key)) {
    throw new FerryError('conflict', `A folder named "${name}" already exists here.`, { details: { field: 'name', key } });
  }
  await send(t.env, t.conn, t.signal, () => new PutObjectCommand({ Bucket: bucket, Key: key, Body: new Uint8Array(0), ContentLength: 0 }));
  return key;
}

export async function createLocalFolder(parent: string, name: string): Promise<string> {
  checkEntryName(name);
  if (name.includes('\\') && process.platform === 'win32') {
    throw new FerryError('invalid-arguments', 'A name cannot contain "\\" here.', { details: { field: 'name' } });
  }
  const target = path.join(requireAbsolute(parent), name);
  try {
    await mkdir(target);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new FerryError('conflict', `"${name}" already exists here.`, { details: { field: 'name' } });
    }
    throw err;
  }
  return target;
}
