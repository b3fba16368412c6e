/**
 * An endpoint with a bucket in its path ("https://s3.example.com/photos", pasted from a bucket's address) is a
 * common mistake that S3 does not refuse: asked for its buckets, the server lists that bucket's objects instead,
 * and the answer reads as an account without buckets. Where the endpoint has a path, the bucket list's answer is
 * looked at: a bucket's listing (ListBucketResult) in its place is an error that says what to change.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { smithyProtocols } from '../../sdk/load-sdk.js';
import { Readable } from 'node:stream';
import { FerryError } from '../../api/errors.js';

/** The root of a bucket's object listing, where a bucket list's is ListAllMyBucketsResult. */
const OBJECT_LISTING = '<ListBucketResult';

export function bucketInEndpointError(endpoint: string, cause?: unknown): FerryError {
  const url = new URL(endpoint);
  const path = url.pathname.replace(/\/+$/, '');
  const bucket = path.split('/').filter(Boolean)[0] ?? path;
  return new FerryError(
    'invalid-arguments',
    `The endpoint has a path (${path}), and the server took it for a bucket: asked for its buckets, it answered about "${bucket}". Use ${url.origin} as the endpoint, and open the bucket from the bucket list.`,
    { details: { field: 'endpoint' }, cause },
  );
}

/** Refuses a bucket's listing given as the bucket list, on a client whose endpoint has a path; others are left alone. */
export function refuseBucketInEndpoint(client: S3Client, endpoint: string | undefined): void {
  if (!endpoint || new URL(endpoint).pathname.replace(/\/+$/, '') === '') return;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName !== 'ListBucketsCommand') return next(args);
      const out = await next(args);
      const response = out.response;
      if (!smithyProtocols().HttpResponse.isInstance(response) || response.statusCode !== 200 || !(response.body instanceof Readable))
        return out;
      const chunks: Buffer[] = [];
      for await (const chunk of response.body) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array));
      const body = Buffer.concat(chunks);
      // The root element comes first, after at most an XML declaration.
      if (body.subarray(0, 512).toString('utf8').includes(OBJECT_LISTING)) throw bucketInEndpointError(endpoint);
      response.body = Readable.from([body]);
      return out;
    },
    // Innermost, beside the error-body cap: the raw answer, before the SDK's parser reads it.
    { step: 'deserialize', priority: 'low', name: 'ferryBucketInEndpoint' },
  );
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName !== 'ListBucketsCommand') return next(args);
      return next(args).catch((err: unknown) => {
        // A path that reaches past a bucket (a key, or a bucket that is not there) gets an error instead of a listing.
        const name = (err as { name?: unknown } | null)?.name;
        throw name === 'NoSuchKey' || name === 'NoSuchBucket' ? bucketInEndpointError(endpoint, err) : err;
      });
    },
    // Outermost: the SDK's parser has made the answer an error by then.
    { step: 'initialize', name: 'ferryBucketInEndpointErrors' },
  );
}
