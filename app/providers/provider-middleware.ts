/**
 * Request rewrites some providers need, as SDK middleware: a Content-MD5 on
 * DeleteObjects (the SDK sends only a CRC32 there, which MinIO-like servers
 * refuse), no checksum headers at all for servers that reject them, and no
 * `x-id` query for Google. They run in the build step, before signing.
 */
import { createHash } from 'node:crypto';
import type { S3Client } from '@aws-sdk/client-s3';
import type { ClientSettings } from './client-settings.js';

interface BuildArgs {
  request: { headers: Record<string, string>; query?: Record<string, unknown>; body?: unknown };
}

function bodyBytes(body: unknown): Buffer | undefined {
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  if (body instanceof Uint8Array) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  return undefined;
}

export function applyProviderMiddleware(client: S3Client, settings: ClientSettings): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const { request } = args as unknown as BuildArgs;
      if (request?.headers) {
        if (settings.stripChecksumHeaders) {
          request.headers = Object.fromEntries(
            Object.entries(request.headers).filter(([name]) => !/^x-amz-(checksum-|sdk-checksum-algorithm)/i.test(name)),
          );
        }
        if (settings.contentMd5OnDelete && context.commandName === 'DeleteObjectsCommand') {
          const bytes = bodyBytes(request.body);
          const has = Object.keys(request.headers).some((h) => h.toLowerCase() === 'content-md5');
          if (bytes && !has) request.headers['content-md5'] = createHash('md5').update(bytes).digest('base64');
        }
        if (settings.stripXIdQuery && request.query) delete request.query['x-id'];
      }
      return next(args);
    },
    { step: 'build', priority: 'low', name: 'ferryProviderQuirks', override: true },
  );
}
