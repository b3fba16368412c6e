/**
 * The connections behind direct GET bodies (get-object.ts): plain or TLS
 * sockets kept alive per origin, each reading (`onread`) into whatever buffer
 * its current reader names, and just enough HTTP/1.1 to send a signed GET and
 * read its status and headers. A body the reader does not speak (chunked, no
 * length, an informational status, oversized headers) is refused with
 * NotDirect before any of it is read.
 */
import type { HttpRequest } from '@smithy/types';
import { queryString } from '../../../base/query-string.js';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import tls, { rootCertificates } from 'node:tls';
import { FerryError } from '../../../api/errors.js';
import { connectTimedOut } from '../../requests/refused-endpoints.js';

const HEAD_LIMIT = 64 * 1024;
/** The size of a connection's own read buffer (headers, and bodies read as streams). */
export const STREAM_CHUNK = 64 * 1024;
const IDLE_SOCKET_MS = 10_000;
const CONNECT_TIMEOUT_MS = 10_000;

/** An answer this reader does not speak; the caller reads it again through the SDK's client. */
export class NotDirect extends FerryError {
  constructor(origin: string, what: string) {
    super('network', `${origin} answered a GET with ${what}; reading it again through the standard client.`, { retryable: true });
  }
}

export function prematureClose(): Error {
  return Object.assign(new Error('Premature close: the connection ended before the whole body arrived.'), { code: 'ECONNRESET' });
}

export interface Listener {
  /** n bytes landed at the start of `buf` (what target() gave for this read); false pauses the socket. */
  bytes(n: number, buf: Buffer): boolean;
  fail(err: unknown): void;
}

/** One kept-alive connection, whose reads land wherever its current reader says. */
export class Wire {
  readonly socket: net.Socket;
  /**
   * Where the next read lands; set by whoever reads the connection now. Node
   * asks right after each read (even one that pauses the socket) and keeps
   * the answer for the next read, whenever that comes: a reader must hand
   * out only memory that stays its own until then.
   */
  target: () => Buffer;
  readonly scratch = Buffer.allocUnsafe(STREAM_CHUNK);
  listener: Listener | null = null;
  reusable = true;
  closed = false;
  #ready = false;
  #idle: NodeJS.Timeout | undefined;

  constructor(
    readonly origin: string,
    url: { protocol: string; hostname: string; port: number },
    caFile: string | undefined,
  ) {
    this.target = () => this.scratch;
    const onread = {
      buffer: () => this.target(),
      callback: (n: number, buf: Uint8Array) => this.listener?.bytes(n, buf as Buffer) ?? false,
    };
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
    this.socket =
      url.protocol === 'https:'
        ? // TLS sockets take `onread` like plain ones (Node passes it on), though the typings omit it.
          tls.connect({
            host,
            port: url.port,
            ...(net.isIP(host) ? {} : { servername: host }),
            ...(caFile ? { ca: [...rootCertificates, readFileSync(caFile, 'utf8')] } : {}),
            onread,
          } as tls.ConnectionOptions)
        : net.connect({ host, port: url.port, onread });
    this.socket.setNoDelay(true);
    this.socket.once(url.protocol === 'https:' ? 'secureConnect' : 'connect', () => {
      this.#ready = true;
    });
    const gone = (err?: unknown) => {
      this.closed = true;
      this.listener?.fail(err ?? prematureClose());
    };
    this.socket.on('error', gone);
    this.socket.on('end', () => gone());
    this.socket.on('close', () => gone());
  }

