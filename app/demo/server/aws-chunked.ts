/**
 * Undoes the `aws-chunked` content encoding an SDK may use for a streamed
 * upload: `size-in-hex[;chunk-signature=…]\r\n` + bytes + `\r\n`, ended by a
 * zero-size chunk and optional trailers (a checksum) before a blank line.
 * The bytes pass through as they arrive; only the framing is held. Chunk
 * signatures are not recomputed: the request's own signature was checked,
 * and the demo's keys never leave the machine.
 */
import { Transform, type TransformCallback } from 'node:stream';
import { S3Error } from './s3-error.js';

const bad = (why: string) => new S3Error('IncompleteBody', 400, `The aws-chunked body is malformed: ${why}.`);

/** A chunk header is short; one longer than this is not a header. */
const MAX_LINE = 4096;

export class AwsChunkedDecoder extends Transform {
  #line = '';
  /** Bytes still to pass in the current chunk; -1 while reading a header line. */
  #left = -1;
  #needCrlf = 0;
  #done = false;
  #trailers = '';

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    try {
      let i = 0;
      while (i < chunk.length) {
        if (this.#done) {
          this.#trailers += chunk.toString('latin1', i);
          if (this.#trailers.length > MAX_LINE) throw bad('its trailers are too long');
          break;
        }
        if (this.#needCrlf > 0) {
          const want = this.#needCrlf === 2 ? 13 : 10;
          if (chunk[i] !== want) throw bad('a chunk does not end with CRLF');
          this.#needCrlf--;
          i++;
          continue;
        }
        if (this.#left > 0) {
          const n = Math.min(this.#left, chunk.length - i);
          this.push(chunk.subarray(i, i + n));
          this.#left -= n;
          i += n;
          if (this.#left === 0) {
            this.#left = -1;
            this.#needCrlf = 2;
          }
          continue;
        }
        const nl = chunk.indexOf(10, i);
        const end = nl < 0 ? chunk.length : nl + 1;
        this.#line += chunk.toString('latin1', i, end);
        i = end;
        if (this.#line.length > MAX_LINE) throw bad('a chunk header is too long');
        if (nl < 0) continue;
        const header = this.#line.replace(/\r?\n$/, '');
        this.#line = '';
        const size = /^([0-9a-fA-F]{1,16})(;.*)?$/.exec(header);
        if (!size) throw bad(`"${header.slice(0, 40)}" is not a chunk header`);
        this.#left = parseInt(size[1] ?? '', 16);
        if (this.#left === 0) this.#done = true;
      }
      cb();
    } catch (err) {
      cb(err as Error);
    }
  }

  override _flush(cb: TransformCallback): void {
    cb(this.#done ? null : bad('it ends before its last chunk'));
  }
}

/** Whether a request's body is aws-chunked (by its payload hash or its content encoding). */
export function isAwsChunked(contentSha256: string | undefined, contentEncoding: string | undefined): boolean {
  return (contentSha256 ?? '').startsWith('STREAMING-') || /(^|,)\s*aws-chunked\s*(,|$)/.test(contentEncoding ?? '');
}
