/**
 * The fault matrix's hostile HTTP hop, in front of a Toxiproxy proxy (which
 * injects the network faults) in front of a real S3 server. It passes every
 * request through untouched (signatures still hold: the Host header stays
 * the one Ferry signed) and logs it, and it gives the answers a real server
 * cannot be made to give on demand: 503 SlowDown with Retry-After, 403 as if
 * the access key had been revoked, a connection dropped after the server
 * did the work (the client never hears it was done), and a body cut a few
 * bytes before its end.
 */
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SeenRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  copySource: boolean;
  range: string | undefined;
  /** The status passed back (0 while waiting; -1 when the proxy dropped or cut the answer). */
  status: number;
  /** What the proxy did instead of passing the answer, if anything. */
  hostile?: 'slowdown' | 'revoked' | 'dropped' | 'cut';
  at: number;
  /** When the proxy gave its own answer (503 or 403). */
  answeredAt?: number;
  /** Body bytes in both directions, counted as they flow. */
  bytes: number;
}

/** What to do with one request: pass it, or one of the hostile answers. */
export type Hostility = 'pass' | 'slowdown' | 'revoked' | 'drop-after-server' | 'cut-before-end';

export interface FaultProxy {
  endpoint: string;
  readonly seen: SeenRequest[];
  /** Connections to the next hop that failed (a reset or stall injected behind this proxy). */
  readonly upstreamErrors: number;
  /** Decides per request; the default passes everything. */
  rule: (r: SeenRequest) => Hostility;
  /**
   * Holds a request back until the promise it returns settles, so a fault can be in place before
   * the next request reaches the server; the default holds nothing.
   */
  hold: (r: SeenRequest) => Promise<void> | undefined;
  close(): Promise<void>;
}

const xmlError = (code: string, message: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message><RequestId>fault-proxy</RequestId></Error>`;

function refuse(res: ServerResponse, status: number, code: string, message: string, extra: Record<string, string> = {}): void {
  const body = xmlError(code, message);
  res.writeHead(status, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(body), ...extra });
  res.end(body);
}

export async function startFaultProxy(upstreamEndpoint: string): Promise<FaultProxy> {
  const upstream = new URL(upstreamEndpoint);
  const seen: SeenRequest[] = [];
  let upstreamErrors = 0;
  const proxy: FaultProxy = {
    endpoint: '',
    seen,
    get upstreamErrors() {
      return upstreamErrors;
    },
    rule: () => 'pass',
    hold: () => undefined,
    close: async () => {},
  };

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://proxy');
    const entry: SeenRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      copySource: req.headers['x-amz-copy-source'] !== undefined,
      range: typeof req.headers.range === 'string' ? req.headers.range : undefined,
      status: 0,
      at: Date.now(),
      bytes: 0,
    };
    seen.push(entry);
    const held = proxy.hold(entry);
    // A request the client gave up on while it was held (its own timeout) goes no further.
    if (held) void held.then(() => (req.socket.destroyed ? undefined : forward(req, res, entry)));
    else forward(req, res, entry);
  };

  const forward = (req: IncomingMessage, res: ServerResponse, entry: SeenRequest) => {
    const action = proxy.rule(entry);
    if (action === 'slowdown' || action === 'revoked') {
      // The request body is read and dropped, as a server that refuses does.
      req.resume();
      entry.hostile = action;
      req.on('end', () => {
        entry.answeredAt = Date.now();
        if (action === 'slowdown') {
          entry.status = 503;
          refuse(res, 503, 'SlowDown', 'Please reduce your request rate.', { 'retry-after': '1' });
        } else {
          entry.status = 403;
          refuse(res, 403, 'InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.');
        }
      });
      return;
    }
    const out = httpRequest(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        const status = answer.statusCode ?? 502;
        const length = Number(answer.headers['content-length'] ?? -1);
        if (action === 'drop-after-server') {
          // The server did the work; its answer is read whole and never delivered.
          answer.resume();
          answer.on('end', () => {
            entry.status = -1;
            entry.hostile = 'dropped';
            req.socket.destroy();
          });
          return;
        }
        const cutAt = action === 'cut-before-end' && status < 300 && length > 64 ? length - 16 : -1;
        entry.status = status;
        res.writeHead(status, answer.headers);
        answer.on('data', (chunk: Buffer) => {
          if (cutAt >= 0 && entry.bytes + chunk.length >= cutAt) {
            res.write(chunk.subarray(0, cutAt - entry.bytes));
            entry.bytes = cutAt;
            entry.status = -1;
            entry.hostile = 'cut';
            answer.destroy();
            req.socket.destroy();
            return;
          }
          entry.bytes += chunk.length;
          if (!res.write(chunk)) {
            answer.pause();
            res.once('drain', () => answer.resume());
          }
        });
        answer.on('end', () => res.end());
        answer.on('error', () => {
          upstreamErrors++;
          req.socket.destroy();
        });
      },
    );
    out.on('error', () => {
      upstreamErrors++;
      req.socket.destroy();
    });
    req.on('data', (chunk: Buffer) => (entry.bytes += chunk.length));
    req.on('error', () => out.destroy());
    res.on('close', () => {
      if (!res.writableFinished) out.destroy();
    });
    req.pipe(out);
  };

  const server: Server = createServer(handle);
  server.on('clientError', (_err, socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  proxy.endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  proxy.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return proxy;
}
