// Runs a TypeScript entry of the benchmarks: bundled by esbuild (as
// scripts/build.mjs does for Ferry) into dist/bench/, then imported.
// dist/bench/ sits two folders below the checkout like e2e/servers/, so the
// server harness finds scripts/ by the same relative path.
import { build } from 'esbuild';

export async function runBundled(entry, outName) {
  const outfile = new URL(`../../dist/bench/${outName}`, import.meta.url).pathname;
  await build({
    entryPoints: [new URL(`../${entry}`, import.meta.url).pathname],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    packages: 'external',
    logLevel: 'warning',
  });
  // The SDK warns on Node 20 in every process; the benchmarks and their Node tools run on Node 20 here.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  await import(outfile);
}
