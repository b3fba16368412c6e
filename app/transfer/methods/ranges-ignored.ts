/**
 * Servers that answer a ranged GET with the whole object.
 *
 * A GET with `Range` should come back 206 with the bytes asked for. Some
 * gateways, and HTTP caches put in front of a store, drop the header and
 * answer 200 with every byte. Read as a range, that looks like a broken body
 * ("received 1 GiB of 8 MiB"), and retrying it never helps. So such an answer
 * is named for what it is: a download then reads the object as one stream
 * (the endpoint is remembered, so the next large object goes straight there),
 * and a copy, which needs its source in parts, says why it cannot go on.
 */
import type { GetObjectCommandOutput } from '@aws-sdk/client-s3';
import { createHash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import { FerryError } from '../../api/errors.js';

/** Thrown for a ranged GET answered 200 with a body of another length. */
export class RangesIgnored extends FerryError {
  constructor(endpoint: string) {
    super('unsupported', `${endpoint} answered a request for part of an object with the whole object: it ignores Range.`, {
      details: { endpoint },
    });
  }
}

/** Endpoints seen to ignore Range, for this process: their downloads read each object as one stream. */
const ignoring = new Set<string>();

export function ignoresRanges(endpoint: string): boolean {
  return ignoring.has(endpoint);
}

/**
 * Throws RangesIgnored when `output` is the whole object where a range was
 * asked for. A 200 whose length is the range's is fine (a range that covers
 * the object may be answered that way).
 */
export function checkRangedAnswer(
  endpoint: string,
  ranged: boolean,
  output: GetObjectCommandOutput,
  received: number,
  asked: number,
): void {
  if (!ranged || received === asked || output.$metadata.httpStatusCode !== 200) return;
  ignoring.add(endpoint);
  throw new RangesIgnored(endpoint);
}

/** A copy's source read in parts, from a server that sends whole objects: what the user can do instead. */
export function cannotCopyInParts(endpoint: string, what: string, cause: unknown): FerryError {
  return new FerryError(
    'unsupported',
    `${endpoint} ignores Range: asked for part of ${what}, it sends the whole object, so Ferry cannot copy an object this large from it in parts. Download it to a folder, then upload it from there.`,
    { details: { endpoint, source: what }, cause },
  );
}

/**
 * The MD5 of each `partSize` stretch of a written file, read back: what a multipart ETag is built from, for an
 * object that came as one stream. Read a MiB at a time and hashed here; this path is rare enough not to need the
 * hash workers' lanes.
 */
export async function partMd5s(handle: FileHandle, partSize: number, size: number, signal: AbortSignal): Promise<string[]> {
  const out: string[] = [];
  const chunk = Buffer.allocUnsafe(Math.min(1024 * 1024, Math.max(1, size)));
  for (let start = 0; start < size; start += partSize) {
    const end = Math.min(size, start + partSize);
    const md5 = createHash('md5');
    for (let at = start; at < end;) {
      signal.throwIfAborted();
      const { bytesRead } = await handle.read(chunk, 0, Math.min(chunk.length, end - at), at);
      if (bytesRead === 0) break;
      md5.update(chunk.subarray(0, bytesRead));
      at += bytesRead;
    }
    out.push(md5.digest('hex'));
  }
  return out;
}
