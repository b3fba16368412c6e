/**
 * The desktop app uses the system's proxy where the user has set none of
 * their own: Chromium's session knows it (from the OS settings, GNOME or
 * KDE, or a PAC script) and answers per URL in PAC form ("PROXY host:port;
 * DIRECT"). Ferry's core takes proxies in the environment's shape, so the
 * answer for a typical https and http endpoint is turned into HTTPS_PROXY
 * and HTTP_PROXY. Proxy variables in the environment win, as they do in
 * serve mode and the CLI. A PAC script that sends different clouds through
 * different proxies is reduced to its answer for the typical endpoint, and
 * SOCKS proxies are not supported by the core: both are said in the docs.
 */
import type { Session } from 'electron';
import type { ProxyEnv } from '../app/s3/proxy/proxy-choice.js';

const PROBE = { https: 'https://s3.amazonaws.com/', http: 'http://s3.amazonaws.com/' } as const;
const OWN_VARIABLES = ['HTTPS_PROXY', 'HTTP_PROXY', 'ALL_PROXY'];
/** Loopback never goes through a proxy: local test servers, MinIO on the same box. */
const LOOPBACK = 'localhost,127.0.0.0/8,::1';

/** The proxy URL a PAC answer's first usable entry names, or null for DIRECT (or only SOCKS). */
export function proxyUrlFromPac(answer: string): string | null {
  for (const entry of answer.split(';').map((e) => e.trim())) {
    const [kind, hostPort] = entry.split(/\s+/, 2);
    if (kind === 'DIRECT') return null;
    if (kind === 'PROXY' && hostPort) return `http://${hostPort}`;
    if (kind === 'HTTPS' && hostPort) return `https://${hostPort}`;
  }
  return null;
}

export function hasOwnProxy(env: NodeJS.ProcessEnv): boolean {
  return OWN_VARIABLES.some((name) => Boolean(env[name]?.trim() || env[name.toLowerCase()]?.trim()));
}

/** The system proxy in the core's shape, or undefined when the environment names one or the system has none. */
export async function systemProxyEnv(session: Pick<Session, 'resolveProxy'>, env: NodeJS.ProcessEnv): Promise<ProxyEnv | undefined> {
  if (hasOwnProxy(env)) return undefined;
  const [https, http] = await Promise.all([session.resolveProxy(PROBE.https), session.resolveProxy(PROBE.http)]);
  const out: ProxyEnv = {};
  const httpsProxy = proxyUrlFromPac(https);
  const httpProxy = proxyUrlFromPac(http);
  if (httpsProxy) out.HTTPS_PROXY = httpsProxy;
  if (httpProxy) out.HTTP_PROXY = httpProxy;
  if (!httpsProxy && !httpProxy) return undefined;
  out.NO_PROXY = [env.NO_PROXY ?? env.no_proxy, LOOPBACK].filter(Boolean).join(',');
  return out;
}
