/**
 * A move must not lose tags: its source is deleted afterwards, and with it
 * the only copy of them. Servers differ in what a copy carries: s3rver's
 * CopyObject ignores the tagging directive, and its HEAD does not report
 * x-amz-tagging-count, so tags cannot be carried on the write itself. After
 * the copy has verified, and before the source goes, the source's tags are
 * read; where the destination's differ, they are written onto it.
 */
import type { Tag } from '@aws-sdk/client-s3';
import { GetObjectTaggingCommand, PutObjectTaggingCommand } from '../../sdk/s3-commands.js';
import { send, type Conn, type RequestEnv } from '../../s3/requests/request.js';
import { supportsTagging } from './attributes.js';

export interface TaggedObject {
  conn: Conn;
  bucket: string;
  key: string;
}

async function tagsOf(env: RequestEnv, o: TaggedObject, signal: AbortSignal): Promise<Tag[] | null> {
  const out = await send(env, o.conn, signal, () => new GetObjectTaggingCommand({ Bucket: o.bucket, Key: o.key })).catch((err: unknown) => {
    if (signal.aborted) throw err;
    // A server without object tagging has none to lose.
    return null;
  });
  return out ? (out.TagSet ?? []) : null;
}

function sameTags(a: Tag[], b: Tag[]): boolean {
  const key = (tags: Tag[]) =>
    tags
      .map((t) => `${t.Key ?? ''}\u0000${t.Value ?? ''}`)
      .sort()
      .join('\u0001');
  return key(a) === key(b);
}

/** Makes the destination's tags equal the source's; true when it had to write them. */
export async function keepTags(env: RequestEnv, from: TaggedObject, to: TaggedObject, signal: AbortSignal): Promise<boolean> {
  if (!supportsTagging(from.conn) || !supportsTagging(to.conn)) return false;
  const source = await tagsOf(env, from, signal);
  if (!source || source.length === 0) return false;
  const landed = (await tagsOf(env, to, signal)) ?? [];
  if (sameTags(source, landed)) return false;
  await send(
    env,
    to.conn,
    signal,
    () =>
      new PutObjectTaggingCommand({
        Bucket: to.bucket,
        Key: to.key,
        Tagging: { TagSet: source.map((t) => ({ Key: t.Key, Value: t.Value })) },
      }),
  );
  return true;
}
