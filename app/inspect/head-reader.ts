/**
 * One HEAD of an object, read completely: the SDK's parsed output for the
 * fields it models, and every raw response header for the rest (the
 * inspector's "raw HEAD" and headers the SDK drops).
 */
import { HeadObjectCommand, type HeadObjectCommandOutput, type S3Client } from '@aws-sdk/client-s3';
import type { S3ItemRef } from '../api/inspect-types.js';

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
  const out = await client.send(command);
  return { out, raw };
}
