// Types for scripts/install-bench-peers.mjs, which the TypeScript benchmark imports.
export interface GoPeer {
  name: string;
  module: string;
  version: string;
  ldflags?: string;
}
export declare const GO_PEERS: GoPeer[];
export declare const AWS_CLI: { name: string; pypi: string; version: string };
export declare const PEER_NAMES: string[];
export declare function awsVenvDir(): string;
export declare function locatePeer(name: string): string | undefined;
export declare function peerVersion(name: string): string | undefined;
export declare function ensureBenchPeers(names?: string[]): { name: string; reason: string }[];
