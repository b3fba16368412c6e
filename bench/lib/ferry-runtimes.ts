/**
 * Which Node each Ferry column runs on. `ferry` is the engine as the desktop
 * app runs it, on Node 24 (Electron's line): the pinned build the test suite
 * uses (scripts/test-node.mjs fetches it once from the npm registry when the
 * machine's Node is older). `ferry-node20` is the command line on the
 * machine's own Node when that is Node 20, the oldest line Ferry supports.
 */
import { ensureTestNode, TEST_NODE_VERSION } from '../../scripts/test-node.mjs';
import type { FerryRuntime } from './tools/ferry';

const major = (version: string): number => Number(version.replace(/^v/, '').split('.')[0]);

export function ferryRuntimes(hostVersion = process.version, hostNode = process.execPath): FerryRuntime[] {
  let node24: FerryRuntime;
  try {
    const { node, note } = ensureTestNode();
    node24 =
      note && major(hostVersion) < major(TEST_NODE_VERSION)
        ? { id: 'ferry', label: 'Ferry', missing: `no Node ${major(TEST_NODE_VERSION)} here: ${note}` }
        : { id: 'ferry', label: 'Ferry', node };
  } catch (err) {
    node24 = { id: 'ferry', label: 'Ferry', missing: err instanceof Error ? err.message : String(err) };
  }
  const node20: FerryRuntime =
    major(hostVersion) === 20
      ? { id: 'ferry-node20', label: 'Ferry (Node 20)', node: hostNode }
      : { id: 'ferry-node20', label: 'Ferry (Node 20)', missing: `this machine's Node is ${hostVersion}, not Node 20` };
  return [node24, node20];
}
