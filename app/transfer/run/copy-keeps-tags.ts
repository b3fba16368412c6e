/**
 * Whether a server-side copy on a connection carries the source's tags. S3
 * copies them (x-amz-tagging-directive COPY is the default), and so does
 * MinIO; s3rver ignores the directive and the copy lands untagged. Ferry
 * learns which once per connection (per run of the core) with a probe in
 * the bucket it is copying into: a tagged empty object under
 * `.ferry-probe/`, copied beside itself, the copy's tags read, both removed.
 * Where the copy keeps tags nothing more is done; where it does not, each
 * copied object's tags are carried by keepTags after the copy verifies. In
 * a bucket that locks what is written (Object Lock with a default retention)
 * nothing is written to find out: the probe's objects could not be removed.
 */
import { CopyObjectCommand, DeleteObjectCommand, GetObjectTaggingCommand, PutObjectCommand } from '../../s3/commands/s3-commands.js';
import { randomUUID } from 'node:crypto';
import { send, type Conn, type RequestEnv } from '../../s3/requests/request.js';
import { copySource } from '../methods/write-s3.js';
import { supportsTagging } from '../item/attributes.js';
import { lockedOnWrite } from '../../probe/locked-bucket.js';

const learned = new Map<string, Promise<boolean>>();

async function probe(env: RequestEnv, conn: Conn, bucket: string, signal: AbortSignal): Promise<boolean> {
  const base = `.ferry-probe/${randomUUID()}/`;
  const source = `${base}tags`;
  const copy = `${base}tags-copy`;
  // Removed by exact version where the bucket keeps versions, so no version or delete marker is left behind.
  const written: { key: string; versionId: string | undefined }[] = [];
  // Not known: each copy then reads its source's tags and writes them where they differ, which is right either way.
  if (await lockedOnWrite(conn.client, bucket, signal)) return false;
  try {
    try {
      const put = await send(
        env,
        conn,
        signal,
        () => new PutObjectCommand({ Bucket: bucket, Key: source, Body: new Uint8Array(0), Tagging: 'ferry-probe=1' }),
      );
      written.push({ key: source, versionId: put.VersionId });
    } catch (err) {
      if (signal.aborted) throw err;
      // A tagged write is refused (no tagging here, or no right to write): no tag can be lost by a copy either.
      return true;
    }
    try {
      const copied = await send(
        env,
        conn,
        signal,
        () => new CopyObjectCommand({ Bucket: bucket, Key: copy, CopySource: copySource(bucket, source) }),
      );
      written.push({ key: copy, versionId: copied.VersionId });
      const out = await send(env, conn, signal, () => new GetObjectTaggingCommand({ Bucket: bucket, Key: copy }));
      return (out.TagSet ?? []).some((t) => t.Key === 'ferry-probe' && t.Value === '1');
    } catch (err) {
      if (signal.aborted) throw err;
      // Not known: each copy then reads its source's tags and writes them where they differ, which is right either way.
      return false;
    }
  } finally {
    for (const w of written.reverse()) {
      const version = w.versionId && w.versionId !== 'null' ? { VersionId: w.versionId } : {};
      await send(env, conn, new AbortController().signal, () => new DeleteObjectCommand({ Bucket: bucket, Key: w.key, ...version })).catch(
        () => undefined,
      );
    }
  }
}

/** True when a CopyObject on `conn` keeps tags by itself (or there are none to keep). */
export function copyKeepsTags(env: RequestEnv, conn: Conn, bucket: string, signal: AbortSignal): Promise<boolean> {
  if (!supportsTagging(conn)) return Promise.resolve(true);
  const id = conn.id;
  let answer = learned.get(id);
  if (!answer) {
    answer = probe(env, conn, bucket, signal);
    learned.set(id, answer);
    // A probe cut short (a pause, a cancel, a dropped connection) says nothing: the next copy asks again.
    answer.catch(() => learned.delete(id));
  }
  return answer;
}
