// `ferry`'s executable, written next to the command line's bundle (dist/cli/ferry.cjs) by the build. Node 22.1 and
// later keep V8's compiled code of the bundle and the SDK between runs (in the system's temp folder, or in
// NODE_COMPILE_CACHE; NODE_DISABLE_COMPILE_CACHE=1 turns it off), which takes most of the start off every call. The
// cache must be on before the bundle is compiled, hence this separate first file. Node 20 has no compile cache and
// runs the bundle as before. Bundling the SDK into the one file was measured too and dropped: compiling 3 MB costs
// `ferry --version` more than resolving the packages costs `ferry ls` (docs/performance.md, 2026-12-06).
export const CLI_LAUNCHER = `#!/usr/bin/env node
'use strict';
require('node:module').enableCompileCache?.();
require('./ferry.cjs');
`;
