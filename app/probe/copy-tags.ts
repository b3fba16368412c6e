/**
 * Does a server-side copy on this server carry the source's tags? S3
 * copies them (x-amz-tagging-directive COPY is the default), and so does
 * MinIO; s3rver ignores the directive and the copy lands untagged. A
 * transfer asks the first time it copies inside a server where tags could
 * be lost: a tagged empty object under `.ferry-probe/`, copied beside
 * itself, the copy's tags read, both removed (each version, on a versioned
 * bucket). The answer is kept with the connection, so it is asked once per
 * server, not once per run. Never in a bucket that locks what is written
 * (locked-bucket.ts): its objects could not be removed.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { CopyObjectCommand, DeleteObjectCommand, GetObjectTaggingCommand, PutObjectCommand } from '../sdk/s3-commands.js';
import type { ProbeCopyTags } from '../api/connection-types.js';
import { CHECKSUM_PROBE_PREFIX } from './capability-probe.js';
import { lockedOnWrite } from './locked-bucket.js';

/** One name for every run, as for the conditional-writes probe: keys that may not delete leave two objects, not two per run. */
export const COPY_TAGS_PROBE_KEY = `${CHECKSUM_PROBE_PREFIX}copy-tags`;

/**
 * 'kept' or 'dropped' where a copy was made and its tags read; 'untaggable' where a tagged write is refused (no
 * tag can be lost by a copy there either); 'unknown' where nothing could be learnt (a locked bucket, a fault).
 */
export async function probeCopyTags(client: S3Client, bucket: string, abortSignal?: AbortSignal): Promise<ProbeCopyTags | 'untaggable'> {
  const source = COPY_TAGS_PROBE_KEY;
  const copy = `${COPY_TAGS_PROBE_KEY}-copy`;
  const opts = abortSignal ? { abortSignal } : {};
  // Removed by exact version where the bucket keeps versions, so no version or delete marker is left behind.
  const written: { key: string; versionId: string | undefined }[] = [];
  if (await lockedOnWrite(client, bucket, abortSignal)) return 'unknown';
  try {
    try {
      const put = await client.send(
        new PutObjectCommand({ Bucket: bucket, Key: source, Body: new Uint8Array(0), Tagging: 'ferry-probe=1' }),
        opts,
      );
      written.push({ key: source, versionId: put.VersionId });
    } catch (err) {
      if (abortSignal?.aborted) throw err;
      return 'untaggable';
    }
    try {
      const copied = await client.send(
        new CopyObjectCommand({
          Bucket: bucket,
          Key: copy,
          CopySource: `${bucket}/${source.split('/').map(encodeURIComponent).join('/')}`,
        }),
        opts,
      );
      written.push({ key: copy, versionId: copied.VersionId });
      const out = await client.send(new GetObjectTaggingCommand({ Bucket: bucket, Key: copy }), opts);
      return (out.TagSet ?? []).some((t) => t.Key === 'ferry-probe' && t.Value === '1') ? 'kept' : 'dropped';
    } catch (err) {
      if (abortSignal?.aborted) throw err;
      return 'unknown';
    }
  } finally {
    for (const w of written.reverse()) {
      const version = w.versionId && w.versionId !== 'null' ? { VersionId: w.versionId } : {};
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: w.key, ...version })).catch(() => undefined);
    }
  }
}
