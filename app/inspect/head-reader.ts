/**
 * One HEAD of an object, read completely: the SDK's parsed output for the
 * fields it models, and every raw response header for the rest (the
 * inspector's "raw HEAD" and headers the SDK drops).
 */
import { GetObjectCommand, HeadObjectCommand, type HeadObjectCommandOutput, type S3Client } from '@aws-sdk/client-s3';
import { FerryError } from '../api/errors.js';
import type { S3ItemRef } from '../api/inspect-types.js';
import { statusOf } from '../s3/requests/request.js';

export interface FullHead {
  out: HeadObjectCommandOutput;
  raw: Record<string, string>;
}

export async function headWithRawHeaders(
  client: S3Client,
  item: S3ItemRef,
  options: { checksums?: boolean; versionId?: string } = {},
): Promise<FullHead> {
  let raw: Record<string, string> = {};
  const command = new HeadObjectCommand({
    Bucket: item.bucket,
    Key: item.key,
    ...(options.checksums ? { ChecksumMode: 'ENABLED' } : {}),
    ...(options.versionId ? { VersionId: options.versionId } : {}),
  });
  command.middlewareStack.add(
    (next) => async (args) => {
      const result = await next(args);
      const response = result.response as { headers?: Record<string, string> };
      raw = Object.fromEntries(Object.entries(response.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]));
      return result;
    },
    { step: 'deserialize', name: 'ferryInspectHeaders', priority: 'low' },
  );
  try {
    const out = await client.send(command);
    return { out, raw };
  } catch (err) {
    if (statusOf(err) === 400 && (await needsCustomerKey(client, item, options.versionId))) {
      throw new FerryError(
        'unsupported',
        `${item.key} is encrypted with a customer-provided key (SSE-C): its size, headers and metadata can be read, and the object changed, only with that key, which Ferry does not hold.`,
        { details: { encryption: 'SSE-C' } },
      );
    }
    throw err;
  }
}

/**
 * A HEAD answers an SSE-C object asked without its key with a bare 400 (a
 * HEAD has no body to say why); a one-byte GET gets the server's words.
 */
async function needsCustomerKey(client: S3Client, item: S3ItemRef, versionId: string | undefined): Promise<boolean> {
  try {
    const out = await client.send(
      new GetObjectCommand({ Bucket: item.bucket, Key: item.key, Range: 'bytes=0-0', ...(versionId ? { VersionId: versionId } : {}) }),
    );
    await out.Body?.transformToByteArray();
    return false;
  } catch (err) {
    const e = err as { name?: string; message?: string; Code?: string };
    return statusOf(err) === 400 && /encrypt|customer|SSE/i.test(`${e.name ?? ''} ${e.Code ?? ''} ${e.message ?? ''}`);
  }
}
