/**
 * A proxy in front of a real S3 server that behaves like a gateway which
 * drops the Range header: a GET of an object that asks for a range is
 * answered 200 with the whole object. Everything else passes untouched.
 * The bucket must let anyone read its objects (publicRead).
 */
import { PutBucketPolicyCommand, type S3Client } from '@aws-sdk/client-s3';
import type { IncomingHttpHeaders } from 'node:http';
import { startUnsignedProxy, type RunningProxy } from './unsigned-proxy';

/** Lets anyone read the bucket's objects, and with `list` list them (a proxy's own unsigned requests need it). */
export async function publicRead(client: S3Client, bucket: string, opts: { list?: boolean } = {}): Promise<void> {
  const statements = [{ Effect: 'Allow', Principal: { AWS: ['*'] }, Action: ['s3:GetObject'], Resource: [`arn:aws:s3:::${bucket}/*`] }];
  if (opts.list)
    statements.push({ Effect: 'Allow', Principal: { AWS: ['*'] }, Action: ['s3:ListBucket'], Resource: [`arn:aws:s3:::${bucket}`] });
  await client.send(
    new PutBucketPolicyCommand({ Bucket: bucket, Policy: JSON.stringify({ Version: '2012-10-17', Statement: statements }) }),
  );
}

/** The request's conditions and checksum mode, which an unsigned GET may carry; nothing that signs. */
function unsignedHeaders(h: IncomingHttpHeaders): IncomingHttpHeaders {
  const keep = ['host', 'if-match', 'if-none-match', 'x-amz-checksum-mode'];
  return Object.fromEntries(Object.entries(h).filter(([k]) => keep.includes(k)));
}

/** `rewritten` counts the ranged GETs answered with the whole object. */
export function startWholeAnswerProxy(upstream: string): Promise<RunningProxy> {
  return startUnsignedProxy(upstream, (req, url) => {
    // Path-style addressing: /bucket/key; a GET of a bucket (a listing) has no key.
    const isObject = (url.pathname.split('/')[2] ?? '') !== '';
    if (req.method !== 'GET' || !isObject || req.headers.range === undefined) return undefined;
    return { path: url.pathname, headers: unsignedHeaders(req.headers) };
  });
}
