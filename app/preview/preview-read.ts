/**
 * Reading a slice of an object or file for a preview: one ranged GET (or
 * one positioned read on disk) of at most the cap, so a 10 GB log costs one
 * request for its first 256 KiB. The bytes come with what Ferry sniffed and
 * what the server claimed; the page shows both and trusts neither blindly.
 */
import { GetObjectCommand } from '../sdk/s3-commands.js';
import { open } from 'node:fs/promises';
import path from 'node:path';
import { FerryError } from '../api/errors.js';
import type { ItemRef } from '../api/types.js';
import { requireAbsolute } from '../local/local-browse.js';
import { contentTypeFor } from '../local/content-type.js';
import type { S3ClientPool } from '../s3/client-factory.js';
import { errorName, statusOf } from '../s3/requests/request.js';
import { sniff, type Sniffed } from './sniff.js';

/** What a text preview reads at a time ("load more" reads the next slice). */
export const TEXT_CAP = 256 * 1024;
/** The largest image (or other whole-file preview) Ferry reads; larger ones are not previewed. */
export const WHOLE_CAP = 16 * 1024 * 1024;

export interface PreviewSlice {
  name: string;
  /** The whole object's size. */
  size: number;
  offset: number;
  bytes: Buffer;
  /** The server's Content-Type (for a local file: the one its extension implies). */
  claimed: string;
  /** From the slice's bytes; meaningful for the slice at offset 0. */
  sniffed: Sniffed;
}

export interface SliceRequest {
  offset: number;
  length: number;
}

function checkRange(r: SliceRequest): void {
  if (!Number.isSafeInteger(r.offset) || r.offset < 0)
    throw new FerryError('invalid-arguments', 'A preview offset is a whole number of bytes.');
  if (!Number.isSafeInteger(r.length) || r.length < 1 || r.length > WHOLE_CAP) {
    throw new FerryError('invalid-arguments', `A preview reads 1 byte to ${WHOLE_CAP / 1024 / 1024} MiB at a time.`);
  }
}

/** `limit` bytes of the body after its first `skip` (which only a server that ignored the Range sends). */
async function readBody(body: AsyncIterable<Uint8Array>, limit: number, skip: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let got = 0;
  for await (const chunk of body) {
    const from = Math.max(0, Math.min(chunk.length, skip - got));
    got += chunk.length;
    if (from < chunk.length) chunks.push(Buffer.from(chunk.subarray(from)));
    // A server that ignored the Range is cut off here, not read to its end.
    if (got >= skip + limit) break;
  }
  return Buffer.concat(chunks).subarray(0, limit);
}

async function readS3(
  item: Extract<ItemRef, { kind: 's3' }>,
  clients: S3ClientPool,
  r: SliceRequest,
  signal: AbortSignal,
): Promise<PreviewSlice> {
  const name = item.key.slice(item.key.lastIndexOf('/') + 1);
  try {
    const out = await clients
      .get(item.connectionId)
      .send(new GetObjectCommand({ Bucket: item.bucket, Key: item.key, Range: `bytes=${r.offset}-${r.offset + r.length - 1}` }), {
        abortSignal: signal,
      });
    // A 200 to a ranged GET is the whole object: the slice asked for starts r.offset bytes in.
    const skip = out.$metadata.httpStatusCode === 200 ? r.offset : 0;
    const bytes = out.Body ? await readBody(out.Body as AsyncIterable<Uint8Array>, r.length, skip) : Buffer.alloc(0);
    (out.Body as { destroy?: () => void } | undefined)?.destroy?.();
    const total = Number(/\/(\d+)$/.exec(out.ContentRange ?? '')?.[1] ?? out.ContentLength ?? bytes.length);
    return { name, size: total, offset: r.offset, bytes, claimed: out.ContentType ?? '', sniffed: sniff(bytes, name) };
  } catch (err) {
    // A range past the end (an empty object, or "load more" at the end) is simply nothing more to show.
    if (statusOf(err) === 416 || errorName(err) === 'InvalidRange') {
      return { name, size: r.offset, offset: r.offset, bytes: Buffer.alloc(0), claimed: '', sniffed: sniff(Buffer.alloc(0), name) };
    }
    throw err;
  }
}

async function readLocal(file: string, r: SliceRequest): Promise<PreviewSlice> {
  const p = requireAbsolute(file);
  const handle = await open(p, 'r');
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new FerryError('invalid-arguments', `${p} is not a file.`);
    const length = Math.max(0, Math.min(r.length, info.size - r.offset));
    const bytes = Buffer.alloc(length);
    const { bytesRead } = length > 0 ? await handle.read(bytes, 0, length, r.offset) : { bytesRead: 0 };
    const name = path.basename(p);
    const slice = bytes.subarray(0, bytesRead);
    return { name, size: info.size, offset: r.offset, bytes: slice, claimed: await contentTypeFor(p), sniffed: sniff(slice, name) };
  } finally {
    await handle.close();
  }
}

export async function readPreview(item: ItemRef, clients: S3ClientPool, r: SliceRequest, signal: AbortSignal): Promise<PreviewSlice> {
  checkRange(r);
  return item.kind === 'local' ? readLocal(item.path, r) : readS3(item, clients, r, signal);
}