  connected(): Promise<void> {
    const s = this.socket;
    if (this.#ready) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        s.destroy(connectTimedOut(this.origin, `No connection to ${this.origin} within ${CONNECT_TIMEOUT_MS} ms.`));
      }, CONNECT_TIMEOUT_MS);
      const done = (err?: Error) => {
        clearTimeout(timer);
        s.off('error', done);
        s.off(s instanceof tls.TLSSocket ? 'secureConnect' : 'connect', ok);
        if (err) reject(err);
        else resolve();
      };
      const ok = () => done();
      s.once('error', done);
      s.once(s instanceof tls.TLSSocket ? 'secureConnect' : 'connect', ok);
    });
  }

  parked(): void {
    this.listener = null;
    // Node asks for the next read's buffer right after this one: it must be whole, for the next answer's head.
    this.target = () => this.scratch;
    this.socket.pause();
    this.socket.unref();
    this.#idle = setTimeout(() => this.destroy(), IDLE_SOCKET_MS);
    this.#idle.unref();
  }

  unparked(): void {
    clearTimeout(this.#idle);
    this.socket.ref();
  }

  destroy(): void {
    this.closed = true;
    clearTimeout(this.#idle);
    this.socket.destroy();
  }
}

const idle = new Map<string, Wire[]>();

function takeWire(origin: string): Wire | undefined {
  const list = idle.get(origin);
  for (let w = list?.pop(); w; w = list?.pop()) {
    if (!w.closed) {
      w.unparked();
      return w;
    }
  }
  return undefined;
}

/** Keeps a wire whose answer has been read whole for the next request to its origin (or closes it). */
export function parkWire(w: Wire): void {
  if (w.closed || !w.reusable) {
    w.destroy();
    return;
  }
  const list = idle.get(w.origin) ?? [];
  if (list.length >= 64) {
    w.destroy();
    return;
  }
  w.parked();
  list.push(w);
  idle.set(w.origin, list);
}

function originOf(req: HttpRequest): { origin: string; url: { protocol: string; hostname: string; port: number } } {
  const protocol = req.protocol.endsWith(':') ? req.protocol : `${req.protocol}:`;
  const port = req.port ?? (protocol === 'https:' ? 443 : 80);
  return { origin: `${protocol}//${req.hostname}:${port}`, url: { protocol, hostname: req.hostname, port } };
}

function requestHead(req: HttpRequest): string {
  const query = req.query ? queryString(req.query) : '';
  let head = `${req.method} ${req.path}${query ? `?${query}` : ''} HTTP/1.1\r\n`;
  for (const [name, value] of Object.entries(req.headers)) head += `${name}: ${value}\r\n`;
  return `${head}\r\n`;
}

export interface ResponseHead {
  status: number;
  reason: string;
  headers: Record<string, string>;
  length: number;
  keepAlive: boolean;
}

function parseHead(text: string, origin: string): ResponseHead {
  const lines = text.split('\r\n');
  const m = /^HTTP\/1\.([01]) (\d{3})(?: (.*))?$/.exec(lines[0] ?? '');
  if (!m) throw new NotDirect(origin, 'a status line it does not read');
  const headers: Record<string, string> = {};
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
  }
  const status = Number(m[2]);
  if (status < 200) throw new NotDirect(origin, `status ${status}`);
  if (headers['transfer-encoding'] !== undefined) throw new NotDirect(origin, `Transfer-Encoding: ${headers['transfer-encoding']}`);
  const length = headers['content-length'] === undefined ? -1 : Number(headers['content-length']);
  if (!Number.isSafeInteger(length) || length < 0) throw new NotDirect(origin, 'no Content-Length');
  const connection = (headers.connection ?? '').toLowerCase();
  const keepAlive = m[1] === '1' ? !connection.includes('close') : connection.includes('keep-alive');
  return { status, reason: m[3] ?? '', headers, length, keepAlive };
}

/** An answer's status and headers, with the body's first bytes (read with the headers) and the rest still on the wire. */
export interface Answer {
  head: ResponseHead;
  wire: Wire;
  early: Buffer;
}

/** Sends `req` (signed) on a kept-alive wire and resolves once its status and headers are in. */
export async function exchange(req: HttpRequest, caFile: string | undefined, signal: AbortSignal): Promise<Answer> {
  const { origin, url } = originOf(req);
  const text = requestHead(req);
  for (let attempt = 0; ; attempt++) {
    const reused = attempt === 0 ? takeWire(origin) : undefined;
    const wire = reused ?? new Wire(origin, url, caFile);
    try {
      return await onWire(wire, text, origin, signal);
    } catch (err) {
      wire.destroy();
      // A kept-alive connection the server had already closed: the request never got there, so send it again.
      if (reused && (err as { beforeAnswer?: boolean }).beforeAnswer && !signal.aborted) continue;
      throw err;
    }
  }
}

function onWire(wire: Wire, text: string, origin: string, signal: AbortSignal): Promise<Answer> {
  return new Promise((resolve, reject) => {
    let head = Buffer.allocUnsafe(8 * 1024);
    let got = 0;
    const finish = (err: unknown, value?: Answer) => {
      signal.removeEventListener('abort', onAbort);
      wire.listener = null;
      if (value) resolve(value);
      else reject(err);
    };
    const onAbort = () => finish(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    wire.target = () => wire.scratch;
    wire.listener = {
      fail: (err) => finish(got === 0 ? Object.assign(err as object, { beforeAnswer: true }) : err),
      bytes: (n, buf) => {
        if (got + n > head.length) {
          if (got + n > HEAD_LIMIT) {
            finish(new NotDirect(origin, 'headers over 64 KiB'));
            return false;
          }
          const bigger = Buffer.allocUnsafe(Math.min(HEAD_LIMIT, Math.max(head.length * 2, got + n)));
          head.copy(bigger, 0, 0, got);
          head = bigger;
        }
        buf.copy(head, got, 0, n);
        const from = Math.max(0, got - 3);
        got += n;
        const end = head.subarray(0, got).indexOf('\r\n\r\n', from, 'latin1');
        if (end < 0) return true;
        try {
          const parsed = parseHead(head.toString('latin1', 0, end), origin);
          const early = Buffer.from(head.subarray(end + 4, got));
          if (early.length > parsed.length) throw new NotDirect(origin, 'more bytes than its Content-Length');
          wire.reusable = parsed.keepAlive;
          finish(undefined, { head: parsed, wire, early });
        } catch (err) {
          finish(err);
        }
        // The body waits on the wire until its reader comes.
        return false;
      },
    };
    void wire.connected().then(() => {
      wire.socket.resume();
      wire.socket.write(text);
    }, wire.listener.fail);
  });
}
