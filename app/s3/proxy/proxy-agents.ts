/**
 * Sockets through a proxy, for the SDK's HTTP handler (and so for Ferry's
 * prepared requests, which use the same handler). An https endpoint is
 * reached through a CONNECT tunnel, TLS running end to end inside it; an http
 * endpoint's requests are sent to the proxy whole, with the absolute URL as
 * their target. The proxy itself may be http or https. A proxy that cannot be
 * reached, asks for credentials or refuses the tunnel fails the request with
 * a message naming the proxy and its answer.
 */
import type { HttpRequest } from '@smithy/core/protocols';
import type { NodeHttpHandler, NodeHttpHandlerOptions } from '@smithy/node-http-handler';
import type { HttpHandlerOptions } from '@smithy/types';
import { Agent as HttpAgent, type AgentOptions } from 'node:http';
import { Agent as HttpsAgent, type AgentOptions as HttpsAgentOptions } from 'node:https';
import { connect as netConnect, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { connect as tlsConnect, type ConnectionOptions } from 'node:tls';
import { FerryError } from '../../api/errors.js';
import { httpHandlers, smithyProtocols } from '../../sdk/load-sdk.js';
import { proxyName, type ProxyChoice } from './proxy-choice.js';

const STATUS_WORDS: Record<number, string> = {
  403: 'Forbidden',
  407: 'Proxy Authentication Required',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

export function proxyAuthHeader(choice: ProxyChoice): string | undefined {
  if (!choice.auth) return undefined;
  return `Basic ${Buffer.from(`${choice.auth.username}:${choice.auth.password}`).toString('base64')}`;
}

function unreachable(choice: ProxyChoice, err: unknown): FerryError {
  const code = (err as NodeJS.ErrnoException).code ?? 'error';
  const why =
    code === 'ECONNREFUSED'
      ? 'nothing is listening there'
      : code === 'ENOTFOUND' || code === 'EAI_AGAIN'
        ? 'its host name is unknown'
        : code === 'ETIMEDOUT'
          ? 'it did not answer'
          : `${code}`;
  return new FerryError('network', `The proxy ${proxyName(choice)} cannot be reached: ${why}.`, {
    retryable: code !== 'ENOTFOUND',
    details: { proxy: choice.url.origin, proxySource: choice.source, errno: code },
    cause: err,
  });
}

export function proxyRefused(choice: ProxyChoice, status: number, target: string): FerryError {
  const words = STATUS_WORDS[status] ?? 'refused';
  const hint =
    status === 407
      ? choice.auth
        ? ' It did not accept the user name and password given for it.'
        : " It asks for a user name and password: set them in the connection's proxy setting or in the proxy URL."
      : '';
  return new FerryError('network', `The proxy ${proxyName(choice)} refused to connect to ${target} (HTTP ${status} ${words}).${hint}`, {
    details: { proxy: choice.url.origin, proxySource: choice.source, status },
  });
}

function proxyPort(choice: ProxyChoice): number {
  return Number(choice.url.port) || (choice.url.protocol === 'https:' ? 443 : 80);
}

/** A socket to the proxy itself (TLS when it is an https proxy), once connected. */
function socketToProxy(choice: ProxyChoice, timeoutMs: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const host = choice.url.hostname.replace(/^\[|\]$/g, '');
    const secure = choice.url.protocol === 'https:';
    const sock: Socket = secure
      ? tlsConnect({ host, port: proxyPort(choice), servername: host })
      : netConnect({ host, port: proxyPort(choice) });
    const timer = setTimeout(() => sock.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })), timeoutMs);
    sock.once('error', (err) => {
      clearTimeout(timer);
      reject(unreachable(choice, err));
    });
    sock.once(secure ? 'secureConnect' : 'connect', () => {
      clearTimeout(timer);
      sock.removeAllListeners('error');
      resolve(sock);
    });
  });
}

