/** Opens whatever a copy reads from (an S3 object or a local file) as one stream plus the attributes to carry across. */
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { FerryError } from '../api/errors.js';
import type { ItemRef } from '../api/types.js';
import { contentTypeFor } from '../local/content-type.js';
import { requireAbsolute } from '../local/local-browse.js';

/** Headers that describe the content and travel with it to the destination. */
export interface CarriedAttributes {
  contentType?: string;
  cacheControl?: string;
  contentDisposition?: string;
  contentEncoding?: string;
  contentLanguage?: string;
  metadata: Record<string, string>;
}

export interface OpenedSource {
  name: string;
  size: number;
  body: Readable;
  attributes: CarriedAttributes;
}

export function nameOf(item: ItemRef): string {
  if (item.kind === 'local') return path.basename(item.path);
  if (item.key.endsWith('/')) {
    throw new FerryError('invalid-arguments', `"${item.key}" is a folder marker; copying folders arrives with the transfer engine.`, {
      details: { bucket: item.bucket, key: item.key },
    });
  }
  const slash = item.key.lastIndexOf('/');
  return slash >= 0 ? item.key.slice(slash + 1) : item.key;
}

export async function openSource(item: ItemRef, s3: (connectionId: string) => S3Client, signal: AbortSignal): Promise<OpenedSource> {
  const name = nameOf(item);
  if (item.kind === 'local') {
    const file = requireAbsolute(item.path);
    const info = await stat(file);
    if (!info.isFile()) throw new FerryError('invalid-arguments', `${file} is not a file.`);
    return {
      name,
      size: info.size,
      body: createReadStream(file, { signal }),
      attributes: { contentType: contentTypeFor(file), metadata: {} },
    };
  }
  const out = await s3(item.connectionId).send(new GetObjectCommand({ Bucket: item.bucket, Key: item.key }), { abortSignal: signal });
  if (!out.Body)
    throw new FerryError('server', `The server sent no body for ${item.key}.`, { details: { bucket: item.bucket, key: item.key } });
  const attributes: CarriedAttributes = { metadata: { ...(out.Metadata ?? {}) } };
  if (out.ContentType) attributes.contentType = out.ContentType;
  if (out.CacheControl) attributes.cacheControl = out.CacheControl;
  if (out.ContentDisposition) attributes.contentDisposition = out.ContentDisposition;
  if (out.ContentEncoding) attributes.contentEncoding = out.ContentEncoding;
  if (out.ContentLanguage) attributes.contentLanguage = out.ContentLanguage;
  return { name, size: out.ContentLength ?? 0, body: out.Body as Readable, attributes };
}
