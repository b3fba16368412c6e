#!/usr/bin/env node
// Entry of `npm run bench:report`: bundles bench/report/main.ts and runs it (see there for the options).
import { runBundled } from './lib/run-bundled.mjs';

await runBundled('report/main.ts', 'report.mjs');
