/**
 * An error answer's body is read only as far as its first 256 KiB. The SDK's
 * error parser reads a body whole, so a server (or anything between) that
 * sends a 503 with a 200 MB page would fill the heap; S3's error documents are
 * a few hundred bytes, and their head says what went wrong.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import { smithyProtocols } from '../../../sdk/load-sdk.js';
import { Readable } from 'node:stream';
import { xmlField } from './response.js';

export const ERROR_BODY_CAP = 256 * 1024;

const escape = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * An error document rebuilt from the head of one too long to read: its Code,
 * RequestId and Message (flagged as cut), so the SDK's parser sees a whole
 * document and the user still learns what the server said.
 */
function fromHead(text: string, cap: number): Buffer {
  const field = (tag: string) => {
    const value = xmlField(text, tag);
    return value === undefined ? '' : `<${tag}>${escape(value.slice(0, 1024))}</${tag}>`;
  };
  const message = xmlField(text, 'Message');
  const note = `the server's error page was longer than ${cap / 1024} KiB; only its start was read`;
  return Buffer.from(
    `<?xml version="1.0" encoding="UTF-8"?><Error>${field('Code')}${field('RequestId')}<Message>${escape(
      message ? `${message.slice(0, 1024)} (${note})` : note,
    )}</Message></Error>`,
  );
}

async function* head(body: Readable, cap: number): AsyncGenerator<Buffer> {
  const chunks: Buffer[] = [];
  let taken = 0;
  for await (const chunk of body) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
    if (taken + buf.length > cap) {
      chunks.push(buf.subarray(0, cap - taken));
      // The rest is never read: the connection goes with it instead of being kept for another request.
      body.destroy();
      yield fromHead(Buffer.concat(chunks).toString('utf8'), cap);
      return;
    }
    taken += buf.length;
    chunks.push(buf);
  }
  yield Buffer.concat(chunks);
}

/** The first `cap` bytes of a body, as a stream the SDK's error parser reads like the original. */
export function cappedBody(body: Readable, cap = ERROR_BODY_CAP): Readable {
  return Readable.from(head(body, cap), { objectMode: false });
}

/** The response with its body capped when its status is not 2xx; a success is left alone. */
export function capErrorResponse<T>(response: T): T {
  if (!smithyProtocols().HttpResponse.isInstance(response)) return response;
  const ok = response.statusCode >= 200 && response.statusCode < 300;
  if (!ok && response.body instanceof Readable) response.body = cappedBody(response.body);
  return response;
}

/** Caps every error body this client's requests receive, whatever sent them. */
export function applyErrorBodyCap(client: S3Client): void {
  client.middlewareStack.add(
    (next) => async (args) => {
      const out = await next(args);
      capErrorResponse(out.response);
      return out;
    },
    // Innermost: between the HTTP handler and the SDK's deserializer, which reads error bodies whole.
    { step: 'deserialize', priority: 'low', name: 'ferryErrorBodyCap' },
  );
}
