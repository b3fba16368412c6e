// A small forward proxy for the proxy tests: absolute-form requests for http
// endpoints, CONNECT tunnels for https ones, optional basic auth, and a count
// of what it carried. Plus a TLS front for a plain-http server, so CONNECT has
// an https endpoint to lead to.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { connect as netConnect, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createServer as createTlsServer, type Server as TlsServer } from 'node:tls';

export interface ForwardProxy {
  url: string;
  /** `METHOD host:port` of every request forwarded in absolute form. */
  forwarded: string[];
  /** `host:port` of every tunnel opened. */
  tunnels: string[];
  /** Requests and tunnels turned away with 407. */
  refusedAuth: number;
  /** Answer every request with this status instead of passing it on. */
  refuse?: number;
  /** user:password the proxy demands, if any. */
  credentials?: string;
  server: Server;
  close(): Promise<void>;
}

export async function startProxy(): Promise<ForwardProxy> {
  const p = { forwarded: [], tunnels: [], refusedAuth: 0 } as unknown as ForwardProxy;
  const authorized = (header: string | undefined) => !p.credentials || header === `Basic ${Buffer.from(p.credentials).toString('base64')}`;
  p.server = createServer((req, res) => {
    if (!authorized(req.headers['proxy-authorization'])) {
      p.refusedAuth++;
      res.writeHead(407, { 'proxy-authenticate': 'Basic realm="test"', via: '1.1 test-proxy' }).end();
      return;
    }
    if (p.refuse) {
      res.writeHead(p.refuse, { via: '1.1 test-proxy', 'content-type': 'text/html' }).end('<h1>denied by policy</h1>');
      return;
    }
    // A forward proxy sees the absolute URL; what it sends on is the origin form.
    const target = new URL(req.url ?? '');
    p.forwarded.push(`${req.method} ${target.host}`);
    const headers = { ...req.headers };
    delete headers['proxy-authorization'];
    const out = httpRequest(
      { host: target.hostname, port: target.port, method: req.method, path: `${target.pathname}${target.search}`, headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    out.on('error', () => res.destroy());
    req.pipe(out);
  });
  p.server.on('connect', (req, socket, head) => {
    socket.on('error', () => undefined);
    if (!authorized(req.headers['proxy-authorization'])) {
      p.refusedAuth++;
      socket.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="test"\r\n\r\n');
      return;
    }
    if (p.refuse) {
      socket.end(`HTTP/1.1 ${p.refuse} Forbidden\r\n\r\n`);
      return;
    }
    p.tunnels.push(req.url ?? '');
    const [host, port] = (req.url ?? '').split(':');
    const up = netConnect(Number(port), host ?? '');
    up.on('error', () => socket.destroy());
    up.on('connect', () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) up.write(head);
      socket.pipe(up).pipe(socket);
    });
  });
  await new Promise<void>((r) => p.server.listen(0, '127.0.0.1', () => r()));
  p.url = `http://127.0.0.1:${(p.server.address() as AddressInfo).port}`;
  p.close = async () => {
    p.server.closeAllConnections();
    await new Promise<void>((r) => p.server.close(() => r()));
  };
  return p;
}

export interface TlsFront {
  /** https://127.0.0.1:PORT, leading to the plain server. */
  endpoint: string;
  /** The self-signed certificate to trust for it. */
  caFile: string;
  server: TlsServer;
  close(): Promise<void>;
}

/** TLS on 127.0.0.1 in front of a plain-http endpoint (as a reverse proxy would be), with a self-signed certificate for 127.0.0.1 made here. */
export async function startTlsFront(plainEndpoint: string, commonName = 'Ferry proxy test'): Promise<TlsFront> {
  const dir = mkdtempSync(path.join(tmpdir(), 'ferry-tls-front-'));
  const caFile = path.join(dir, 'ca.pem');
  const keyFile = path.join(dir, 'key.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '1',
      '-subj',
      `/CN=${commonName}`,
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-keyout',
      keyFile,
      '-out',
      caFile,
    ],
    { stdio: 'ignore' },
  );
  const upstream = new URL(plainEndpoint);
  const server = createTlsServer({ key: readFileSync(keyFile), cert: readFileSync(caFile) }, (socket) => {
    const up = netConnect(Number(upstream.port), upstream.hostname);
    socket.pipe(up).pipe(socket);
    up.on('error', () => socket.destroy());
    socket.on('error', () => up.destroy());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return {
    endpoint: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
    caFile,
    server,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
