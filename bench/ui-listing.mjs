#!/usr/bin/env node
// `node bench/ui-listing.mjs [--keys N] [--runs N]`: the listing benchmarks
// of benchmarks.md that need a real window (L2, G1, G2), from
// bench/ui/listing.ts. Not part of `npm test`: it prints figures, it asserts nothing.
import { runBundled } from './lib/run-bundled.mjs';

await runBundled('ui/listing.ts', 'ui-listing.mjs');
