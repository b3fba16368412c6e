#!/usr/bin/env node
// Entry of `npm run bench`: bundles the TypeScript benchmark (bench/main.ts) and runs it.
import { runBundled } from './lib/run-bundled.mjs';

await runBundled('main.ts', 'main.mjs');
