/** Opens one object or file for reading as a stream, for serve mode's browser downloads. */
import { GetObjectCommand } from '../sdk/s3-commands.js';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { FerryError } from '../api/errors.js';
import type { ItemRef } from '../api/types.js';
import type { S3ClientPool } from '../s3/client-factory.js';

export interface ReadableItem {
  name: string;
  size: number;
  contentType: string;
  body: Readable;
}

export async function readItem(item: ItemRef, clients: S3ClientPool, signal: AbortSignal): Promise<ReadableItem> {
  if (item.kind === 'local') {
    const info = await stat(item.path);
    if (!info.isFile()) throw new FerryError('invalid-arguments', `${item.path} is not a file.`);
    return {
      name: path.basename(item.path),
      size: info.size,
      contentType: 'application/octet-stream',
      body: createReadStream(item.path, { signal }),
    };
  }
  const out = await clients
    .get(item.connectionId)
    .send(new GetObjectCommand({ Bucket: item.bucket, Key: item.key }), { abortSignal: signal });
  if (!out.Body) throw new FerryError('server', `The server sent no body for ${item.key}.`);
  return {
    name: item.key.slice(item.key.lastIndexOf('/') + 1) || 'download',
    size: out.ContentLength ?? 0,
    contentType: out.ContentType ?? 'application/octet-stream',
    body: out.Body as Readable,
  };
}
