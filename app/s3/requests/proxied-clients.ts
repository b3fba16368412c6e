/**
 * Which clients send through a proxy. The client factory records it; the
 * socket-level GET path, which connects to endpoints itself, asks it and
 * steps aside for the SDK's (proxied) handler.
 */
const proxied = new WeakMap<object, { origin: string; source: string }>();

export function markProxied(client: object, proxy: { origin: string; source: string }): void {
  proxied.set(client, proxy);
}

export function proxyOf(client: object): { origin: string; source: string } | undefined {
  return proxied.get(client);
}