/** Opens a CONNECT tunnel to host:port through the proxy; resolves with the raw tunnel once the proxy says 200. */
export async function openTunnel(choice: ProxyChoice, host: string, port: number, timeoutMs: number): Promise<Socket> {
  const sock = await socketToProxy(choice, timeoutMs);
  const target = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  const auth = proxyAuthHeader(choice);
  return new Promise((resolve, reject) => {
    let head = Buffer.alloc(0);
    const fail = (err: FerryError) => {
      sock.destroy();
      reject(err);
    };
    const onError = (err: Error) => fail(unreachable(choice, err));
    const onData = (chunk: Buffer) => {
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) {
        if (head.length > 16 * 1024) fail(proxyRefused(choice, 502, target));
        return;
      }
      sock.off('data', onData);
      sock.off('error', onError);
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head.subarray(0, end).toString('latin1'))?.[1] ?? 0);
      if (status < 200 || status >= 300) return fail(proxyRefused(choice, status, target));
      const rest = head.subarray(end + 4);
      if (rest.length > 0) sock.unshift(rest);
      resolve(sock);
    };
    sock.on('data', onData);
    sock.on('error', onError);
    sock.write(`CONNECT ${target} HTTP/1.1\r\nHost: ${target}\r\n${auth ? `Proxy-Authorization: ${auth}\r\n` : ''}\r\n`);
  });
}

type Created = (err: Error | null, socket?: Duplex) => void;

/** https endpoints: each connection is a CONNECT tunnel with TLS to the endpoint inside it. */
class TunnelAgent extends HttpsAgent {
  constructor(
    private readonly choice: ProxyChoice,
    options: HttpsAgentOptions,
    private readonly timeoutMs: number,
  ) {
    super(options);
  }

  override createConnection(
    options: ConnectionOptions & { host?: string; port?: number; servername?: string },
    created: Created,
  ): undefined {
    const host = options.host ?? 'localhost';
    openTunnel(this.choice, host, Number(options.port) || 443, this.timeoutMs).then(
      (raw) => {
        const secure = tlsConnect({ ...options, socket: raw, servername: options.servername ?? host });
        created(null, secure);
      },
      (err: Error) => created(err),
    );
    return undefined;
  }
}

/** http endpoints: each connection goes to the proxy, which forwards requests sent with absolute URLs. */
class ForwardAgent extends HttpAgent {
  constructor(
    private readonly choice: ProxyChoice,
    options: AgentOptions,
    private readonly timeoutMs: number,
  ) {
    super(options);
  }

  override createConnection(_options: unknown, created: Created): undefined {
    socketToProxy(this.choice, this.timeoutMs).then(
      (sock) => created(null, sock),
      (err: Error) => created(err),
    );
    return undefined;
  }
}

type ProxiedOptions = NodeHttpHandlerOptions & { agentOptions: HttpsAgentOptions; connectTimeoutMs: number };

/**
 * The SDK's handler with proxied sockets. For an http endpoint it also puts
 * the absolute URL in the request line (after signing: the signature covers
 * the path as the server will see it) and tells a refusal by the proxy from
 * an answer of the server: only a server's answers carry x-amz- headers.
 * The class extends the SDK's handler, so it is defined when first needed,
 * with the SDK (app/sdk/load-sdk.ts).
 */
function proxiedHandlerClass() {
  const { NodeHttpHandler: Base } = httpHandlers();
  const { HttpRequest: Request } = smithyProtocols();
  return class ProxiedHttpHandler extends Base {
    constructor(
      private readonly choice: ProxyChoice,
      options: ProxiedOptions,
    ) {
      const { agentOptions, connectTimeoutMs, ...rest } = options;
      super({
        ...rest,
        httpAgent: new ForwardAgent(choice, agentOptions, connectTimeoutMs),
        httpsAgent: new TunnelAgent(choice, agentOptions, connectTimeoutMs),
      });
    }

    override async handle(request: HttpRequest, options?: HttpHandlerOptions): ReturnType<NodeHttpHandler['handle']> {
      if (request.protocol !== 'http:') return super.handle(request, options);
      const forwarded = Request.clone(request);
      const authority = request.port ? `${request.hostname}:${request.port}` : request.hostname;
      forwarded.path = `http://${authority}${request.path}`;
      const auth = proxyAuthHeader(this.choice);
      if (auth) forwarded.headers['proxy-authorization'] = auth;
      const out = await super.handle(forwarded, options);
      const { statusCode, headers } = out.response;
      const fromServer = Object.keys(headers).some((h) => h.toLowerCase().startsWith('x-amz-'));
      if (statusCode === 407 || (!fromServer && [403, 502, 503].includes(statusCode) && headers['via'] !== undefined)) {
        (out.response.body as Duplex | undefined)?.destroy?.();
        throw proxyRefused(this.choice, statusCode, authority);
      }
      return out;
    }
  };
}

let ProxiedHttpHandler: ReturnType<typeof proxiedHandlerClass> | undefined;

export function proxiedHttpHandler(choice: ProxyChoice, options: ProxiedOptions): NodeHttpHandler {
  ProxiedHttpHandler ??= proxiedHandlerClass();
  return new ProxiedHttpHandler(choice, options);
}
