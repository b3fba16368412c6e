// `ferry`'s executable, written next to the command line's bundle (dist/cli/ferry.cjs) by the build. Node 22.1 and
// later keep V8's compiled code of the bundle and the SDK between runs (in the system's temp folder, or in
// NODE_COMPILE_CACHE; NODE_DISABLE_COMPILE_CACHE=1 turns it off), which takes most of the start off every call. The
// cache must be on before the bundle is compiled, hence this separate first file. Node 20 has no compile cache and
// runs the bundle as before. Bundling the SDK into the one file was measured too and dropped: compiling 3 MB costs
// `ferry --version` more than resolving the packages costs `ferry ls` (docs/performance.md, 2026-12-06).
//
// Memory: from Node 22 on, V8 sizes its young generation to the machine (up to 64 MiB per semi-space on a large one).
// For a transfer of many small objects that young generation is most of the process: peak RSS 225–237 MiB on Node 24
// for 10,000 × 4 KiB up or down, against 146–216 MiB with 16 MiB semi-spaces, Node 20's default (docs/performance.md).
// A transfer command therefore starts over in place with that size (execve: the same process, no parent left waiting,
// ~30 ms); every other command keeps its fast start, and Node 20 (no execve, already 16 MiB) runs as it is. `rm` is
// not a transfer here: it keeps a page of keys at a time, and deleting 10,000 or 40,000 keys peaked at the same RSS
// (101-108 and 129 MiB) with or without the restart, which only cost it ~30 ms of wall and CPU (docs/performance.md,
// 2026-12-07).
export const CLI_LAUNCHER = `#!/usr/bin/env node
'use strict';
const transfers = new Set(['cp', 'mv', 'sync', 'resume']);
if (
  typeof process.execve === 'function' &&
  transfers.has(process.argv[2]) &&
  !process.execArgv.some((a) => a.startsWith('--max-semi-space-size'))
) {
  process.execve(process.execPath, [process.execPath, ...process.execArgv, '--max-semi-space-size=16', __filename, ...process.argv.slice(2)], process.env);
}
require('node:module').enableCompileCache?.();
require('./ferry.cjs');
`;
