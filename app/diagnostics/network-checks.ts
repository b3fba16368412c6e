/**
 * The steps below S3: does the name resolve, does the port accept a
 * connection, does TLS come up with a certificate this machine trusts. Each
 * answers with the specific reason, so "Test connection" can say "nothing
 * listens on port 9000" instead of "network error".
 */
import { lookup } from 'node:dns/promises';
import { isIP, Socket } from 'node:net';
import { checkServerIdentity, connect as tlsConnect, rootCertificates, type PeerCertificate, type TLSSocket } from 'node:tls';
import type { CertificateInfo, DiagnosticCode } from '../api/connection-types.js';

export type CheckResult<T = string> =
  | { ok: true; detail: string; value?: T }
  | { ok: false; code: DiagnosticCode; message: string; certificate?: CertificateInfo; offer?: 'trust-ca' | 'use-http' | 'proxy-password' };

export const NETWORK_TIMEOUT_MS = 5_000;

export async function checkDns(host: string, timeoutMs = NETWORK_TIMEOUT_MS): Promise<CheckResult> {
  if (isIP(host.replace(/^\[|\]$/g, ''))) return { ok: true, detail: `${host} is an IP address; no lookup needed` };
  let timer: NodeJS.Timeout | undefined;
  try {
    const found = await Promise.race([
      lookup(host, { all: true }),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(Object.assign(new Error('timed out'), { code: 'ETIMEOUT' })), timeoutMs);
      }),
    ]);
    return { ok: true, detail: `${host} resolves to ${found.map((a) => a.address).join(', ')}` };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'unknown';
    const why =
      code === 'ENOTFOUND'
        ? `the host name ${host} does not exist (check its spelling, or the account id or region it was built from)`
        : code === 'ETIMEOUT' || code === 'EAI_AGAIN'
          ? `no DNS server answered for ${host} in time (is this machine offline, or behind a VPN that must be on?)`
          : `looking up ${host} failed (${code})`;
    return { ok: false, code: 'dns', message: `DNS: ${why}.` };
  } finally {
    clearTimeout(timer);
  }
}

export function checkTcp(host: string, port: number, timeoutMs = NETWORK_TIMEOUT_MS): Promise<CheckResult> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (result: CheckResult) => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(timeoutMs, () =>
      done({
        ok: false,
        code: 'tcp-timeout',
        message: `No answer from ${host}:${port} within ${timeoutMs / 1000} s: a firewall may be dropping the traffic, or the host is down.`,
      }),
    );
    socket.once('connect', () => done({ ok: true, detail: `${host}:${port} accepts connections` }));
    socket.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'ECONNREFUSED') {
        done({
          ok: false,
          code: 'tcp-refused',
          message: `Nothing is listening on ${host}:${port} (connection refused). Is the server running, and is the port right?`,
        });
      } else {
        done({ ok: false, code: 'tcp-timeout', message: `Could not reach ${host}:${port} (${err.code ?? err.message}).` });
      }
    });
    socket.connect(port, host.replace(/^\[|\]$/g, ''));
  });
}

function describeCertificate(cert: PeerCertificate, error?: string): CertificateInfo {
  const name = (subject: Record<string, string | string[]> | undefined) =>
    subject
      ? Object.entries(subject)
          .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('+') : v}`)
          .join(', ')
      : '';
  return {
    subject: name(cert.subject as unknown as Record<string, string>),
    issuer: name(cert.issuer as unknown as Record<string, string>),
    validFrom: cert.valid_from,
    validTo: cert.valid_to,
    fingerprint256: cert.fingerprint256,
    ...(error ? { error } : {}),
  };
}

const UNTRUSTED = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
  'CERT_UNTRUSTED',
]);

/** TLS handshake with the same trust the S3 client will use: system roots plus an optional CA file. */
export function checkTls(host: string, port: number, caPem: string | undefined, timeoutMs = NETWORK_TIMEOUT_MS): Promise<CheckResult> {
  const bare = host.replace(/^\[|\]$/g, '');
  return new Promise((resolve) => {
    const done = (result: CheckResult) => {
      socket.destroy();
      resolve(result);
    };
    const socket: TLSSocket = tlsConnect({
      host: bare,
      port,
      ...(isIP(bare) ? {} : { servername: bare }),
      ca: caPem ? [...rootCertificates, caPem] : undefined,
      // Verified below, so the report can name the reason and show the certificate.
      rejectUnauthorized: false,
      ALPNProtocols: ['http/1.1'],
    });
    socket.setTimeout(timeoutMs, () =>
      done({ ok: false, code: 'tls', message: `The TLS handshake with ${host}:${port} did not finish within ${timeoutMs / 1000} s.` }),
    );
    socket.once('secureConnect', () => {
      const cert = socket.getPeerCertificate();
      const authError = socket.authorizationError
        ? String((socket.authorizationError as NodeJS.ErrnoException).code ?? socket.authorizationError)
        : undefined;
      const identityError = cert && Object.keys(cert).length > 0 ? checkServerIdentity(bare, cert) : undefined;
      if (!authError && !identityError) {
        done({ ok: true, detail: `TLS ${socket.getProtocol() ?? ''} with a trusted certificate for ${host}` });
        return;
      }
      const certificate = describeCertificate(cert, authError ?? (identityError as NodeJS.ErrnoException | undefined)?.code);
      if (authError === 'CERT_HAS_EXPIRED') {
        done({ ok: false, code: 'tls-expired', certificate, message: `The server's certificate expired on ${cert.valid_to}.` });
      } else if (authError && UNTRUSTED.has(authError)) {
        done({
          ok: false,
          code: 'tls-untrusted',
          certificate,
          offer: 'trust-ca',
          message: `The server's certificate (issued by ${certificate.issuer || 'an unknown issuer'}) is not trusted by this machine (${authError}). For a self-hosted server, choose its CA certificate file.`,
        });
      } else if (identityError) {
        done({
          ok: false,
          code: 'tls-hostname',
          certificate,
          message: `The server's certificate is not valid for ${host}: ${identityError.message}`,
        });
      } else {
        done({ ok: false, code: 'tls', certificate, message: `The server's certificate was refused (${authError}).` });
      }
    });
    socket.once('error', (err: NodeJS.ErrnoException) => {
      const text = `${err.code ?? ''} ${err.message}`;
      if (/WRONG_VERSION_NUMBER|wrong version number|packet length too long|http request/i.test(text)) {
        done({
          ok: false,
          code: 'tls-plain-http',
          offer: 'use-http',
          message: `${host}:${port} answers in plain HTTP, not TLS: use an http:// endpoint (or the server's HTTPS port).`,
        });
      } else {
        done({ ok: false, code: 'tls', message: `The TLS handshake with ${host}:${port} failed (${err.code ?? err.message}).` });
      }
    });
  });
}
