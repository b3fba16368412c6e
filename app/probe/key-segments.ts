/**
 * Does this server keep a key such as "a/../b" or "a//b" under exactly that
 * key? AWS does; servers that keep objects as files (MinIO, versitygw,
 * s3rver) resolve the dot segments or merge the empty ones, so the object
 * would land under another name. Ferry finds out by writing one small object
 * whose key holds all three forms under a fresh folder of `.ferry-probe/`,
 * listing that folder, and removing whatever the server stored there.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { DeleteObjectCommand, ListObjectsV2Command, ListObjectVersionsCommand, PutObjectCommand } from '../sdk/s3-commands.js';
import { randomUUID } from 'node:crypto';
import type { ProbeKeySegments } from '../api/connection-types.js';
import { CHECKSUM_PROBE_PREFIX } from './capability-probe.js';
import { lockedOnWrite } from './locked-bucket.js';

interface ErrorLike {
  name?: string;
  $metadata?: { httpStatusCode?: number };
}

export interface KeySegmentsAnswer {
  keySegments: ProbeKeySegments;
  detail: string;
}

/** "." and ".." segments and an empty one, all inside the probe's own folder ("a/.." stays in it). */
export const SEGMENTS_PROBE_TAIL = './a/../b//c';

export async function probeKeySegments(client: S3Client, bucket: string, abortSignal?: AbortSignal): Promise<KeySegmentsAnswer> {
  const folder = `${CHECKSUM_PROBE_PREFIX}segments-${randomUUID()}/`;
  const key = folder + SEGMENTS_PROBE_TAIL;
  const opts = abortSignal ? { abortSignal } : {};
  let versionId: string | undefined;
  const locked = await lockedOnWrite(client, bucket, abortSignal);
  if (locked) return { keySegments: 'unknown', detail: locked };
  try {
    const put = await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: Buffer.from('ferry') }), opts);
    versionId = put.VersionId;
  } catch (err) {
    const e = err as ErrorLike;
    const status = e.$metadata?.httpStatusCode;
    if (status === 403 || e.name === 'AccessDenied')
      return { keySegments: 'unknown', detail: 'the key may not write to this bucket, so Ferry could not check' };
    // A server that refuses the key outright (MinIO: XMinioInvalidResourceName; s3rver's routes: 404) cannot store it either.
    if (status !== undefined && status >= 400 && status < 500 && status !== 429 && e.name !== 'NoSuchBucket')
      return { keySegments: 'changed', detail: `the server refuses such keys (${e.name ?? `HTTP ${status}`})` };
    return { keySegments: 'unknown', detail: `Ferry could not check (${e.name ?? 'error'})` };
  }
  let stored: string[];
  try {
    const out = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: folder }), opts);
    stored = (out.Contents ?? []).map((o) => o.Key ?? '');
  } catch (err) {
    // The object sits under a name Ferry cannot see; the server resolves a delete of the sent key the way it resolved the write.
    await remove(client, bucket, key, versionId);
    const e = err as ErrorLike & { $response?: unknown };
    // A server that answered but cannot list the key back (s3rver's listing breaks on it) does not keep it usably.
    if (e.$metadata?.httpStatusCode || e.$response)
      return { keySegments: 'changed', detail: `the server took the key but cannot list it back (${e.name ?? 'error'})` };
    return { keySegments: 'unknown', detail: `Ferry could not list what it wrote (${e.name ?? 'error'})` };
  }
  const verbatim = stored.length === 1 && stored[0] === key;
  for (const k of stored) await remove(client, bucket, k, k === key ? versionId : await onlyVersion(client, bucket, k));
  if (verbatim) return { keySegments: 'verbatim', detail: 'the server keeps "." and ".." segments and empty ones as sent' };
  const where = stored.length > 0 ? `"${stored[0]?.slice(folder.length)}"` : 'a name outside its folder';
  return { keySegments: 'changed', detail: `the server stored "${SEGMENTS_PROBE_TAIL}" as ${where}` };
}

/** On a versioned bucket the probe removes its own version, not just hides it behind a delete marker. */
async function onlyVersion(client: S3Client, bucket: string, key: string): Promise<string | undefined> {
  try {
    const out = await client.send(new ListObjectVersionsCommand({ Bucket: bucket, Prefix: key, MaxKeys: 2 }));
    const mine = (out.Versions ?? []).filter((v) => v.Key === key);
    return mine.length === 1 ? mine[0]?.VersionId : undefined;
  } catch {
    return undefined;
  }
}

async function remove(client: S3Client, bucket: string, key: string, versionId: string | undefined): Promise<void> {
  await client
    .send(new DeleteObjectCommand({ Bucket: bucket, Key: key, ...(versionId && versionId !== 'null' ? { VersionId: versionId } : {}) }))
    .catch(() => undefined);
}
