/**
 * The remote variants (W1r, W2r, W5r, W6r): the same workloads with MinIO and
 * versitygw behind Toxiproxy, which adds `remoteLatencyMs` to every packet
 * each way, as a cloud's round trip does where loopback has none. Every tool
 * connects to the same proxy endpoints; the benchmark's own seeding and
 * verifying go straight to the servers, untimed as always. Here requests in
 * flight, and how fast a tool ramps up to them, matter more than CPU.
 */
import type { Toxiproxy } from '../../e2e/servers/toxiproxy';
import type { Endpoint } from './tools/types';
import type { Workload } from './workload-types';

export function remoteVariant(w: Workload): Workload {
  return {
    ...w,
    id: w.id.replace(/^(W\d+)/, '$1r'),
    group: `${w.group}r`,
    remote: true,
    title: (s) => `${w.title(s)}, ${s.remoteLatencyMs} ms each way`,
  };
}

/**
 * `ep` as the tools see it in a remote workload: a proxy of its own in front
 * of the server, with the same latency on requests and on responses.
 */
export async function behindProxy(toxiproxy: Toxiproxy, tag: string, ep: Endpoint, latencyMs: number): Promise<Endpoint> {
  const proxy = await toxiproxy.proxy(`${tag}-${ep.name}`.toLowerCase(), ep.server.endpoint);
  for (const stream of ['upstream', 'downstream'] as const) {
    await proxy.addToxic({ name: `latency-${stream}`, type: 'latency', stream, attributes: { latency: latencyMs, jitter: 0 } });
  }
  return { name: ep.name, server: { ...ep.server, endpoint: proxy.endpoint }, direct: ep.server };
}
