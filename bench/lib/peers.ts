/** The peers' install script, seen from the benchmark; versions are read once per run (each read starts a process). */
import { ensureBenchPeers, locatePeer as locate, peerVersion as readVersion } from '../../scripts/install-bench-peers.mjs';

const versions = new Map<string, string | undefined>();

export function locatePeer(name: string): string | undefined {
  return locate(name);
}

export function peerVersion(name: string): string | undefined {
  if (!versions.has(name)) versions.set(name, readVersion(name));
  return versions.get(name);
}

export { ensureBenchPeers };
