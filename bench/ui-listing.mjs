#!/usr/bin/env node
// `node bench/ui-listing.mjs [--keys N] [--runs N]`: the listing benchmarks
// of benchmarks.md that need a real window (L2, G1, G2). Bundles
// bench/ui/listing.ts with esbuild into dist/bench/ (as run.mjs does) and
// runs it. Not part of `npm test`: it prints figures, it asserts nothing.
import { build } from 'esbuild';

const outfile = new URL('../dist/bench/ui-listing.mjs', import.meta.url).pathname;
await build({
  entryPoints: [new URL('./ui/listing.ts', import.meta.url).pathname],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  packages: 'external',
  logLevel: 'warning',
});
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
await import(outfile);
