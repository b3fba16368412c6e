/**
 * Keys that may not list buckets can still use the buckets the user named
 * (the answer to "access denied to list buckets" in the connection test).
 * When ListBuckets is refused and the profile names buckets, the refusal is
 * answered with those names, so the bucket list shows what the user can open.
 */
import type { ListBucketsCommandOutput, S3Client } from '@aws-sdk/client-s3';

const DENIED = new Set(['AccessDenied', 'Forbidden', 'AllAccessDisabled']);

export function applyNamedBuckets(client: S3Client, named: () => string[]): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName !== 'ListBucketsCommand') return next(args);
      try {
        return await next(args);
      } catch (err) {
        const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
        const buckets = named();
        if (buckets.length === 0 || !(DENIED.has(e.name ?? '') || e.$metadata?.httpStatusCode === 403)) throw err;
        const output: ListBucketsCommandOutput = { Buckets: buckets.map((Name) => ({ Name })), $metadata: { httpStatusCode: 200 } };
        return { output, response: {} } as Awaited<ReturnType<typeof next>>;
      }
    },
    { step: 'initialize', priority: 'low', name: 'ferryNamedBuckets', override: true },
  );
}
