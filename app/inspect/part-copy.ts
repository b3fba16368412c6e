/**
 * Rewrites an object above the provider's CopyObject limit: a multipart
 * upload onto the same key whose parts are UploadPartCopy ranges of the
 * current version. Every part names the source's ETag, so a concurrent write
 * fails the rewrite instead of mixing two objects; a failure aborts the
 * upload so no hidden parts are left.
 */
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  UploadPartCopyCommand,
  type CreateMultipartUploadCommandInput,
  type S3Client,
} from '@aws-sdk/client-s3';
import type { ProviderLimits } from '../api/connection-types.js';

const PARTS_IN_FLIGHT = 4;

export interface PartCopyPlan {
  bucket: string;
  key: string;
  /** Already encoded: bucket/key[?versionId=…]. */
  copySource: string;
  sourceEtag?: string;
  size: number;
  partSize: number;
  create: Omit<CreateMultipartUploadCommandInput, 'Bucket' | 'Key'>;
  /** Stops the copy between and during parts (an edit job paused or cancelled); the upload is then aborted. */
  signal?: AbortSignal;
}

/** Parts of `wanted` bytes, grown until the object fits the provider's part count. */
export function copyPartSize(size: number, wanted: number, limits: ProviderLimits): number {
  let part = Math.max(wanted, limits.minPartBytes);
  while (Math.ceil(size / part) > limits.maxParts) part *= 2;
  return Math.min(part, limits.maxPartBytes);
}

export async function multipartCopy(client: S3Client, plan: PartCopyPlan): Promise<{ etag?: string; versionId?: string }> {
  const { UploadId } = await client.send(new CreateMultipartUploadCommand({ Bucket: plan.bucket, Key: plan.key, ...plan.create }));
  const parts: { PartNumber: number; ETag: string }[] = [];
  const count = Math.max(1, Math.ceil(plan.size / plan.partSize));
  let next = 1;
  try {
    const worker = async () => {
      while (next <= count) {
        plan.signal?.throwIfAborted();
        const n = next++;
        const start = (n - 1) * plan.partSize;
        const end = Math.min(plan.size, start + plan.partSize) - 1;
        const out = await client.send(
          new UploadPartCopyCommand({
            Bucket: plan.bucket,
            Key: plan.key,
            UploadId,
            PartNumber: n,
            CopySource: plan.copySource,
            ...(plan.size > 0 ? { CopySourceRange: `bytes=${start}-${end}` } : {}),
            ...(plan.sourceEtag ? { CopySourceIfMatch: plan.sourceEtag } : {}),
          }),
          plan.signal ? { abortSignal: plan.signal } : {},
        );
        parts.push({ PartNumber: n, ETag: out.CopyPartResult?.ETag ?? '' });
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARTS_IN_FLIGHT, count) }, worker));
    parts.sort((a, b) => a.PartNumber - b.PartNumber);
    const done = await client.send(
      new CompleteMultipartUploadCommand({ Bucket: plan.bucket, Key: plan.key, UploadId, MultipartUpload: { Parts: parts } }),
    );
    return { ...(done.ETag ? { etag: done.ETag } : {}), ...(done.VersionId ? { versionId: done.VersionId } : {}) };
  } catch (err) {
    await client.send(new AbortMultipartUploadCommand({ Bucket: plan.bucket, Key: plan.key, UploadId })).catch(() => undefined);
    throw err;
  }
}
