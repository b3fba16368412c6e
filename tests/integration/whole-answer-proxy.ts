/**
 * A reverse proxy in front of a real S3 server that behaves like a gateway
 * which drops the Range header: a GET of an object that asks for a range is
 * answered 200 with the whole object. Everything else passes untouched
 * (signatures hold: the Host header stays the one the client signed).
 *
 * The Range header is signed, so the proxy cannot strip it and pass the
 * request on; it fetches the object again without it, anonymously. The
 * bucket must let anyone read its objects (publicRead below).
 */
import { PutBucketPolicyCommand, type S3Client } from '@aws-sdk/client-s3';
import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import { listenLocal } from './listen-local';

export interface WholeAnswerProxy {
  endpoint: string;
  /** Ranged GETs answered with the whole object so far. */
  readonly wholeAnswers: number;
  close(): Promise<void>;
}

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

export async function startWholeAnswerProxy(upstream: string): Promise<WholeAnswerProxy> {
  const target = new URL(upstream);
  let wholeAnswers = 0;
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://proxy');
    // Path-style addressing: /bucket/key; a GET of a bucket (a listing) has no key.
    const isObject = url.pathname.split('/').length > 2 && url.pathname.split('/')[2] !== '';
    const drop = req.method === 'GET' && isObject && req.headers.range !== undefined;
    const out = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: drop ? url.pathname : req.url,
        headers: drop ? unsignedHeaders(req.headers) : req.headers,
      },
      (answer) => {
        if (drop && answer.statusCode === 200) wholeAnswers++;
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
        answer.on('error', () => res.destroy());
      },
    );
    out.on('error', () => res.destroy());
    if (drop) {
      req.resume();
      out.end();
    } else req.pipe(out);
  });
  const { endpoint, close } = await listenLocal(server);
  return {
    endpoint,
    get wholeAnswers() {
      return wholeAnswers;
    },
    close,
  };
}
