/**
 * Serve mode: the same core and renderer, for a browser, on 127.0.0.1 only.
 * Every HTTP request and the WebSocket handshake pass the request guard
 * first; the first page load with ?token= sets a same-site cookie so the
 * page's own scripts and socket carry the token without putting it in every URL.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { createCore, type FerryCore } from '../core/ferry-core.js';
import { demoSession, type DemoSession } from '../demo/demo-session.js';
import { checkRequest, TOKEN_COOKIE } from './request-guard.js';
import { contentSecurityPolicy, serveStatic } from './static-files.js';
import { handleDownload, isDownloadRequest } from './download-route.js';
import { handleUpload, isUploadRequest } from './upload-route.js';
import { handlePreview, isPreviewRequest } from './preview-route.js';
import { attachSocket, MAX_MESSAGE_BYTES } from './ws-transport.js';

export interface ServeOptions {
  rendererDir: string;
  port?: number;
  homeDir?: string;
  userDataDir?: string;
  /** Keys for this session only (the default, never a prompt), or kept in the passphrase vault. */
  secrets?: 'session' | 'vault';
  /** --root folders: the local pane, downloads and uploads stay inside them. None: any file the user can read. */
  roots?: string[];
}

export interface ServeHandle {
  url: string;
  port: number;
  token: string;
  core: FerryCore;
  /** The demo clouds (`--demo`, or the first-start button), stopped by close() before the core. */
  demo: DemoSession;
  close(): Promise<void>;
}

function guardInput(req: IncomingMessage) {
  return { host: req.headers.host, origin: req.headers.origin, url: req.url ?? '/', cookie: req.headers.cookie };
}

export async function startServe(options: ServeOptions): Promise<ServeHandle> {
  const token = randomBytes(24).toString('base64url');
  const core = createCore({
    shell: 'serve',
    ...(options.homeDir ? { homeDir: options.homeDir } : {}),
    ...(options.userDataDir ? { userDataDir: options.userDataDir } : {}),
    secrets: { prefer: options.secrets ?? 'session' },
    ...(options.roots?.length ? { localRoots: options.roots } : {}),
    demo: { start: async () => ({ connectionIds: (await demo.start()).connectionIds }) },
  });
  const demo = demoSession(core);
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  wss.on('error', () => undefined);
  let port = 0;

  const server: Server = createServer((req, res) => {
    const verdict = checkRequest(guardInput(req), token, port);
    if (!verdict.allowed) {
      res.writeHead(verdict.status, { 'content-type': 'text/plain; charset=utf-8' }).end(`${verdict.reason}\n`);
      return;
    }
    if (isUploadRequest(req)) {
      // Writes must come from Ferry's own page: a browser always sends Origin with them, and the guard checked it.
      if (req.headers.origin === undefined) {
        res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' }).end('Origin required\n');
        return;
      }
      void handleUpload(req, res, core.uploads);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    if (isDownloadRequest(req)) {
      void handleDownload(req, res, core);
      return;
    }
    if (isPreviewRequest(req)) {
      void handlePreview(req, res, core);
      return;
    }
    const headers: Record<string, string> = {
      'content-security-policy': contentSecurityPolicy(port),
      'referrer-policy': 'no-referrer',
      'x-frame-options': 'DENY',
    };
    if (verdict.tokenFromUrl) headers['set-cookie'] = `${TOKEN_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Strict`;
    serveStatic(options.rendererDir, req.url ?? '/', res, headers).catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
    });
  });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // A client that resets the connection mid-handshake must cost only that connection.
    socket.on('error', () => socket.destroy());
    const verdict = checkRequest(guardInput(req), token, port);
    const path = new URL(req.url ?? '/', 'http://placeholder').pathname;
    if (!verdict.allowed || path !== '/ws') {
      const status = verdict.allowed ? '404 Not Found' : verdict.status === 401 ? '401 Unauthorized' : '403 Forbidden';
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => attachSocket(ws, core));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    core,
    demo,
    async close() {
      // The demo's connections go while the core still runs; its servers and folder with them.
      await demo.stop().catch(() => undefined);
      for (const client of wss.clients) client.terminate();
      wss.close();
      core.dispose();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
