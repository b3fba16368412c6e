/**
 * Remembers the region of each bucket, learnt from the server itself: AWS
 * answers a request signed for the wrong region with 301 and
 * `x-amz-bucket-region`; MinIO-like servers answer 400
 * AuthorizationHeaderMalformed with the same header. The first answer is
 * followed (the request is retried for the right region) and remembered, so
 * later requests for that bucket go to the right region at once, this
 * session and the next.
 */
import type { S3Client } from '@aws-sdk/client-s3';

export interface RegionMemory {
  regionOf(bucket: string): string | undefined;
  learnt(bucket: string, region: string): void;
}

interface RedirectContext {
  commandName?: string;
  __s3RegionRedirect?: string;
}

interface ErrorLike {
  name?: string;
  $metadata?: { httpStatusCode?: number };
  $response?: { headers?: Record<string, string | undefined> };
}

function regionHint(err: unknown): string | undefined {
  const e = err as ErrorLike;
  const region = e?.$response?.headers?.['x-amz-bucket-region'];
  if (!region) return undefined;
  const status = e.$metadata?.httpStatusCode;
  if (status === 301) return region;
  if (status === 400 && (e.name === 'AuthorizationHeaderMalformed' || e.name === 'IllegalLocationConstraintException')) return region;
  return undefined;
}

const VALID_REGION = /^[a-z0-9-]{1,64}$/i;

export function applyRegionMemory(client: S3Client, signingRegion: string, memory: RegionMemory): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const ctx = context as RedirectContext;
      const bucket = (args.input as { Bucket?: unknown }).Bucket;
      if (typeof bucket !== 'string' || !bucket) return next(args);
      const known = memory.regionOf(bucket);
      if (known && known !== signingRegion) ctx.__s3RegionRedirect = known;
      try {
        const result = await next(args);
        // The SDK's own redirect handling (301, HeadBucket's 400) leaves the region it followed here.
        const followed = ctx.__s3RegionRedirect;
        if (followed && followed !== known) memory.learnt(bucket, followed);
        return result;
      } catch (err) {
        const hint = regionHint(err);
        const current = ctx.__s3RegionRedirect ?? signingRegion;
        if (!hint || hint === current || !VALID_REGION.test(hint)) throw err;
        ctx.__s3RegionRedirect = hint;
        const result = await next(args);
        memory.learnt(bucket, hint);
        return result;
      }
    },
    // Outside the SDK's own redirect middleware, so a remembered region is in place before it runs.
    { step: 'initialize', priority: 'high', name: 'ferryRegionMemory', override: true },
  );
}
