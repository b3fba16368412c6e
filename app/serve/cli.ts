/** `npm run serve`: parses --port, starts serve mode, prints the one line a user needs, stops on SIGINT/SIGTERM. */
import path from 'node:path';
import { startServe } from './serve-host.js';
import { parseRoots, rootsNotice } from './serve-roots.js';

function parsePort(argv: string[]): number | undefined {
  const i = argv.findIndex((a) => a === '--port' || a.startsWith('--port='));
  if (i < 0) return undefined;
  const arg = argv[i] ?? '';
  const raw = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[i + 1];
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`Ferry: --port wants a number from 0 to 65535, got ${JSON.stringify(raw ?? '')}.`);
    process.exit(2);
  }
  return port;
}

/** `--vault` keeps keys in the passphrase vault (unlocked from the page); without it keys last for the session. */
function parseSecrets(argv: string[]): 'session' | 'vault' {
  return argv.includes('--vault') ? 'vault' : 'session';
}

async function main(): Promise<void> {
  const port = parsePort(process.argv.slice(2));
  const secrets = parseSecrets(process.argv.slice(2));
  const roots = parseRoots(process.argv.slice(2));
  const rendererDir = process.env.FERRY_RENDERER_DIR ?? path.join(__dirname, '..', 'renderer');
  const handle = await startServe({ rendererDir, secrets, roots, ...(port !== undefined ? { port } : {}) });
  // --demo: two sample clouds inside this process, gone with it (see docs/demo-server.md).
  const demo = process.argv.includes('--demo') ? await handle.demo.start() : null;
  if (demo) console.log(`Demo: two sample S3 servers are running, their data in ${demo.folder}; both go when Ferry stops.`);
  console.log(`Ferry is serving at ${handle.url}`);
  console.log(rootsNotice(roots));
  if (secrets === 'vault') console.log('Keys are kept in the passphrase vault: unlock it in the page.');
  const stop = (): void => {
    void handle.demo
      .stop()
      .catch((err: unknown) => console.error(`Ferry: the demo did not stop cleanly: ${(err as Error).message}`))
      .then(() => handle.close())
      .then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  const e = err as NodeJS.ErrnoException;
  console.error(
    e.code === 'EADDRINUSE' ? 'Ferry: that port is already in use; pick another with --port.' : `Ferry could not start: ${e.message}`,
  );
  process.exit(1);
});
