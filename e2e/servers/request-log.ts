// A logging reverse proxy in front of a test server: every request passes
// through unchanged (path, query, headers, body, so signatures still hold)
// and is recorded as method, path, query and the headers that tell S3
// operations apart. Tests read the log to prove what was sent: that a copy
// ran inside the server (x-amz-copy-source), or that a resumed upload sent
// only the missing parts.
import { request as httpRequest, createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LoggedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  copySource: string | undefined;
  status: number;
  at: number;
  /** The Range header asked for, if any. */
  range: string | undefined;
  /** Response body bytes passed back to Ferry (counted as they flow). */
  bytesOut: number;
  /** When the whole answer had been passed back (undefined while it flows or if it was cut). */
  endedAt?: number;
}

export interface RequestLog {
  /** Connect here instead of the server. */
  endpoint: string;
  requests: LoggedRequest[];
  /** UploadPart requests (not part copies), optionally only those after `since`. */
  uploadParts(since?: number): LoggedRequest[];
  stop(): Promise<void>;
}

export async function startRequestLog(upstreamEndpoint: string): Promise<RequestLog> {
  const upstream = new URL(upstreamEndpoint);
  const requests: LoggedRequest[] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://proxy');
    // The Host header stays the proxy's: the request was signed for it.
    const headers: IncomingHttpHeaders = { ...req.headers };
    const entry: LoggedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      copySource: typeof req.headers['x-amz-copy-source'] === 'string' ? req.headers['x-amz-copy-source'] : undefined,
      status: 0,
      at: Date.now(),
      range: typeof req.headers.range === 'string' ? req.headers.range : undefined,
      bytesOut: 0,
    };
    const out = httpRequest({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers }, (answer) => {
      entry.status = answer.statusCode ?? 0;
      requests.push(entry);
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.on('data', (chunk: Buffer) => (entry.bytesOut += chunk.length));
      answer.on('end', () => (entry.endedAt = Date.now()));
      answer.pipe(res);
    });
    out.on('error', () => res.destroy());
    req.on('aborted', () => out.destroy());
    res.on('close', () => out.destroy());
    req.pipe(out);
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests,
    uploadParts: (since = 0) =>
      requests.filter((r) => r.method === 'PUT' && r.query.has('partNumber') && r.query.has('uploadId') && !r.copySource && r.at >= since),
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
