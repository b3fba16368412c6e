/**
 * Errors about a bucket carry its name, on every path. The SDK keeps the name only where the server's answer has
 * it, and MinIO's InvalidBucketName does not: the request's own bucket says the same, so the message can name it
 * (error-mapping.ts) instead of saying "this name".
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { BUCKET_ERRORS } from '../direct/prepared/response.js';

export function nameBucketsInErrors(client: S3Client): void {
  client.middlewareStack.add(
    (next) => async (args) => {
      try {
        return await next(args);
      } catch (err) {
        const e = err as { name?: unknown; BucketName?: unknown } | null;
        const bucket = (args.input as { Bucket?: unknown }).Bucket;
        if (typeof e?.name === 'string' && BUCKET_ERRORS.has(e.name) && !e.BucketName && typeof bucket === 'string') e.BucketName = bucket;
        throw err;
      }
    },
    { step: 'initialize', name: 'ferryBucketNamedErrors' },
  );
}
