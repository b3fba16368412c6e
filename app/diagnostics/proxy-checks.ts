/**
 * Test connection behind a proxy: the endpoint's name is the proxy's to
 * resolve and its port the proxy's to reach, so those steps check the proxy
 * instead (reachable; for https, willing to open a tunnel to the endpoint)
 * and say which proxy is in the way.
 */
import { FerryError } from '../api/errors.js';
import { openTunnel } from '../s3/proxy/proxy-agents.js';
import { proxyName, type ProxyChoice } from '../s3/proxy/proxy-choice.js';
import type { CheckResult } from './network-checks.js';

export async function checkThroughProxy(proxy: ProxyChoice, endpoint: URL, port: number, timeoutMs: number): Promise<CheckResult> {
  const name = proxyName(proxy);
  const host = endpoint.hostname.replace(/^\[|\]$/g, '');
  try {
    // A tunnel proves both that the proxy answers and that it lets Ferry through to this endpoint.
    const tunnel = await openTunnel(proxy, host, port, timeoutMs);
    tunnel.destroy();
    return { ok: true, detail: `through the proxy ${name}: it opened a tunnel to ${endpoint.host}` };
  } catch (err) {
    const message = err instanceof FerryError ? err.message : `The proxy ${name} failed: ${String(err)}`;
    const status = err instanceof FerryError ? err.details?.status : undefined;
    // Credentials are the proxy's for every request: a 407 fails whatever the endpoint's scheme.
    if (status === 407) {
      // Only the connection's own proxy has a password field to go to; an environment proxy's is in its URL.
      return { ok: false, code: 'proxy-auth', message, ...(proxy.source === 'connection' ? { offer: 'proxy-password' as const } : {}) };
    }
    // An http endpoint's requests go to the proxy whole: a proxy that forwards but refuses CONNECT still works for them.
    if (endpoint.protocol === 'http:' && status !== undefined) {
      return { ok: true, detail: `through the proxy ${name}, which forwards requests to ${endpoint.host}` };
    }
    if (status !== undefined) return { ok: false, code: 'proxy-refused', message };
    const code = err instanceof FerryError && err.details?.errno === 'ETIMEDOUT' ? 'tcp-timeout' : 'proxy-unreachable';
    return { ok: false, code, message };
  }
}
