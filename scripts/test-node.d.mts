// Types for scripts/test-node.mjs, which the TypeScript benchmark imports to run Ferry on Node 24.
export declare const TEST_NODE_VERSION: string;
export declare function testNodeDir(): string;
export declare function ensureTestNode(): { node: string; note: string | null };
