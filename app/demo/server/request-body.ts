/**
 * A request's body on its way into the demo store: decoded if aws-chunked,
 * counted, and hashed as it streams to its file (MD5 for the ETag and
 * Content-MD5, SHA-256 when the client signed the payload's hash), so an
 * object of any size costs the same little memory. A body that does not
 * match what its headers promised is refused and its file removed.
 */
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AwsChunkedDecoder, isAwsChunked } from './aws-chunked.js';
import { S3Error } from './s3-error.js';

export interface WrittenBody {
  size: number;
  md5: Buffer;
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(',') : v;
}

/** The body as sent by the client's code: aws-chunked framing removed. */
function source(req: IncomingMessage): Readable {
  return isAwsChunked(header(req, 'x-amz-content-sha256'), header(req, 'content-encoding')) ? req.pipe(new AwsChunkedDecoder()) : req;
}

/** What the headers promise about the body, checked once it has all passed. */
function check(req: IncomingMessage, size: number, md5: Buffer, sha256: string | undefined): void {
  const declared =
    header(req, 'x-amz-decoded-content-length') ??
    (isAwsChunked(header(req, 'x-amz-content-sha256'), header(req, 'content-encoding')) ? undefined : header(req, 'content-length'));
  if (declared !== undefined && Number(declared) !== size)
    throw new S3Error(
      'IncompleteBody',
      400,
      `You did not provide the number of bytes specified by the Content-Length header (${size} of ${declared}).`,
    );
  const contentMd5 = header(req, 'content-md5');
  if (contentMd5 !== undefined) {
    if (!/^[A-Za-z0-9+/]{22}==$/.test(contentMd5.trim()))
      throw new S3Error('InvalidDigest', 400, 'The Content-MD5 you specified is not valid.');
    if (Buffer.from(contentMd5.trim(), 'base64').compare(md5) !== 0)
      throw new S3Error('BadDigest', 400, 'The Content-MD5 you specified did not match what we received.');
  }
  const claimed = header(req, 'x-amz-content-sha256');
  if (sha256 !== undefined && claimed !== sha256)
    throw new S3Error('XAmzContentSHA256Mismatch', 400, "The provided 'x-amz-content-sha256' header does not match what was computed.");
}

/** Whether the client signed the payload's own SHA-256 (not UNSIGNED-PAYLOAD or a streaming marker). */
function signsPayload(req: IncomingMessage): boolean {
  return /^[0-9a-f]{64}$/.test(header(req, 'x-amz-content-sha256') ?? '');
}

/** Streams the body to `file`; throws the S3 refusal (and leaves the file for the caller to remove) when it does not match. */
export async function writeBody(req: IncomingMessage, file: string): Promise<WrittenBody> {
  const md5 = createHash('md5');
  const sha = signsPayload(req) ? createHash('sha256') : undefined;
  let size = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      size += chunk.length;
      md5.update(chunk);
      sha?.update(chunk);
      cb(null, chunk);
    },
  });
  await pipeline(source(req), meter, createWriteStream(file));
  const digest = md5.digest();
  check(req, size, digest, sha?.digest('hex'));
  return { size, md5: digest };
}

/** A small body (an XML request) as text; larger than `cap` is refused before it is all read. */
export async function readSmallBody(req: IncomingMessage, cap = 2 * 1024 * 1024): Promise<string> {
  const pieces: Buffer[] = [];
  let size = 0;
  for await (const chunk of source(req)) {
    size += (chunk as Buffer).length;
    if (size > cap) throw new S3Error('MaxMessageLengthExceeded', 400, `Your request was too big (over ${cap} bytes).`);
    pieces.push(chunk as Buffer);
  }
  const body = Buffer.concat(pieces);
  const sha = signsPayload(req) ? createHash('sha256').update(body).digest('hex') : undefined;
  check(req, size, createHash('md5').update(body).digest(), sha);
  return body.toString('utf8');
}

/** Reads and drops a body the answer does not need, so the connection stays usable. */
export async function drainBody(req: IncomingMessage): Promise<void> {
  for await (const _ of req) void _;
}
