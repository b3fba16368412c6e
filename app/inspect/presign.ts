/**
 * Presigned links: a GET of one object, or a PUT slot for an upload to one
 * key, that anyone holding the URL may use until it expires. The request is
 * built by the connection's own client (endpoint, addressing style, the
 * provider's middleware), stopped just before it would be signed and sent,
 * and signed for the query string instead with SigV4, whose links live at
 * most 7 days. A link is a secret: it is handed to the caller and never
 * logged, journalled or kept.
 */
import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { SignatureV4 } from '@smithy/signature-v4';
import type { HttpRequest as SignableRequest } from '@aws-sdk/types';
import { FerryError } from '../api/errors.js';
import type { PresignedLink, S3ItemRef } from '../api/inspect-types.js';
import { NodeSha256 } from '../s3/direct/prepared/node-sha256.js';

export const MIN_PRESIGN_SECONDS = 60;
/** SigV4 refuses a presigned request whose X-Amz-Expires is over a week. */
export const MAX_PRESIGN_SECONDS = 7 * 24 * 3600;

class Captured extends Error {
  constructor(readonly request: SignableRequest) {
    super('request captured for presigning');
  }
}

/** Runs the command through the client up to the signer, and keeps the request it built. */
async function buildRequest(client: S3Client, command: GetObjectCommand | PutObjectCommand): Promise<SignableRequest> {
  command.middlewareStack.addRelativeTo(
    () => async (args: { request: unknown }) => {
      throw new Captured(args.request as SignableRequest);
    },
    { relation: 'before', toMiddleware: 'httpSigningMiddleware', name: 'ferryPresignCapture', override: true },
  );
  try {
    await client.send(command);
  } catch (err) {
    if (err instanceof Captured) return err.request;
    throw err;
  }
  throw new FerryError('internal', 'The request to presign was sent instead of captured.');
}

function queryString(query: Record<string, string | string[] | null | undefined>): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(query)) {
    for (const value of Array.isArray(v) ? v : [v]) {
      parts.push(value === null || value === undefined ? encodeURIComponent(k) : `${encodeURIComponent(k)}=${encodeURIComponent(value)}`);
    }
  }
  return parts.join('&');
}

export function checkExpiry(seconds: number): void {
  if (!Number.isInteger(seconds) || seconds < MIN_PRESIGN_SECONDS || seconds > MAX_PRESIGN_SECONDS) {
    throw new FerryError(
      'invalid-arguments',
      `A presigned link lasts from 1 minute to 7 days (${MAX_PRESIGN_SECONDS} seconds, SigV4's limit); ${seconds} seconds is outside that.`,
      { details: { field: 'expiresSeconds' } },
    );
  }
}

export async function presign(
  client: S3Client,
  item: S3ItemRef,
  method: 'GET' | 'PUT',
  expiresSeconds: number,
  now: Date = new Date(),
  /** A GET of this version rather than the current one. */
  versionId?: string,
): Promise<PresignedLink> {
  checkExpiry(expiresSeconds);
  const input = { Bucket: item.bucket, Key: item.key };
  const request = await buildRequest(
    client,
    method === 'GET' ? new GetObjectCommand({ ...input, ...(versionId ? { VersionId: versionId } : {}) }) : new PutObjectCommand(input),
  );
  // Only the host is signed: whoever uses the link sends no other header Ferry could predict.
  const host = request.headers['host'] ?? `${request.hostname}${request.port ? `:${request.port}` : ''}`;
  request.headers = { host, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' };
  delete request.body;
  const signer = new SignatureV4({
    credentials: await client.config.credentials(),
    region: await client.config.region(),
    service: 's3',
    sha256: NodeSha256,
    uriEscapePath: false,
    applyChecksum: false,
  });
  const signed = await signer.presign(request, { expiresIn: expiresSeconds, signingDate: now });
  const port = signed.port ? `:${signed.port}` : '';
  const url = `${signed.protocol}//${signed.hostname}${port}${signed.path}?${queryString(signed.query ?? {})}`;
  return { url, method, expiresSeconds, expiresAt: new Date(now.getTime() + expiresSeconds * 1000).toISOString() };
}

/** "90s", "15m", "1h", "7d" (or plain seconds) for the command line. */
export function parseDuration(text: string): number {
  const m = /^(\d+)\s*([smhd]?)$/i.exec(text.trim());
  if (!m) throw new FerryError('invalid-arguments', `"${text}" is not a duration: use e.g. 90s, 15m, 1h or 7d.`);
  const unit = { '': 1, s: 1, m: 60, h: 3600, d: 86_400 }[(m[2] ?? '').toLowerCase() as '' | 's' | 'm' | 'h' | 'd'];
  return Number(m[1]) * unit;
}
