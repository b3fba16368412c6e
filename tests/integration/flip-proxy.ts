/**
 * A reverse proxy in front of a real S3 server that corrupts what it passes:
 * for GETs of the keys it is told to spoil, one byte of each 2xx body is
 * inverted on its way out, everything else (headers, signatures, other
 * requests) goes through untouched. The server still answers with its own
 * ETag and checksums, so a client that checks nothing gets wrong bytes with
 * every sign of success. With `uploads`, it spoils the bodies of PUTs
 * (objects and parts) on their way in instead, after the client signed and
 * checksummed them.
 */
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FlipProxy {
  endpoint: string;
  /** Bodies corrupted so far. */
  readonly flipped: number;
  close(): Promise<void>;
}

/** Starts the proxy; `spoil(key)` says which objects' bodies get a byte inverted (at offset `at`, or the last byte of a shorter body). */
export async function startFlipProxy(
  upstream: string,
  spoil: (key: string) => boolean,
  at = 1000,
  opts: { uploads?: boolean } = {},
): Promise<FlipProxy> {
  const target = new URL(upstream);
  let flipped = 0;
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://proxy');
    // Path-style addressing: /bucket/key.
    const key = decodeURIComponent(url.pathname.split('/').slice(2).join('/'));
    const out = httpRequest(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        const status = answer.statusCode ?? 502;
        res.writeHead(status, answer.headers);
        const corrupt = !opts.uploads && req.method === 'GET' && status >= 200 && status < 300 && key !== '' && spoil(key);
        let offset = 0;
        let done = false;
        const length = Number(answer.headers['content-length'] ?? -1);
        const spot = length > 0 ? Math.min(at, length - 1) : at;
        answer.on('data', (chunk: Buffer) => {
          if (corrupt && !done && spot >= offset && spot < offset + chunk.length) {
            const copy = Buffer.from(chunk);
            copy[spot - offset] = (copy[spot - offset] ?? 0) ^ 0xff;
            chunk = copy;
            done = true;
            flipped++;
          }
          offset += chunk.length;
          if (!res.write(chunk)) {
            answer.pause();
            res.once('drain', () => answer.resume());
          }
        });
        answer.on('end', () => res.end());
        answer.on('error', () => res.destroy());
      },
    );
    out.on('error', () => res.destroy());
    if (!(opts.uploads && req.method === 'PUT' && key !== '' && spoil(key))) {
      req.pipe(out);
      return;
    }
    // The body's length stays as signed; one byte of it changes.
    const length = Number(req.headers['content-length'] ?? -1);
    const spot = length > 0 ? Math.min(at, length - 1) : at;
    let offset = 0;
    req.on('data', (chunk: Buffer) => {
      if (spot >= offset && spot < offset + chunk.length) {
        chunk = Buffer.from(chunk);
        chunk[spot - offset] = (chunk[spot - offset] ?? 0) ^ 0xff;
        flipped++;
      }
      offset += chunk.length;
      out.write(chunk);
    });
    req.on('end', () => out.end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    get flipped() {
      return flipped;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
