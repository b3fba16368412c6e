// Builds Ferry: the renderer with Vite, and the Node side (Electron main,
// preload, serve-mode entry, command line) with esbuild as CommonJS bundles.
// Usage: node scripts/build.mjs [--no-electron]
import { build as esbuild } from 'esbuild';
import { chmod, copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { build as viteBuild } from 'vite';
import { CLI_LAUNCHER } from './cli-launcher.mjs';
import { makeIcons } from './make-icons.mjs';

const skipElectron = process.argv.includes('--no-electron');
const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'));

const node = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  define: { __FERRY_VERSION__: JSON.stringify(pkg.version) },
  // Keep the SDK and ws as real packages: electron-builder ships node_modules, and serve mode runs from the checkout.
  packages: 'external',
  // A package loaded when first needed (the mime-types table) is required, not import()ed: import() of a CommonJS
  // package goes through Node's ESM loader, a few ms more for the same module.
  supported: { 'dynamic-import': false },
};

const started = Date.now();
await viteBuild({ configFile: new URL('../vite.config.ts', import.meta.url).pathname, logLevel: 'warn' });
await mkdir('dist/cli', { recursive: true });
const jobs = [
  esbuild({ ...node, entryPoints: ['app/serve/cli.ts'], outfile: 'dist/serve/index.cjs' }),
  // The command line twin (`ferry`, the package's bin): same engine, runs from the checkout. index.cjs, the
  // executable, turns V8's compile cache on and loads the bundle (scripts/cli-launcher.mjs).
  esbuild({ ...node, entryPoints: ['app/cli/ferry.ts'], outfile: 'dist/cli/ferry.cjs' }),
  writeFile('dist/cli/index.cjs', CLI_LAUNCHER),
];
if (!skipElectron) {
  jobs.push(esbuild({ ...node, entryPoints: ['main/index.ts'], outfile: 'dist/main/index.cjs', external: ['electron'] }));
  // A sandboxed preload may require nothing but electron, so it is bundled whole.
  jobs.push(
    esbuild({ ...node, packages: undefined, entryPoints: ['main/preload.ts'], outfile: 'dist/main/preload.cjs', external: ['electron'] }),
  );
}
await Promise.all(jobs);
if (!skipElectron) {
  // The window's own icon, from the same source as the packages' icons.
  const { paths } = await makeIcons();
  await copyFile(paths.pngs.find((p) => p.size === 256).file, 'dist/renderer/icon.png');
}
await chmod('dist/cli/index.cjs', 0o755);
console.log(`Ferry built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
