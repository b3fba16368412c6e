/**
 * A reverse proxy in front of a real S3 server that passes every request
 * untouched (signatures hold: the Host header stays the one the client
 * signed), except those `rewrite` takes: a signed request cannot be changed
 * on its way, so for those the proxy asks the server again itself, unsigned,
 * with the path and headers `rewrite` gives. The bucket must let anyone do
 * what those requests do (`publicRead` in whole-answer-proxy.ts). This is how
 * the tests play servers that answer differently from the ones here: one that
 * ignores Range, one that lists only in ListObjects' first version.
 */
import { createServer, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Unsigned {
  path: string;
  headers: IncomingHttpHeaders;
}

export interface RunningProxy {
  endpoint: string;
  /** Requests asked again unsigned whose answer was a 200. */
  readonly rewritten: number;
  close(): Promise<void>;
}

export async function startUnsignedProxy(
  upstream: string,
  rewrite: (req: IncomingMessage, url: URL) => Unsigned | undefined,
): Promise<RunningProxy> {
  const target = new URL(upstream);
  let rewritten = 0;
  const server: Server = createServer((req, res) => {
    const instead = rewrite(req, new URL(req.url ?? '/', 'http://proxy'));
    const out = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: instead ? instead.path : req.url,
        headers: instead ? instead.headers : req.headers,
      },
      (answer) => {
        if (instead && answer.statusCode === 200) rewritten++;
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
        answer.on('error', () => res.destroy());
      },
    );
    out.on('error', () => res.destroy());
    if (instead) {
      req.resume();
      out.end();
    } else req.pipe(out);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    get rewritten() {
      return rewritten;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
